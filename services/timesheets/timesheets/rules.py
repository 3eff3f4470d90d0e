"""The rules a time entry must keep. Pure: no Flask, no SQLAlchemy.

Units, decided and documented here:
- Coaching time is every activity except `release_day`; it counts against the hours
  approved (including extensions).
- `release_day` entries record the teacher's release (substitute/TOC) time. They do not
  count against coaching hours; they are measured in half-days, each started half-day
  (up to 210 minutes) counting as one, and one entry is at most a day (420 minutes).
- A lesson cycle is counted by its observation: each `lesson_cycle_observation` entry is
  one cycle (its planning and debrief entries belong to it and are not counted).
- Voluntary peer coaching: at most 2 lesson cycles and 1 release day (one `release_day`
  entry). Other programs: release half-days at most the pairing's `release_half_days`.
- A ticket number books substitute coverage (document 002: "TOC coverage is to be booked by
  the teacher using the ticket number & the account code assigned"), so only a `release_day`
  entry carries one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from timesheets.money import half_days, hours
from timesheets.periods import period_of

ACTIVITIES = ("planning", "demonstration_lesson", "debrief", "observation", "team_teaching",
              "lesson_cycle_planning", "lesson_cycle_observation", "lesson_cycle_debrief",
              "release_day", "other")
RELEASE = "release_day"
LESSON_CYCLE = "lesson_cycle_observation"
VOLUNTARY = "voluntary_peer_coaching"
MAX_LESSON_CYCLES = 2
MAX_VOLUNTARY_RELEASE_DAYS = 1
MAX_RELEASE_MINUTES = 420


class RuleBroken(Exception):
    """An entry the rules refuse: `field` names what to change, the message says why."""

    def __init__(self, code: str, field: str, message: str):
        super().__init__(message)
        self.code, self.field, self.message = code, field, message


@dataclass(frozen=True)
class Terms:
    program: str
    hours_approved: Decimal
    release_half_days: int
    started_on: date
    closed_on: date | None


@dataclass(frozen=True)
class Entry:
    day: date
    minutes: int
    activity: str
    ticket_number: str | None = None


def coaching_minutes(entries) -> int:
    return sum(e.minutes for e in entries if e.activity != RELEASE)


def release_half_days(entries) -> int:
    return sum(half_days(e.minutes) for e in entries if e.activity == RELEASE)


def check(terms: Terms, others: list[Entry], entry: Entry, today: date, locked: set[str]) -> None:
    """Raise RuleBroken for the first rule `entry` breaks beside the pairing's `others`."""
    check_dates(terms, entry, today, locked)
    if entry.ticket_number and entry.activity != RELEASE:
        raise RuleBroken("ticket_without_release", "ticket_number",
                         "A ticket number books substitute (release) time: only a release_day entry carries one.")
    if entry.activity == RELEASE:
        check_release(terms, others, entry)
    else:
        check_hours(terms, others, entry)
    if entry.activity == LESSON_CYCLE and terms.program == VOLUNTARY:
        check_lesson_cycles(others)


def check_dates(terms: Terms, entry: Entry, today: date, locked: set[str]) -> None:
    if entry.day > today:
        raise RuleBroken("future_date", "date", f"{entry.day} is in the future; log time once it is done.")
    if entry.day < terms.started_on:
        raise RuleBroken("before_pairing", "date",
                         f"{entry.day} is before the pairing started on {terms.started_on}.")
    if terms.closed_on and entry.day > terms.closed_on:
        raise RuleBroken("after_pairing", "date",
                         f"{entry.day} is after the pairing closed on {terms.closed_on}.")
    if period_of(entry.day) in locked:
        raise RuleBroken("month_locked", "date",
                         f"The timesheet for {period_of(entry.day)} is submitted or approved; "
                         "its entries can no longer change.")


def check_hours(terms: Terms, others: list[Entry], entry: Entry) -> None:
    used = coaching_minutes(others)
    allowed = terms.hours_approved * 60
    if used + entry.minutes > allowed:
        remaining = max(allowed - used, Decimal(0))
        raise RuleBroken("over_approved_hours", "minutes",
                         f"This would exceed the {terms.hours_approved} hours approved: "
                         f"{hours(used)} used, {remaining:.0f} minutes ({remaining / 60:.2f} hours) remain.")


def check_release(terms: Terms, others: list[Entry], entry: Entry) -> None:
    if entry.minutes > MAX_RELEASE_MINUTES:
        raise RuleBroken("release_too_long", "minutes",
                         f"A release day entry is at most one day ({MAX_RELEASE_MINUTES} minutes).")
    if terms.program == VOLUNTARY:
        days = sum(1 for e in others if e.activity == RELEASE)
        if days >= MAX_VOLUNTARY_RELEASE_DAYS:
            raise RuleBroken("release_limit", "activity",
                             f"Voluntary peer coaching allows {MAX_VOLUNTARY_RELEASE_DAYS} release day; "
                             f"{days} already logged, 0 remain.")
        return
    used = release_half_days(others)
    if used + half_days(entry.minutes) > terms.release_half_days:
        raise RuleBroken("release_limit", "minutes",
                         f"This release needs {half_days(entry.minutes)} half-day(s); "
                         f"{used} of {terms.release_half_days} used, "
                         f"{max(terms.release_half_days - used, 0)} remain.")


def check_lesson_cycles(others: list[Entry]) -> None:
    cycles = sum(1 for e in others if e.activity == LESSON_CYCLE)
    if cycles >= MAX_LESSON_CYCLES:
        raise RuleBroken("lesson_cycle_limit", "activity",
                         f"Voluntary peer coaching allows {MAX_LESSON_CYCLES} lesson cycles; "
                         f"{cycles} already logged, 0 remain.")


def threshold_due(hours_approved: Decimal, used_minutes: int, notified_for: Decimal | None) -> bool:
    """80% of the approved hours used, and not yet announced for this approved total.

    An extension raises the approved total; once usage reaches 80% of the new total it is
    announced again, so coach and coordinator hear about each approved total once.
    """
    reached = Decimal(used_minutes) >= hours_approved * 60 * Decimal("0.8")
    return hours_approved > 0 and reached and notified_for != hours_approved
