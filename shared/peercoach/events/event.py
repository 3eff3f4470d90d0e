"""An event as a handler receives it: one object, its payload typed as its contract loads it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peercoach.events.contracts import load_payload
from peercoach.events.envelope import Envelope


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    version: int
    occurred_at: datetime
    producer: str
    correlation_id: str
    payload: dict  # Decimal, date and datetime values where the contract names them

    @classmethod
    def of(cls, envelope: Envelope) -> Event:
        return cls(envelope.id, envelope.type, envelope.version, datetime.fromisoformat(envelope.occurred_at),
                   envelope.producer, envelope.correlation_id,
                   load_payload(envelope.type, envelope.version, envelope.payload))
