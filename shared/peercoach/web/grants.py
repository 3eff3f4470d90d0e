"""Roles an admin grants by email, for providers whose claims name no roles (Google Workspace, say).

Matching owns the grants: its admin page, its API and `peercoach grant` make and revoke them, each in
its audit trail, and announce each change (`role.granted`, `role.revoked`). Every service keeps the
current grants in its own `role_grants` table (matching in the same transaction as the change, the
others from those events) and reads them on each request of a signed-in person whose email the
provider verified. A revoke therefore stops working everywhere as soon as its event arrives, whatever
the session cookie says: grants are never copied into the cookie.

Plain SQLAlchemy Core and no Flask: the worker's event handlers use it too.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, DateTime, MetaData, String, Table, UniqueConstraint, delete, func, select
from sqlalchemy.orm import Session

from peercoach.events import contracts
from peercoach.events.event import Event

TABLE = "role_grants"
GRANTED, REVOKED = "role.granted", "role.revoked"
# What an admin may grant (a coach's role comes from the roster, a teacher's from their employee id).
GRANTABLE = contracts.GRANTABLE


def declare(metadata: MetaData) -> None:
    """Put the table on a service's MetaData (so its migrations carry it)."""
    Table(TABLE, metadata,
          Column("id", String(36), primary_key=True),
          Column("email", String(254), nullable=False, index=True),
          Column("role", String(40), nullable=False),
          Column("districts", JSON, nullable=False),
          Column("granted_at", DateTime(timezone=True), nullable=False),
          Column("granted_by", String(254), nullable=False),
          UniqueConstraint("email", "role", name="uq_role_grants_email_role"))


def keep(session: Session, metadata: MetaData, grant: dict) -> None:
    """Record a grant (once: a redelivered event, or one already kept, changes nothing)."""
    table = metadata.tables[TABLE]
    if session.execute(select(table.c.id).where(table.c.id == grant["grant_id"])).first() is None:
        session.execute(table.insert().values(
            id=grant["grant_id"], email=grant["email"].lower(), role=grant["role"],
            districts=list(grant.get("districts") or ()), granted_at=grant["granted_at"],
            granted_by=grant["granted_by"]))


def forget(session: Session, metadata: MetaData, grant_id: str) -> None:
    table = metadata.tables[TABLE]
    session.execute(delete(table).where(table.c.id == grant_id))


def find(session: Session, metadata: MetaData, grant_id: str) -> dict | None:
    table = metadata.tables[TABLE]
    row = session.execute(select(table).where(table.c.id == grant_id)).mappings().first()
    return dict(row) if row else None


def held(session: Session, metadata: MetaData, email: str, role: str) -> bool:
    table = metadata.tables[TABLE]
    return session.execute(select(table.c.id).where(table.c.email == email.lower(),
                                                    table.c.role == role)).first() is not None


def listed(session: Session, metadata: MetaData) -> list[dict]:
    """Every current grant, by email then role."""
    table = metadata.tables[TABLE]
    return [dict(row) for row in session.execute(select(table).order_by(table.c.email, table.c.role)).mappings()]


def roles_of(session: Session, metadata: MetaData, email: str) -> list[tuple[str, tuple[str, ...]]]:
    """The roles granted to `email` (as the provider verified it): (role value, districts) pairs."""
    table = metadata.tables[TABLE]
    rows = session.execute(select(table.c.role, table.c.districts)
                           .where(table.c.email == func.lower(email)).order_by(table.c.role))
    return [(value, tuple(districts or ())) for value, districts in rows]


def payload(grant: dict) -> dict:
    """The `role.granted` event's payload for a grant row."""
    granted_at = grant["granted_at"]
    return {"grant_id": grant["id"], "email": grant["email"], "role": grant["role"],
            "districts": list(grant["districts"]), "granted_by": grant["granted_by"],
            "granted_at": granted_at.isoformat() if isinstance(granted_at, datetime) else granted_at}


def handlers(metadata: MetaData) -> dict:
    """The `role.granted` and `role.revoked` handlers for a service whose tables live on `metadata`."""
    def role_granted(session: Session, event: Event) -> None:
        keep(session, metadata, event.payload)

    def role_revoked(session: Session, event: Event) -> None:
        if find(session, metadata, event.payload["grant_id"]) is None:  # the grant's event is still to come:
            raise LookupError(f"grant {event.payload['grant_id']} revoked before it was heard of; trying again later")
        forget(session, metadata, event.payload["grant_id"])
    return {GRANTED: role_granted, REVOKED: role_revoked}
