"""Fix the price of a month's work when it is approved, so later rate changes never reprice it.

Each entry gets the rate of its pairing's district in force on the entry's date: the
hourly rate for coaching, the half-day rate for release time. Where the district has a
rate of the pairing's program in force that day, that one (voluntary coaches, for one, are
paid the curriculum development rate: document 000); otherwise the district's rate for
every program.
"""
from __future__ import annotations

from bisect import bisect_right
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from peercoach.refusals import Conflict
from timesheets import rules
from timesheets.models import ANY_PROGRAM, Entry, Pairing, Rate


def rate_on(rates: list[Rate], district: str, program: str, day: date) -> Rate:
    """The rate in force on `day`, from the district's `rates` sorted by effective_from: the
    program's own if one is in force, else the one for every program; refused (409 `missing_rate`)."""
    for kind in (program, ANY_PROGRAM):
        dated = [r for r in rates if r.program == kind]
        index = bisect_right([r.effective_from for r in dated], day)
        if index:
            return dated[index - 1]
    raise Conflict(f"No rate for district {district!r} on {day}: set one with PUT /rates/{district} "
                   f"effective on or before that date.", "missing_rate")


def _entries_and_rates(session: Session, coach_id: str, period: str):
    """Each entry of the coach's month with its pairing's district and program and that district's rates."""
    rows = session.execute(select(Entry, Pairing.district, Pairing.program)
                           .join(Pairing, Entry.pairing_id == Pairing.id)
                           .where(Entry.coach_id == coach_id, Entry.period == period)).all()
    by_district: dict[str, list[Rate]] = {}
    for entry, district, program in rows:
        if district not in by_district:
            by_district[district] = list(session.scalars(
                select(Rate).where(Rate.district == district).order_by(Rate.effective_from)))
        yield entry, district, program, by_district[district]


def fix_rates(session: Session, coach_id: str, period: str) -> None:
    """Write the applicable rate on every entry of the coach's month, or refuse (409 `missing_rate`)."""
    for entry, district, program, rates in _entries_and_rates(session, coach_id, period):
        rate = rate_on(rates, district, program, entry.day)
        entry.rate = rate.release_half_day_rate if entry.activity == rules.RELEASE else rate.hourly_rate


def missing_rates(session: Session, coach_id: str, period: str) -> dict[str, date]:
    """The districts with no rate in force on some day logged in the coach's month, each with the first
    such day (what `fix_rates` would refuse)."""
    missing: dict[str, date] = {}
    for entry, district, program, rates in _entries_and_rates(session, coach_id, period):
        try:
            rate_on(rates, district, program, entry.day)
        except Conflict:
            missing[district] = min(missing.get(district, entry.day), entry.day)
    return dict(sorted(missing.items()))
