"""What people do in intake: apply, read applications, withdraw one.

A use case takes a unit of work (the database: each call commits or rolls back as a whole; `submit`
retries a key another request used at the same moment), the acting principal where who acts matters,
and plain values. It returns rows or answers, or raises a refusal (peercoach.refusals). No Flask.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from intake import events, idempotency, records
from intake.config import Config
from intake.models import Application, now, outbox
from intake.submission import Answer, create_unless_repeated, repeat
from peercoach.db import Database
from peercoach.principal import Principal
from peercoach.refusals import Conflict

WITHDRAWABLE = ("submitted", "approved")  # a teacher may leave the program at any time


def submit(db: Database, data: dict, key: str | None = None,
           key_ttl: timedelta = Config().idempotency_key_ttl) -> Answer:
    """The answer to a valid, eligible application (as ApplicationInSchema loaded it); a key is
    remembered for `key_ttl`."""
    if key:
        with db.transaction() as session:
            known = repeat(session, key, data, key_ttl)
        if known:
            return known
    try:
        with db.transaction() as session:
            answer = create_unless_repeated(session, data)
            if key:
                idempotency.remember(session, key, data, answer.status_code, answer.body["id"])
    except IntegrityError:
        if not key:
            raise
        with db.transaction() as session:
            answer = repeat(session, key, data, key_ttl)  # a concurrent request with the key won
        if answer is None:
            raise
    return answer


def applications(db: Database, status: str | None = None, program: str | None = None, page: int = 1,
                 page_size: int = 20) -> dict:
    """One page of applications, oldest first, with the total matching the filters (the coordinator's)."""
    with db.transaction() as session:
        return records.page(session, status, program, page, page_size)


def application(db: Database, principal: Principal, application_id: str) -> Application:
    """One application: for the coordinator, or the teacher who applied."""
    with db.transaction() as session:
        return records.visible(session, application_id, principal)


def withdraw(db: Database, principal: Principal, application_id: str) -> Application:
    """The teacher who applied, or the coordinator, withdraws a submitted or approved application."""
    with db.transaction() as session:
        application = records.visible(session, application_id, principal, for_update=True)
        if application.status not in WITHDRAWABLE:
            raise Conflict(f"This application is {application.status}; it can no longer be withdrawn.",
                           code="not_withdrawable")
        application.status = "withdrawn"
        application.withdrawn_by = principal.role
        application.status_changed_at = now()
        outbox.record(session, "application.withdrawn", events.withdrawn(application))
    return application
