"""Connect to RabbitMQ, retrying with capped exponential backoff and jitter.

The first retry comes at once and the wait grows only while the broker keeps refusing, to at
most half a second (a refused connection costs the broker next to nothing): a broker that
comes back is found again within about half a second. Each outage
is one warning line with its reason (the relay's or consumer's "lost the broker", or the first
refusal when a worker starts without a broker); the retries that follow are debug lines, and
one info line says when the broker answers again. pika's own error lines and tracebacks for
the same events are left out by `logs.configure`.
"""
from __future__ import annotations

import logging
import random
import threading
import time

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


def backoff_delays(base: float = 0.05, cap: float = 0.5):
    """0.05 s, 0.1 s, 0.2 s, 0.4 s, then `cap`, each with full jitter."""
    attempt = 0
    while True:
        yield random.uniform(0, min(cap, base * 2 ** attempt))
        attempt += 1


def connect(amqp_url: str, name: str, stop: threading.Event,
            loss_logged: bool = False) -> pika.BlockingConnection | None:
    """A connection, or None once `stop` is set while waiting to retry.

    `loss_logged`: the caller has already written the warning for this outage.
    """
    started, failures = time.monotonic(), 0
    for delay in backoff_delays():
        if stop.is_set():
            return None
        try:
            connection = pika.BlockingConnection(parameters(amqp_url, name))
        except AMQPError as exc:
            failures += 1
            level = logging.WARNING if failures == 1 and not loss_logged else logging.DEBUG
            log.log(level, "%s: broker unreachable, retrying: %r", name, exc)
            stop.wait(delay)
            continue
        if failures or loss_logged:
            log.info("%s: broker reachable again after %.1fs", name, time.monotonic() - started)
        return connection
    return None


def broker_reachable(amqp_url: str) -> bool:
    try:
        pika.BlockingConnection(parameters(amqp_url, "readiness-check")).close()
        return True
    except (AMQPError, OSError):
        return False
