"""What the money pages read: a submitted month priced as approval would price it (and nothing kept),
the districts whose rate is missing, and what a payroll export would take now."""
from datetime import date
from decimal import Decimal

import pytest

from peercoach.principal import Principal
from peercoach.refusals import Forbidden, NotFound
from timesheets.models import Entry
from timesheets.usecases import paying, timesheets

COORDINATOR = Principal("coordinator", "pat")
PAYROLL = Principal("payroll", "pay@example.org")


@pytest.fixture
def month(service) -> dict:
    """A submitted month: 90 minutes of planning and one release half-day, 40% federation, 60% district."""
    pairing = service.add_pairing()
    service.log(pairing, service.start.replace(day=3), 90, note="Planned the unit.")
    service.log(pairing, service.start.replace(day=4), 180, activity="release_day")
    assert service.sheet(pairing, "submit").status_code == 200
    return pairing


def review(service, pairing: dict, principal: Principal = COORDINATOR) -> dict:
    with service.db.transaction() as session:
        return timesheets.review(session, principal, pairing["coach"]["coach_id"], service.period)


def test_a_missing_rate_is_named_with_its_first_day_and_nothing_is_priced(service, month):
    sheet = review(service, month)
    assert sheet["missing_rates"] == {"SD-61": service.start.replace(day=3)}
    assert sheet["costs"] == [] and sheet["payer_totals"] == {"federation": 0, "district": 0}
    assert sheet["pairings"][0]["entries"][0].note == "Planned the unit."


def test_a_submitted_month_is_priced_as_approval_prices_it_and_no_rate_is_kept(service, month):
    service.rate("SD-61", "40.00", "100.00", service.start)
    sheet = review(service, month)
    assert sheet["missing_rates"] == {}
    assert sheet["payer_totals"] == {"federation": Decimal("24.00"), "district": Decimal("136.00")}
    with service.db.transaction() as session:
        assert {entry.rate for entry in session.query(Entry).filter_by(pairing_id=month["pairing_id"])} == {None}
    assert service.sheet(month, "approve").status_code == 200
    assert review(service, month)["payer_totals"] == sheet["payer_totals"]


def test_only_the_coordinator_reviews_and_only_a_month_handed_in(service, month):
    with pytest.raises(Forbidden):
        review(service, month, Principal("coach", month["coach"]["coach_id"]))
    with pytest.raises(NotFound), service.db.transaction() as session:
        timesheets.review(session, COORDINATOR, "nobody", service.period)


def test_what_waits_for_payroll_is_what_the_batch_then_holds(service, month):
    service.rate("SD-61", "40.00", "100.00", service.start)
    assert service.sheet(month, "approve").status_code == 200
    with service.db.transaction() as session:
        waiting = paying.waiting(session, service.period)
    assert (waiting["timesheets"], waiting["hours"]) == (1, Decimal("1.50"))
    assert waiting["totals"] == {"federation": Decimal("24.00"), "district": Decimal("36.00")}
    with service.db.transaction() as session:
        batch, _ = paying.export_once(session, PAYROLL, service.period, "key-1")
        listed = paying.batches(session, PAYROLL, service.period)
        assert paying.waiting(session, service.period)["timesheets"] == 0
    assert listed["items"][0]["totals"] == waiting["totals"] and batch.gross_total == Decimal("60.00")


def test_rates_in_force_are_the_latest_per_program_up_to_the_day(service):
    service.rate("SD-9", "40.00", "100.00", date(2026, 1, 1))
    service.rate("SD-9", "42.00", "100.00", date(2026, 8, 1))
    service.rate("SD-9", "30.00", "90.00", date(2026, 3, 1), program="voluntary_peer_coaching")
    with service.db.transaction() as session:
        in_force = paying.rates_in_force(session, "SD-9", date(2026, 7, 31))
        assert "SD-9" in paying.districts(session)
    assert [(rate.program, rate.hourly_rate) for rate in in_force] == [
        ("", Decimal("40.00")), ("voluntary_peer_coaching", Decimal("30.00"))]
