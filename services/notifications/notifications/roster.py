"""The coaches' pairings and timesheets, kept from events, for the month-end reminder.

Events may arrive out of order: a close before its creation keeps the pairing closed, and a
timesheet event older than the state already recorded changes nothing.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from notifications.models import CoachPairing, CoachTimesheet


def pairing_seen(session: Session, pairing_id: str, coach: dict, started_on: date | None = None,
                 closed_on: date | None = None) -> None:
    pairing = session.get(CoachPairing, pairing_id, with_for_update=True)
    if pairing is None:
        pairing = CoachPairing(pairing_id=pairing_id)
        session.add(pairing)
    pairing.coach_id, pairing.coach_name, pairing.coach_email = coach["coach_id"], coach["name"], coach["email"]
    pairing.started_on = started_on or pairing.started_on
    pairing.closed_on = closed_on or pairing.closed_on


def timesheet_state(session: Session, coach_id: str, period: str, submitted: bool, as_of: datetime) -> None:
    """Record a timesheet as in or open, unless a later event already said otherwise."""
    if session.get(CoachTimesheet, (coach_id, period), with_for_update=True) is None:
        session.add(CoachTimesheet(coach_id=coach_id, period=period, submitted=submitted, as_of=as_of))
        return
    session.execute(update(CoachTimesheet).where(
        CoachTimesheet.coach_id == coach_id, CoachTimesheet.period == period, CoachTimesheet.as_of <= as_of,
    ).values(submitted=submitted, as_of=as_of))
