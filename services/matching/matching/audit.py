"""The audit trail: who changed a status or touched a disclosure, when, and what (ids and figures only)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from matching.disclosure_models import AuditEntry
from peercoach.principal import Principal


def record(session: Session, principal: Principal, action: str, pairing_id: str | None = None, **details) -> None:
    """Add an entry in the caller's transaction, naming the principal who acted."""
    record_as(session, principal.role, principal.sub, action, pairing_id, **details)


def record_as(session: Session, actor_role: str, actor: str, action: str, pairing_id: str | None = None,
              **details) -> None:
    """Add an entry naming who acted, for changes that come from an event rather than a request."""
    session.add(AuditEntry(actor_role=actor_role, actor=actor, action=action, pairing_id=pairing_id,
                           details=details))
