"""Matching's use cases called as a page or a worker would: a session and a principal, no Flask request."""
import datetime as dt
import uuid
from decimal import Decimal

import pytest

from matching.models import Review
from matching.usecases import coaches, disclosure, pairings, plans, proposals, reflections, reports, reviews
from peercoach.db import Database
from peercoach.principal import Principal
from peercoach.refusals import Conflict, Forbidden, NotFound, RuleBroken
from tests.helpers import submitted_payload

COORDINATOR = Principal("coordinator", "pat")


@pytest.fixture
def db(database_url):
    database = Database(database_url("matching"))
    yield database
    database.dispose()


def new_coach(session) -> str:
    ref = uuid.uuid4().hex[:8]
    return coaches.add(session, {
        "employee_id": f"C{ref}", "name": f"Coach {ref}", "email": f"coach.{ref}@school.example.org",
        "school": "Hill", "district": "BUSD", "focus_areas": ["numeracy"], "grade_levels": ["3", "4"],
        "subjects": ["math"], "support_types": ["observation_feedback"], "programs": ["voluntary_peer_coaching"],
        "max_active_pairings": 2, "active": True}).id


def pending_review(session) -> Review:
    submitted = submitted_payload()
    review = Review(application_id=submitted["application_id"], program=submitted["program"], status="pending",
                    referral="self", teacher=submitted["teacher"], focus_area="numeracy",
                    support_types=["observation_feedback"], submitted_at=dt.datetime.now(dt.timezone.utc))
    session.add(review)
    session.flush()
    return review


def test_the_roster_adds_reads_and_changes_coaches_and_refuses_a_second_employee_id(db):
    with db.transaction() as session:
        coach_id = new_coach(session)
        changed = coaches.change(session, coach_id, {"max_active_pairings": 3})
        listed = coaches.coaches(session, active=True, program="voluntary_peer_coaching")
    with db.transaction() as session, pytest.raises(Conflict) as taken:
        coaches.add(session, {**{k: getattr(changed, k) for k in ("name", "email", "district", "programs")},
                              "employee_id": changed.employee_id, "max_active_pairings": 1})
    with db.transaction() as session, pytest.raises(NotFound):
        coaches.coach(session, "no-such-coach")

    assert (changed.max_active_pairings, changed.places_free) == (3, 3)
    assert [c.id for c in listed] == [coach_id] and taken.value.code == "employee_id_taken"


def test_a_review_is_proposed_decided_once_and_its_pairing_closed_extended_planned_and_reflected_on(db):
    with db.transaction() as session:
        coach_id, review_id = new_coach(session), pending_review(session).id
        outcome = proposals.propose_all(session)
        listed = reviews.reviews(session, "pending")
        approved = reviews.decide(session, COORDINATOR, review_id, {"decision": "approve", "coach_id": coach_id})
    with db.transaction() as session, pytest.raises(Conflict) as again:
        reviews.decide(session, COORDINATOR, review_id, {"decision": "deny", "reason": "Twice."})
    teacher, coach = Principal("teacher", approved.teacher["employee_id"]), Principal("coach", coach_id)

    with db.transaction() as session:
        extension = pairings.request_extension(session, coach, approved.pairing_id, Decimal("4"), "More observations.")
        pairings.decide_extension(session, COORDINATOR, extension.id, approve=True)
        plans.write(session, teacher, approved.pairing_id, {"focus_area": "numeracy", "goals": "Fractions.",
                                                            "support_types": [], "events": []})
        with pytest.raises(Conflict) as not_closed:
            reflections.submit(session, teacher, approved.pairing_id, "Too early.")
        pairings.close(session, COORDINATOR, approved.pairing_id)
        reflections.submit(session, teacher, approved.pairing_id, "It helped.")
        mine = reflections.draft(session, teacher, approved.pairing_id)
        coach_sees = pairings.pairings(session, coach)
        with pytest.raises(NotFound):
            pairings.visible_pairing(session, Principal("coach", "another"), approved.pairing_id)
        with pytest.raises(Forbidden):
            plans.read(session, Principal("teacher", "another"), approved.pairing_id)
        with pytest.raises(Conflict) as not_a_case:
            disclosure.agree(session, teacher, approved.pairing_id, "The district", None)
        trail = [entry.action for entry in reports.audit_trail(session, pairing_id=approved.pairing_id)]

    assert outcome.proposals[review_id].coach_id == coach_id and [r.id for r in listed] == [review_id]
    assert approved.status == "approved" and again.value.code == "review_not_pending"
    assert [p.hours_approved for p in coach_sees] == [Decimal("14")] and coach_sees[0].status == "closed"
    assert (not_closed.value.code, not_a_case.value.code) == ("pairing_not_closed", "not_peer_support")
    assert mine == "It helped."
    assert trail == ["application.approved", "extension.requested", "extension.approved", "pairing.closed"]


def test_an_approval_outside_the_program_rules_is_refused_field_by_field(db):
    with db.transaction() as session:
        coach_id, review_id = new_coach(session), pending_review(session).id
        with pytest.raises(RuleBroken) as broken:
            reviews.decide(session, COORDINATOR, review_id, {"decision": "approve", "coach_id": coach_id,
                                                             "hours_approved": Decimal("50")})
    assert list(broken.value.fields) == ["hours_approved"]


def test_the_program_report_of_a_small_period_hides_every_figure(db):
    with db.transaction() as session:
        pending_review(session)
        today = dt.date.today()
        report = reports.program(session, today, today)
    assert report["totals"]["suppressed"] and report["from"] == today.isoformat()
