"""The audit trail: who changed a status or touched a disclosure, when, and what (ids and figures only)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from matching.models import Base, new_id, now
from peercoach.principal import Principal


class AuditEntry(Base):
    """Who did what and when: status changes and disclosures. `details` holds ids and figures only."""
    __tablename__ = "audit_entries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    actor_role: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60))
    pairing_id: Mapped[str | None] = mapped_column(String(36), index=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)


def record(session: Session, principal: Principal, action: str, pairing_id: str | None = None, **details) -> None:
    """Add an entry in the caller's transaction, naming the principal who acted."""
    record_as(session, principal.role, principal.sub, action, pairing_id, **details)


def record_as(session: Session, actor_role: str, actor: str, action: str, pairing_id: str | None = None,
              **details) -> None:
    """Add an entry naming who acted, for changes that come from an event rather than a request."""
    session.add(AuditEntry(actor_role=actor_role, actor=actor, action=action, pairing_id=pairing_id,
                           details=details))
