"""What every service keeps about browser sessions: the sessions signed out before their end.

A session lives in its cookie, which every service can read; signing out clears the cookie,
but a copy of it (kept by a proxy, a stolen backup, a second tab's request in flight) would
still be good until its absolute limit. So the service that serves sign-out records the
session's id as ended and publishes `session.ended`; every service keeps the ids it hears of
until the session could no longer be used anyway, and refuses them. The sign-in service also
records each authorization response it used, so replaying one (even with the cookie of the
moment before) signs no one in.

Plain SQLAlchemy Core and no Flask: the worker's event handler uses it too.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, MetaData, String, Table, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peercoach.events.envelope import Envelope

ENDED = "ended_sessions"
USED = "used_sign_ins"
EVENT = "session.ended"


def declare(metadata: MetaData) -> None:
    """Put the two tables on a service's MetaData (so its migrations carry them)."""
    Table(ENDED, metadata,
          Column("session_id", String(64), primary_key=True),
          Column("ended_at", DateTime(timezone=True), nullable=False),
          Column("expires_at", DateTime(timezone=True), nullable=False, index=True))
    Table(USED, metadata,
          Column("state", String(128), primary_key=True),
          Column("used_at", DateTime(timezone=True), nullable=False, index=True))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def end(session: Session, metadata: MetaData, session_id: str, expires_at: datetime) -> None:
    """Record a session as ended (once), and forget sessions that have expired anyway."""
    table = metadata.tables[ENDED]
    now = _now()
    session.execute(delete(table).where(table.c.expires_at < now))
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        session.execute(pg_insert(table).values(session_id=session_id, ended_at=now, expires_at=expires_at)
                        .on_conflict_do_nothing())
    elif session.execute(select(table.c.session_id).where(table.c.session_id == session_id)).first() is None:
        session.execute(insert(table).values(session_id=session_id, ended_at=now, expires_at=expires_at))


def has_ended(session: Session, metadata: MetaData, session_id: str) -> bool:
    table = metadata.tables[ENDED]
    return session.execute(select(table.c.session_id).where(table.c.session_id == session_id)).first() is not None


def use_once(session: Session, metadata: MetaData, state: str) -> bool:
    """True the first time an authorization response's `state` is used, False ever after."""
    table = metadata.tables[USED]
    try:
        with session.begin_nested():
            session.execute(insert(table).values(state=state, used_at=_now()))
    except IntegrityError:
        return False
    return True


def handler(metadata: MetaData):
    """The `session.ended` handler for a service whose tables live on `metadata`."""
    def session_ended(session: Session, _envelope: Envelope, payload: dict) -> None:
        end(session, metadata, payload["session_id"], payload["expires_at"])
    return session_ended
