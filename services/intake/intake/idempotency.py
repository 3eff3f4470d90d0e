"""Idempotency-Key: a repeat with the same key and the same body answers with the same application.

The key is the client's secret. A record keeps only what a repeat needs: the key, a fingerprint
(SHA-256) of the request, the status first answered and the application's id; never the body.
A record older than IDEMPOTENCY_KEY_HOURS counts for nothing, and the intake worker purges it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake import config as config_mod
from intake.models import IdempotencyKey, now
from intake.refusals import KeyReused
from peercoach.db import Database

log = logging.getLogger(__name__)
REUSED = ("This Idempotency-Key was already used for a different request; "
          "use a new key for a new application.")
PURGE_EVERY = timedelta(minutes=10)


@dataclass(frozen=True)
class Remembered:
    status_code: int
    application_id: str


def fingerprint(data: dict) -> str:
    """The same for the same request (as the schema loaded it), whatever the order of its keys."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def recall(session: Session, key: str, data: dict, ttl: timedelta) -> Remembered | None:
    """What the first post with `key` led to, or None; KeyReused if the key came with another request."""
    session.execute(delete(IdempotencyKey).where(IdempotencyKey.key == key,
                                                 IdempotencyKey.created_at < now() - ttl))
    stored = session.scalars(select(IdempotencyKey).where(IdempotencyKey.key == key)).first()
    if stored is None:
        return None
    if stored.fingerprint != fingerprint(data):
        raise KeyReused(REUSED)
    return Remembered(stored.status_code, stored.application_id)


def remember(session: Session, key: str, data: dict, status_code: int, application_id: str) -> None:
    session.add(IdempotencyKey(key=key, fingerprint=fingerprint(data), status_code=status_code,
                               application_id=application_id))


def purge(session: Session, ttl: timedelta) -> int:
    """Forget the keys older than `ttl`; the number forgotten."""
    return session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < now() - ttl)).rowcount


def purge_loop(_settings, db: Database, stop: threading.Event) -> None:
    """The worker's loop: purge expired keys now and every PURGE_EVERY until `stop`."""
    ttl = config_mod.load().idempotency_key_ttl
    while not stop.is_set():
        with db.transaction() as session:
            purged = purge(session, ttl)
        if purged:
            log.info("purged %d expired idempotency keys", purged)
        stop.wait(PURGE_EVERY.total_seconds())
