"""How pages show money, time and dates."""
from datetime import date
from decimal import Decimal

from peercoach.web.formats import day, hours, minutes, money, month, program


def test_money_is_currency_with_cents_and_thousands():
    assert money(Decimal("1234.5")) == "$1,234.50"
    assert money(Decimal("0.005")) == "$0.01"
    assert money(Decimal("-12")) == "−$12.00"


def test_time_is_hours_and_minutes():
    assert minutes(150) == "2 h 30 min"
    assert minutes(45) == "45 min"
    assert minutes(120) == "2 h"
    assert hours(Decimal("2.25")) == "2 h 15 min"


def test_months_and_days_spell_the_month_out():
    assert month("2026-11") == "November 2026"
    assert day(date(2026, 3, 4)) == "4 March 2026"
    assert day("2026-03-04T10:00:00+00:00") == "4 March 2026"


def test_programs_have_their_names():
    assert program("voluntary_peer_coaching") == "Voluntary peer coaching"
    assert program("peer_support_service") == "Peer Support Service"
