"""What the coach's pages say a rule leaves, from the refusals the rules raise."""
from datetime import date
from decimal import Decimal

import pytest

from peercoach.refusals import RuleBroken
from timesheets import rules
from timesheets.web.coach_labels import messages_for, what_remains

VOLUNTARY = rules.Terms(rules.VOLUNTARY, Decimal("10"), 0, date(2026, 1, 1), None)
DISTRICT = rules.Terms("district_coaching", Decimal("10"), 4, date(2026, 1, 1), None)
DAY = date(2026, 3, 2)


def refusal(terms: rules.Terms, others: list[rules.Entry], entry: rules.Entry) -> RuleBroken:
    with pytest.raises(RuleBroken) as raised:
        rules.check(terms, others, entry, date(2026, 12, 1), set())
    return raised.value


def test_hours_left_are_said_in_hours_and_minutes():
    broken = refusal(VOLUNTARY, [rules.Entry(DAY, 450, "planning")], rules.Entry(DAY, 200, "planning"))
    assert what_remains(broken) == "That is more than is left: 2 h 30 min of coaching time left on this pairing."
    assert messages_for(broken, {"minutes": [broken.message]}) == {"minutes": [what_remains(broken)]}


def test_a_third_lesson_cycle_says_the_second_is_used():
    cycles = [rules.Entry(DAY, 30, rules.LESSON_CYCLE)] * 2
    assert what_remains(refusal(VOLUNTARY, cycles, rules.Entry(DAY, 30, rules.LESSON_CYCLE))).startswith(
        "The second lesson cycle is used")


def test_release_half_days_left():
    used = [rules.Entry(DAY, 420, rules.RELEASE), rules.Entry(DAY, 180, rules.RELEASE)]
    assert what_remains(refusal(DISTRICT, used, rules.Entry(DAY, 420, rules.RELEASE))) == \
        "That needs more release time than is left: 1 half-day left."


def test_a_refusal_without_a_count_keeps_its_own_message():
    broken = refusal(VOLUNTARY, [], rules.Entry(date(2025, 1, 1), 30, "planning"))
    assert what_remains(broken) is None
    assert messages_for(broken, {"date": [broken.message]}) == {"date": [broken.message]}
