"""Deliver an event to a service's handlers as its consumer does (contract, inbox, one transaction),
without the broker."""
from __future__ import annotations

from dataclasses import replace

from peercoach import service
from peercoach.db import Database
from peercoach.events.envelope import Envelope
from peercoach.messaging.consumer import Consumer
from peercoach.messaging.topology import Names


def deliver(name: str, db: Database, event: str | Envelope, payload: dict | None = None, producer: str = "test",
            occurred_at: str | None = None, version: int = 1) -> Envelope:
    """Hand `event` (an envelope, or a type, its payload and the payload's version) to service `name`'s
    handlers; returns the envelope.
    An envelope delivered again changes nothing, as on the broker."""
    envelope = (event if isinstance(event, Envelope)
                else Envelope.new(event, payload, producer=producer, version=version))
    if occurred_at:
        envelope = replace(envelope, occurred_at=occurred_at)
    spec = service.load(name)
    Consumer(name, db, spec.tables, spec.handlers, "amqp://unused", Names("unused")).handle(envelope)
    return envelope
