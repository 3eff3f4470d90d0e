"""Taking in an application: created once, its event recorded in the same transaction
(`intake.usecases.submit` runs it, with the Idempotency-Key).

A repeat is recognised two ways. With an Idempotency-Key, the first answer to the key is
given again. Without one, a second application of the same teacher to the same program
within DUPLICATE_WINDOW, while the first is still submitted, is taken for a double submit:
the answer is the first application, with status 200 instead of 201.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake import events
from intake.idempotency import Answer
from intake.models import Application, now, outbox
from intake.schemas import ApplicationSchema

DUPLICATE_WINDOW = timedelta(minutes=10)
AS_JSON = ApplicationSchema()


def create_unless_repeated(session: Session, data: dict) -> Answer:
    employee_id, program = data["teacher"]["employee_id"], data["program"]
    one_at_a_time(session, f"intake:{employee_id}:{program}")
    earlier = recent_submission(session, employee_id, program)
    if earlier is not None:
        return Answer(200, AS_JSON.dump(earlier))
    application = Application(employee_id=employee_id, **{k: v for k, v in data.items() if k != "consent"})
    session.add(application)
    session.flush()
    outbox.record(session, "application.submitted", events.submitted(application))
    return Answer(201, AS_JSON.dump(application))


def one_at_a_time(session: Session, name: str) -> None:
    """Serialise transactions about the same teacher and program (PostgreSQL; SQLite writes serially)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(name))))


def recent_submission(session: Session, employee_id: str, program: str) -> Application | None:
    return session.scalars(
        select(Application)
        .where(Application.employee_id == employee_id, Application.program == program,
               Application.status == "submitted", Application.submitted_at >= now() - DUPLICATE_WINDOW)
        .order_by(Application.submitted_at).limit(1)
    ).first()
