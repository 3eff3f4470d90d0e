"""Who published a message, as the broker vouches, and whether that service may produce its event.

Every message carries the AMQP `user_id` property: RabbitMQ refuses a publish whose `user_id`
is not the connection's own user, so `user_id` names the broker user that really published it.
A consumer believes an event only from the broker user of the service that owns its routing key
(`peercoach.events.producers`).

A service sends some messages again under its own user: its consumer's retries and
`peercoach dlq replay`. Those carry the original publisher in the `x-peercoach-published-by`
header, which is believed only on a message whose `user_id` is the consumer's own user (nobody
else can publish as that user), so a retried or replayed event keeps exactly the standing it had.
"""
from __future__ import annotations

from collections.abc import Mapping

import pika

from peercoach.events.envelope import Envelope
from peercoach.events.producers import owner

PUBLISHED_BY = "x-peercoach-published-by"


def publisher(properties: pika.BasicProperties, own_user: str) -> str | None:
    """The broker user that published the message first (None when it did not say)."""
    user = properties.user_id
    if user is not None and user == own_user:
        headers = properties.headers or {}
        if PUBLISHED_BY in headers:
            original = headers[PUBLISHED_BY]
            return (original.decode() if isinstance(original, bytes) else original) or None
    return user


def republished(properties: pika.BasicProperties, own_user: str, headers: dict) -> pika.BasicProperties:
    """Properties to send a received message again as `own_user`, keeping who published it first."""
    return pika.BasicProperties(
        content_type=properties.content_type, delivery_mode=pika.DeliveryMode.Persistent,
        message_id=properties.message_id, correlation_id=properties.correlation_id,
        type=properties.type, app_id=properties.app_id, user_id=own_user,
        headers={**headers, PUBLISHED_BY: publisher(properties, own_user) or ""})


class Producers:
    """Which broker user each service publishes as; `refusal()` says why an event is not believed."""

    def __init__(self, users: Mapping[str, str]):
        self.users = dict(users)

    def refusal(self, envelope: Envelope, published_by: str | None) -> str | None:
        service = owner(envelope.type)
        if service is None:
            return f"no service produces {envelope.type}"
        if envelope.producer != service:
            return f"the envelope names {envelope.producer!r} as producer of {envelope.type}, which {service} owns"
        expected = self.users.get(service)
        if published_by is None or published_by != expected:
            return f"{envelope.type} was published by broker user {published_by!r}, not by {service}'s"
        return None
