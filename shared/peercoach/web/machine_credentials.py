"""Machine credentials: a named secret an integration (a payroll system, a finance office's tool) sends as
`Authorization: Bearer <secret>`, acting in one role (payroll, or finance of one payer and its districts).

Matching owns them: an admin creates one there (the secret is shown once and never stored, only its
SHA-256), lists them and revokes them; matching publishes `credential.issued` (the hash, never the
secret) and `credential.revoked`. Every service keeps the same table from those events, so each
decides every request from the credentials as they are now: a revoked credential stops working as soon
as its event arrives. A service that serves a call notes the credential's last use (at most once a
minute per credential) and, when it is not matching, tells matching with `credential.used.<service>`
so the admin's list shows the last use wherever it happened.

Plain SQLAlchemy Core and no Flask: the worker's event handlers use it too.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import JSON, Column, DateTime, MetaData, String, Table, insert, select, update
from sqlalchemy.orm import Session

from peercoach.events.event import Event
from peercoach.principal import Principal
from peercoach.web.fields import utc

TABLE = "machine_credentials"
OWNER = "matching"
ISSUED, REVOKED = "credential.issued", "credential.revoked"
PREFIX = "pcm_"  # so a leaked secret is recognisable (secret scanners, logs) and never taken for a JWT
USE_GRANULARITY = timedelta(minutes=1)


def used_event(service: str) -> str:
    """The routing key a service tells matching of a credential's use by (one producer per key)."""
    return f"credential.used.{service}"


def declare(metadata: MetaData) -> None:
    """Put the table on a service's MetaData (so its migrations carry it)."""
    Table(TABLE, metadata,
          Column("id", String(36), primary_key=True),
          Column("name", String(100), nullable=False),
          Column("role", String(20), nullable=False),
          Column("payer", String(20), nullable=True),
          Column("districts", JSON, nullable=False),
          Column("secret_hash", String(64), nullable=False, unique=True),
          Column("created_at", DateTime(timezone=True), nullable=False),
          Column("created_by", String(200), nullable=True),
          Column("revoked_at", DateTime(timezone=True), nullable=True),
          Column("last_used_at", DateTime(timezone=True), nullable=True))


def new_secret() -> str:
    """A high-entropy secret (256 random bits) to show once."""
    return PREFIX + secrets.token_urlsafe(32)


def hash_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def looks_like_secret(token: str) -> bool:
    return token.startswith(PREFIX)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def principal_of(row) -> Principal:
    """The caller a credential speaks for: its role, payer and districts, named after the credential."""
    return Principal(row.role, f"credential:{row.name}", None, row.payer, token_id=row.id,
                     districts=tuple(row.districts or ()))


def find(session: Session, metadata: MetaData, secret: str):
    """The non-revoked credential whose hash is the secret's, or None."""
    table = metadata.tables[TABLE]
    wanted = hash_of(secret)
    row = session.execute(select(table).where(table.c.secret_hash == wanted, table.c.revoked_at.is_(None))).first()
    if row is None or not hmac.compare_digest(row.secret_hash, wanted):
        return None
    return row


def note_use(session: Session, metadata: MetaData, row) -> datetime | None:
    """Record that the credential was used now, unless that was recorded less than a minute ago;
    the time recorded, or None when nothing was."""
    now = _now()
    if row.last_used_at is not None and now - utc(row.last_used_at) < USE_GRANULARITY:
        return None
    table = metadata.tables[TABLE]
    session.execute(update(table).where(table.c.id == row.id).values(last_used_at=now))
    return now


def issued_payload(row: dict) -> dict:
    """What `credential.issued` carries: never the secret, only its hash."""
    return {"id": row["id"], "name": row["name"], "role": row["role"], "payer": row["payer"],
            "districts": list(row["districts"]), "secret_hash": row["secret_hash"],
            "created_at": row["created_at"].isoformat()}


def keep_issued(session: Session, metadata: MetaData, payload: dict) -> None:
    table = metadata.tables[TABLE]
    if session.execute(select(table.c.id).where(table.c.id == payload["id"])).first() is None:
        session.execute(insert(table).values(
            id=payload["id"], name=payload["name"], role=payload["role"], payer=payload.get("payer"),
            districts=list(payload.get("districts") or ()), secret_hash=payload["secret_hash"],
            created_at=payload["created_at"]))


def keep_revoked(session: Session, metadata: MetaData, payload: dict) -> None:
    table = metadata.tables[TABLE]
    done = session.execute(update(table).where(table.c.id == payload["id"], table.c.revoked_at.is_(None))
                           .values(revoked_at=payload["revoked_at"]))
    if done.rowcount == 0 and session.execute(select(table.c.id).where(table.c.id == payload["id"])).first() is None:
        raise LookupError(f"credential {payload['id']} revoked before it was heard of; trying again later")


def keep_used(session: Session, metadata: MetaData, payload: dict) -> None:
    """The owner hears of a use elsewhere: the latest use wins."""
    table = metadata.tables[TABLE]
    used_at = payload["used_at"]
    session.execute(update(table).where(table.c.id == payload["id"])
                    .where((table.c.last_used_at.is_(None)) | (table.c.last_used_at < used_at))
                    .values(last_used_at=used_at))


def handlers(metadata: MetaData, service: str, services: tuple[str, ...]) -> dict:
    """The event handlers of `service` (whose tables live on `metadata`): the owner hears of uses
    elsewhere, every other service keeps the credentials as issued and revoked."""
    def on(keep):
        def handle(session: Session, event: Event) -> None:
            keep(session, metadata, event.payload)
        return handle
    if service == OWNER:
        return {used_event(other): on(keep_used) for other in services if other != OWNER}
    return {ISSUED: on(keep_issued), REVOKED: on(keep_revoked)}
