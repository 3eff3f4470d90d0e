"""Look into a service's dead-letter queue and send its messages back for another try."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pika

from peercoach.messaging import trust
from peercoach.messaging.consumer import ATTEMPTS_HEADER
from peercoach.messaging.topology import Names


@dataclass(frozen=True)
class DeadLetter:
    message_id: str | None
    type: str | None
    reason: str | None
    original_queue: str | None


def _describe(properties: pika.BasicProperties, body: bytes) -> DeadLetter:
    """Id and type from the envelope when it can be read, else from the message properties."""
    try:
        envelope = json.loads(body)
    except ValueError:
        envelope = {}
    if not isinstance(envelope, dict):
        envelope = {}
    deaths = (properties.headers or {}).get("x-death") or [{}]
    return DeadLetter(envelope.get("id", properties.message_id), envelope.get("type", properties.type),
                      deaths[0].get("reason"), deaths[0].get("queue"))


def peek(amqp_url: str, names: Names, service: str, limit: int = 100) -> list[DeadLetter]:
    """Describe up to `limit` dead letters without removing them (no payloads are shown)."""
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    seen = []
    try:
        for _ in range(limit):
            method, properties, body = channel.basic_get(names.dead_letter_queue(service))
            if method is None:
                break
            seen.append(_describe(properties, body))
    finally:
        connection.close()
    return seen


def replay(amqp_url: str, names: Names, service: str, limit: int | None = None) -> int:
    """Move dead letters back to the service's queue, each removed only after its confirm.

    They go through the service's retry exchange (so they are back within a second), sent as the
    service's own broker user with the original publisher kept: a replayed event is believed
    exactly as much as when it first arrived, never more."""
    params = pika.URLParameters(amqp_url)
    own_user = params.credentials.username
    connection = pika.BlockingConnection(params)
    channel = connection.channel()
    channel.confirm_delivery()
    moved = 0
    try:
        while limit is None or moved < limit:
            method, properties, body = channel.basic_get(names.dead_letter_queue(service))
            if method is None:
                break
            headers = {k: v for k, v in (properties.headers or {}).items()
                       if k not in (ATTEMPTS_HEADER, "x-death", "x-first-death-exchange",
                                    "x-first-death-queue", "x-first-death-reason")}
            channel.basic_publish(names.retry_exchange(service), service, body,
                                  trust.republished(properties, own_user, headers), mandatory=True)
            channel.basic_ack(method.delivery_tag)
            moved += 1
    finally:
        connection.close()
    return moved
