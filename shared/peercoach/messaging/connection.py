"""Connect to RabbitMQ, retrying with capped exponential backoff and jitter."""
from __future__ import annotations

import logging
import random
import threading

import pika
from pika.exceptions import AMQPError

log = logging.getLogger(__name__)


def parameters(amqp_url: str, name: str) -> pika.URLParameters:
    params = pika.URLParameters(amqp_url)
    params.heartbeat = 30
    params.blocked_connection_timeout = 30
    params.connection_attempts = 1
    params.socket_timeout = 5
    params.client_properties = {"connection_name": name}
    return params


def backoff_delays(base: float = 0.5, cap: float = 15.0):
    """0.5 s, 1 s, 2 s ... up to `cap`, each with full jitter."""
    attempt = 0
    while True:
        yield random.uniform(0, min(cap, base * 2 ** attempt))
        attempt += 1


def connect(amqp_url: str, name: str, stop: threading.Event) -> pika.BlockingConnection | None:
    """A connection, or None once `stop` is set while waiting to retry."""
    for delay in backoff_delays():
        if stop.is_set():
            return None
        try:
            return pika.BlockingConnection(parameters(amqp_url, name))
        except AMQPError as exc:
            log.warning("broker unreachable, retrying in %.1fs: %r", delay, exc)
            stop.wait(delay)
    return None


def broker_reachable(amqp_url: str) -> bool:
    try:
        pika.BlockingConnection(parameters(amqp_url, "readiness-check")).close()
        return True
    except (AMQPError, OSError):
        return False
