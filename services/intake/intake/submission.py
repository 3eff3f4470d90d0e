"""Taking in an application: created once, its event recorded in the same transaction
(`intake.usecases.submit` runs it, with the Idempotency-Key).

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

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake import events, idempotency
from intake.models import Application, now, outbox
from intake.schemas import ApplicationSchema

DUPLICATE_WINDOW = timedelta(minutes=10)
AS_JSON = ApplicationSchema()


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: dict

    @classmethod
    def of(cls, status_code: int, application: Application) -> Answer:
        return cls(status_code, AS_JSON.dump(application))


def repeat(session: Session, key: str, data: dict, key_ttl: timedelta) -> Answer | None:
    """The answer to a repeat of the request first posted with `key`, or None."""
    remembered = idempotency.recall(session, key, data, key_ttl)
    if remembered is None:
        return None
    return Answer.of(remembered.status_code, session.get(Application, remembered.application_id))


def create_unless_repeated(session: Session, data: dict) -> Answer:
    employee_id, program = data["teacher"]["employee_id"], data["program"]
    fingerprint = idempotency.fingerprint(data)
    one_at_a_time(session, f"intake:{employee_id}:{program}")
    earlier = double_submit(session, employee_id, program, fingerprint)
    if earlier is not None:
        return Answer.of(200, earlier)
    application = Application(employee_id=employee_id, fingerprint=fingerprint,
                              **{k: v for k, v in data.items() if k != "consent"})
    session.add(application)
    session.flush()
    outbox.record(session, "application.submitted", events.submitted(application))
    return Answer.of(201, application)


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
