"""Timesheets' use cases called as a page or a worker would: a session and a principal, no Flask request."""
from datetime import timedelta
from decimal import Decimal

import pytest

from peercoach.principal import Principal
from peercoach.refusals import Conflict, Forbidden, NotFound, RuleBroken
from timesheets.usecases import entries, paying, timesheets

COORDINATOR = Principal("coordinator", "pat")


@pytest.fixture
def db(service):
    return service.db


@pytest.fixture
def pairing(service) -> dict:
    return service.add_pairing()


def coach_of(pairing: dict) -> Principal:
    return Principal("coach", pairing["coach"]["coach_id"])


def test_the_coach_logs_changes_and_removes_time_within_the_approved_hours(db, pairing, service):
    coach, pairing_id = coach_of(pairing), pairing["pairing_id"]
    with db.transaction() as session:
        entry = entries.log(session, coach, pairing_id, service.start, 540, "planning", "Planned the unit.")
        entries.change(session, coach, entry.id, {"minutes": 480})
        with pytest.raises(RuleBroken) as over:
            entries.log(session, coach, pairing_id, service.start, 180, "observation", None)
        with pytest.raises(Forbidden):
            entries.log(session, Principal("coach", "another"), pairing_id, service.start, 30, "planning", None)
        used = entries.hours(session, COORDINATOR, pairing_id)
        listed = entries.entries(session, coach, pairing_id)
        entries.remove(session, coach, entry.id)

    assert over.value.code == "over_approved_hours" and over.value.remaining == {"minutes": Decimal(120)}
    assert (used["used"], used["remaining"]) == (Decimal("8.00"), Decimal("2.00"))
    assert [e.id for e in listed] == [entry.id]
    with db.transaction() as session:
        assert entries.entries(session, COORDINATOR, pairing_id) == []
        with pytest.raises(NotFound):
            entries.hours(session, COORDINATOR, "no-such-pairing")


def test_a_month_is_submitted_priced_approved_exported_and_billed(db, pairing, service):
    coach, district = coach_of(pairing), pairing["teacher"]["district"]
    period = service.start.strftime("%Y-%m")
    with db.transaction() as session:
        entries.log(session, coach, pairing["pairing_id"], service.start, 120, "observation", None)
        timesheets.submit(session, coach, coach.sub, period)
    with db.transaction() as session, pytest.raises(Conflict) as unpriced:
        timesheets.approve(session, coach.sub, period)
    with db.transaction() as session:
        paying.set_rates(session, district, service.start - timedelta(days=1), Decimal("50.00"), Decimal("100.00"))
        timesheets.approve(session, coach.sub, period)
        sheet = timesheets.timesheet(session, COORDINATOR, coach.sub, period)
        batch = paying.export(session, period)
        owed = paying.statement(session, Principal("finance", "f", payer="federation"), "federation", period)
        with pytest.raises(RuleBroken) as nothing:
            paying.export(session, period)
        with pytest.raises(Forbidden):
            paying.statement(session, Principal("finance", "f", payer="district"), "federation", period)
        with pytest.raises(Conflict) as decided:
            timesheets.reject(session, coach.sub, period, "Too late.")

    assert unpriced.value.code == "missing_rate"
    assert (sheet["status"], sheet["hours"]) == ("approved", Decimal("2.00"))
    assert (batch.rows, batch.gross_total) == (2, Decimal("100.00"))  # 2 h at 50.00, a row per payer
    assert owed["totals"]["amount"] == Decimal("40.00")  # the federation's 40%
    assert (nothing.value.code, decided.value.code) == ("nothing_to_export", "not_submitted")
    with db.transaction() as session:
        assert paying.batch(session, batch.id).period == period
        assert [r.hourly_rate for r in paying.rates(session, district)] == [Decimal("50.00")]
        with pytest.raises(RuleBroken):
            timesheets.timesheet(session, COORDINATOR, coach.sub, "2026-13")
