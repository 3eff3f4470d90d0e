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

from peercoach.periods import period_of
from peercoach.programs import HOURS_MARK, VOLUNTARY, VOLUNTARY_LESSON_CYCLES, VOLUNTARY_RELEASE_DAYS
from peercoach.refusals import RuleBroken
from timesheets.money import half_days, hours

ACTIVITIES = ("planning", "demonstration_lesson", "debrief", "observation", "team_teaching",
              "lesson_cycle_planning", "lesson_cycle_observation", "lesson_cycle_debrief",
              "release_day", "other")
RELEASE = "release_day"
LESSON_CYCLE = "lesson_cycle_observation"
MAX_LESSON_CYCLES = VOLUNTARY_LESSON_CYCLES
MAX_VOLUNTARY_RELEASE_DAYS = VOLUNTARY_RELEASE_DAYS
MAX_RELEASE_MINUTES = 420


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
        raise RuleBroken("A ticket number books substitute (release) time: only a release_day entry carries one.",
                         "ticket_without_release", field="ticket_number")
    if entry.activity == RELEASE:
        check_release(terms, others, entry)
    else:
        check_hours(terms, others, entry)
    if entry.activity == LESSON_CYCLE and terms.program == VOLUNTARY:
        check_lesson_cycles(others)


def check_dates(terms: Terms, entry: Entry, today: date, locked: set[str]) -> None:
    if entry.day > today:
        raise RuleBroken(f"{entry.day} is in the future; log time once it is done.", "future_date", field="date")
    if entry.day < terms.started_on:
        raise RuleBroken(f"{entry.day} is before the pairing started on {terms.started_on}.",
                         "before_pairing", field="date")
    if terms.closed_on and entry.day > terms.closed_on:
        raise RuleBroken(f"{entry.day} is after the pairing closed on {terms.closed_on}.",
                         "after_pairing", field="date")
    if period_of(entry.day) in locked:
        raise RuleBroken(f"The timesheet for {period_of(entry.day)} is submitted or approved; "
                         "its entries can no longer change.", "month_locked", field="date")


def check_hours(terms: Terms, others: list[Entry], entry: Entry) -> None:
    used = coaching_minutes(others)
    allowed = terms.hours_approved * 60
    if used + entry.minutes > allowed:
        remaining = max(allowed - used, Decimal(0))
        raise RuleBroken(f"This would exceed the {terms.hours_approved} hours approved: "
                         f"{hours(used)} used, {remaining:.0f} minutes ({remaining / 60:.2f} hours) remain.",
                         "over_approved_hours", field="minutes", remaining={"minutes": remaining})


def check_release(terms: Terms, others: list[Entry], entry: Entry) -> None:
    if entry.minutes > MAX_RELEASE_MINUTES:
        raise RuleBroken(f"A release day entry is at most one day ({MAX_RELEASE_MINUTES} minutes).",
                         "release_too_long", field="minutes")
    if terms.program == VOLUNTARY:
        days = sum(1 for e in others if e.activity == RELEASE)
        if days >= MAX_VOLUNTARY_RELEASE_DAYS:
            raise RuleBroken(f"Voluntary peer coaching allows {MAX_VOLUNTARY_RELEASE_DAYS} release day; "
                             f"{days} already logged, 0 remain.", "release_limit", field="activity",
                             remaining={"release_days": 0})
        return
    used = release_half_days(others)
    if used + half_days(entry.minutes) > terms.release_half_days:
        raise RuleBroken(f"This release needs {half_days(entry.minutes)} half-day(s); "
                         f"{used} of {terms.release_half_days} used, "
                         f"{max(terms.release_half_days - used, 0)} remain.", "release_limit", field="minutes",
                         remaining={"release_half_days": max(terms.release_half_days - used, 0)})


def check_lesson_cycles(others: list[Entry]) -> None:
    cycles = sum(1 for e in others if e.activity == LESSON_CYCLE)
    if cycles >= MAX_LESSON_CYCLES:
        raise RuleBroken(f"Voluntary peer coaching allows {MAX_LESSON_CYCLES} lesson cycles; "
                         f"{cycles} already logged, 0 remain.", "lesson_cycle_limit", field="activity",
                         remaining={"lesson_cycles": 0})


def threshold_due(hours_approved: Decimal, used_minutes: int, notified_for: Decimal | None) -> bool:
    """80% of the approved hours used, and not yet announced for this approved total.

    An extension raises the approved total; once usage reaches 80% of the new total it is
    announced again, so coach and coordinator hear about each approved total once.
    """
    return threshold_reached(hours_approved, used_minutes) and notified_for != hours_approved


def threshold_reached(hours_approved: Decimal, used_minutes: int) -> bool:
    """80% of the approved hours used (the mark at which coach and coordinator are told)."""
    return hours_approved > 0 and Decimal(used_minutes) >= hours_approved * 60 * HOURS_MARK
