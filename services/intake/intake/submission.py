"""Taking in an application: created once, its event recorded in the same transaction.

A repeat is recognised two ways, and never hands one person's application to another:

- With an Idempotency-Key (the client's secret), a repeat with the same key and the same body
  answers with the application the key first led to, and the first status; the same key with
  another body is refused.
- Without a key, a post whose whole body matches (by fingerprint) an application of the same
  teacher to the same program, submitted within DUPLICATE_WINDOW and still submitted, is a
  double submit: the answer is that application, with 200 instead of 201. A post that differs
  in anything (another email, other reasons) is a new application; nothing is merged.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake import events, idempotency
from intake.config import Config
from intake.db import outbox
from intake.models import Application, now
from intake.schemas import ApplicationSchema
from peercoach.db import Database

DUPLICATE_WINDOW = timedelta(minutes=10)
AS_JSON = ApplicationSchema()


class Answer:
    def __init__(self, status_code: int, application: Application):
        self.status_code = status_code
        self.body = AS_JSON.dump(application)


def submit(db: Database, data: dict, key: str | None = None,
           key_ttl: timedelta = Config().idempotency_key_ttl) -> Answer:
    """The answer to a valid, eligible application (as ApplicationInSchema loaded it)."""
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


def repeat(session: Session, key: str, data: dict, key_ttl: timedelta) -> Answer | None:
    remembered = idempotency.recall(session, key, data, key_ttl)
    if remembered is None:
        return None
    return Answer(remembered.status_code, session.get(Application, remembered.application_id))


def create_unless_repeated(session: Session, data: dict) -> Answer:
    employee_id, program = data["teacher"]["employee_id"], data["program"]
    fingerprint = idempotency.fingerprint(data)
    one_at_a_time(session, f"intake:{employee_id}:{program}")
    earlier = double_submit(session, employee_id, program, fingerprint)
    if earlier is not None:
        return Answer(200, earlier)
    application = Application(employee_id=employee_id, fingerprint=fingerprint,
                              **{k: v for k, v in data.items() if k != "consent"})
    session.add(application)
    session.flush()
    outbox.record(session, "application.submitted", events.submitted(application))
    return Answer(201, application)


def one_at_a_time(session: Session, name: str) -> None:
    """Serialise transactions about the same teacher and program (PostgreSQL; SQLite writes serially)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(name))))


def double_submit(session: Session, employee_id: str, program: str, fingerprint: str) -> Application | None:
    """The same request, sent again within DUPLICATE_WINDOW while its application is still submitted."""
    return session.scalars(
        select(Application)
        .where(Application.employee_id == employee_id, Application.program == program,
               Application.fingerprint == fingerprint, Application.status == "submitted",
               Application.submitted_at >= now() - DUPLICATE_WINDOW)
        .order_by(Application.submitted_at).limit(1)
    ).first()
