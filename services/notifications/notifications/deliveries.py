"""Putting emails on the delivery log: once per (event, recipient, template)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from notifications.models import Delivery
from notifications.rendering import subject

INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
UNIQUE_KEY = ("event_id", "recipient", "template", "sequence")


def enqueue(session: Session, event_id: str, event_type: str, recipient: str, template: str,
            context: dict) -> bool:
    """Queue an email; False if this event already queued it for this recipient (a redelivery)."""
    context = {key: as_text(value) for key, value in context.items()}
    insert = INSERTS[session.get_bind().dialect.name]
    statement = insert(Delivery.__table__).values(
        event_id=event_id, event_type=event_type, recipient=recipient, template=template, sequence=0,
        subject=subject(template, context), context=context,
    ).on_conflict_do_nothing(index_elements=UNIQUE_KEY).returning(Delivery.__table__.c.id)
    return session.execute(statement).first() is not None


def as_text(value):
    """Amounts and dates as the events carried them ("10.00", "2026-11-02"), for the JSON context."""
    return str(value) if isinstance(value, Decimal) else value.isoformat() if isinstance(value, date) else value


def requeue(session: Session, original: Delivery) -> Delivery:
    """A new delivery of the same email, recorded beside the original."""
    last = session.scalar(select(func.max(Delivery.sequence)).where(
        Delivery.event_id == original.event_id, Delivery.recipient == original.recipient,
        Delivery.template == original.template))
    again = Delivery(event_id=original.event_id, event_type=original.event_type,
                     recipient=original.recipient, template=original.template, sequence=last + 1,
                     resend_of=original.id, subject=original.subject, context=original.context)
    session.add(again)
    session.flush()
    return again


def pending_resend(session: Session, original: Delivery) -> bool:
    """Whether this email is already waiting to go (the original or a resend of it)."""
    return session.scalar(select(func.count()).select_from(Delivery).where(
        Delivery.event_id == original.event_id, Delivery.recipient == original.recipient,
        Delivery.template == original.template, Delivery.state == "queued")) > 0
