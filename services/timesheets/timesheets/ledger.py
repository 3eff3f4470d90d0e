"""The time log of a pairing as the rules see it, and what follows from a change to it."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from timesheets import events, rules
from timesheets.models import Entry, Pairing, Timesheet, outbox
from timesheets.money import hours

LOCKED = ("submitted", "approved")


def terms(pairing: Pairing) -> rules.Terms:
    return rules.Terms(pairing.program, pairing.hours_approved, pairing.release_half_days,
                       pairing.started_on, pairing.closed_on)


def logged(session: Session, pairing_id: str, leaving_out: str | None = None) -> list[rules.Entry]:
    query = select(Entry.day, Entry.minutes, Entry.activity).where(Entry.pairing_id == pairing_id)
    if leaving_out:
        query = query.where(Entry.id != leaving_out)
    return [rules.Entry(*row) for row in session.execute(query)]


def locked_periods(session: Session, coach_id: str) -> set[str]:
    return set(session.scalars(select(Timesheet.period).where(
        Timesheet.coach_id == coach_id, Timesheet.status.in_(LOCKED))))


def is_locked(session: Session, coach_id: str, period: str) -> bool:
    return period in locked_periods(session, coach_id)


def used_minutes(session: Session, pairing_id: str) -> int:
    return session.scalar(select(func.coalesce(func.sum(Entry.minutes), 0)).where(
        Entry.pairing_id == pairing_id, Entry.activity != rules.RELEASE))


def summary(session: Session, pairing: Pairing) -> dict:
    used = used_minutes(session, pairing.id)
    return {"pairing_id": pairing.id, "program": pairing.program, "started_on": pairing.started_on,
            "closed_on": pairing.closed_on, "approved": pairing.hours_approved, "used": hours(used),
            "remaining": max(pairing.hours_approved - hours(used), 0),
            "release_half_days_approved": pairing.release_half_days,
            "release_half_days_used": rules.release_half_days(
                e for e in logged(session, pairing.id) if e.activity == rules.RELEASE)}


def announce_threshold(session: Session, pairing: Pairing) -> None:
    """Record `hours.threshold_reached` once per approved total, when 80% of it is used."""
    used = used_minutes(session, pairing.id)
    if rules.threshold_due(pairing.hours_approved, used, pairing.threshold_notified_for):
        pairing.threshold_notified_for = pairing.hours_approved
        outbox.record(session, "hours.threshold_reached", events.threshold_reached(pairing, hours(used)))
