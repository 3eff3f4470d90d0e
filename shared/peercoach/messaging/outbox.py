"""Write an event in the same transaction as the change that caused it."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from peercoach.events.envelope import Envelope
from peercoach.events.producers import owner
from peercoach.logs import correlation_id
from peercoach.messaging.tables import MessagingTables


class Outbox:
    def __init__(self, tables: MessagingTables, producer: str):
        self.table = tables.outbox
        self.producer = producer

    def record(self, session: Session, type_: str, payload: dict, version: int = 1) -> Envelope:
        """Add the event to the session's transaction; it is relayed only if that commits."""
        if owner(type_) != self.producer:
            raise ValueError(f"{self.producer} may not produce {type_} (see peercoach.events.producers)")
        envelope = Envelope.new(type_, payload, self.producer, correlation_id.get(), version)
        session.execute(self.table.insert().values(
            event_id=envelope.id,
            type=envelope.type,
            body=envelope.to_json().decode(),
            created_at=datetime.now(timezone.utc),
            attempts=0,
        ))
        return envelope
