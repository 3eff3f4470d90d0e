"""The rules an entry must keep, without a database."""
from datetime import date
from decimal import Decimal

import pytest

from timesheets.rules import Entry, RuleBroken, Terms, check, threshold_due

TODAY = date(2026, 3, 20)
DISTRICT = Terms("district_coaching", Decimal("10"), 4, date(2026, 1, 10), None)
VOLUNTARY = Terms("voluntary_peer_coaching", Decimal("10"), 2, date(2026, 1, 10), None)


def broken(terms, others, entry, locked=frozenset()) -> RuleBroken:
    with pytest.raises(RuleBroken) as caught:
        check(terms, others, entry, TODAY, set(locked))
    return caught.value


def test_hours_beyond_the_approval_say_what_remains():
    others = [Entry(date(2026, 2, 1), 540, "planning")]

    error = broken(DISTRICT, others, Entry(date(2026, 2, 2), 61, "observation"))

    assert error.code == "over_approved_hours" and error.field == "minutes"
    assert "9.00 used" in error.message and "60 minutes (1.00 hours) remain" in error.message
    check(DISTRICT, others, Entry(date(2026, 2, 2), 60, "observation"), TODAY, set())


@pytest.mark.parametrize("day, code", [
    (date(2026, 3, 21), "future_date"),
    (date(2026, 1, 9), "before_pairing"),
])
def test_dates_outside_the_pairing(day, code):
    assert broken(DISTRICT, [], Entry(day, 30, "planning")).code == code


def test_no_entry_after_the_pairing_closed_or_in_a_locked_month():
    closed = Terms("district_coaching", Decimal("10"), 4, date(2026, 1, 10), date(2026, 2, 15))

    assert broken(closed, [], Entry(date(2026, 2, 16), 30, "planning")).code == "after_pairing"
    assert broken(DISTRICT, [], Entry(date(2026, 2, 16), 30, "planning"), {"2026-02"}).code == "month_locked"


def test_voluntary_allows_two_lesson_cycles_and_one_release_day():
    cycles = [Entry(date(2026, 2, d), 60, "lesson_cycle_observation") for d in (1, 2)]
    release = [Entry(date(2026, 2, 3), 420, "release_day")]

    assert broken(VOLUNTARY, cycles, Entry(date(2026, 2, 4), 60, "lesson_cycle_observation")).code == \
        "lesson_cycle_limit"
    assert broken(VOLUNTARY, release, Entry(date(2026, 2, 4), 60, "release_day")).code == "release_limit"
    check(VOLUNTARY, cycles + release, Entry(date(2026, 2, 4), 60, "lesson_cycle_debrief"), TODAY, set())


def test_district_release_is_counted_in_started_half_days():
    others = [Entry(date(2026, 2, 1), 420, "release_day"), Entry(date(2026, 2, 2), 100, "release_day")]

    error = broken(DISTRICT, others, Entry(date(2026, 2, 3), 211, "release_day"))

    assert error.code == "release_limit" and "3 of 4 used, 1 remain" in error.message
    check(DISTRICT, others, Entry(date(2026, 2, 3), 210, "release_day"), TODAY, set())


def test_release_time_does_not_use_coaching_hours():
    others = [Entry(date(2026, 2, 1), 600, "planning")]

    check(DISTRICT, others, Entry(date(2026, 2, 2), 210, "release_day"), TODAY, set())


def test_threshold_once_per_approved_total():
    assert not threshold_due(Decimal("10"), 479, None)
    assert threshold_due(Decimal("10"), 480, None)
    assert not threshold_due(Decimal("10"), 600, Decimal("10"))
    assert threshold_due(Decimal("15"), 720, Decimal("10"))
