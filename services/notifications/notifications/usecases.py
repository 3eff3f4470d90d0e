"""What operators do with the delivery log: read it, and send an email again.

A use case takes the session of one transaction (its unit of work) and plain values; it returns rows,
or raises a refusal (peercoach.refusals). No Flask.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from notifications.deliveries import pending_resend, requeue
from notifications.models import Delivery
from peercoach.refusals import Conflict, NotFound

ALREADY_QUEUED = "This email is already queued to be sent."


def deliveries(session: Session, first: int, size: int, recipient: str | None = None,
               state: str | None = None) -> tuple[int, list[Delivery]]:
    """How many emails match, and `size` of them from the `first`th, newest first."""
    statement = select(Delivery)
    if recipient is not None:
        statement = statement.where(func.lower(Delivery.recipient) == recipient.lower())
    if state is not None:
        statement = statement.where(Delivery.state == state)
    count = session.scalar(select(func.count()).select_from(statement.subquery()))
    return count, list(session.scalars(statement.order_by(Delivery.created_at.desc(), Delivery.id)
                                       .offset(first).limit(size)))


def resend(session: Session, delivery_id: str) -> Delivery:
    """Send a sent or failed email again, as a new delivery recorded beside the first."""
    original = session.get(Delivery, delivery_id)
    if original is None:
        raise NotFound(f"No email {delivery_id} in the delivery log.")
    if pending_resend(session, original):
        raise Conflict(ALREADY_QUEUED, "already_queued")
    try:
        return requeue(session, original)
    except IntegrityError:
        raise Conflict(ALREADY_QUEUED, "already_queued") from None
