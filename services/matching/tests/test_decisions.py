"""The panel's decision: program rules give defaults and limits; events tell the others."""
from peercoach.events.contracts import PairingCreatedV2


def test_approval_creates_the_pairing_and_tells_everyone_in_one_go(matching):
    coach = matching.add_coach(name="Grace Hopper", email="grace@school.example.org")
    partner = {"name": "Lin Partner", "email": "lin@school.example.org"}
    review = matching.submit(learning_partner=partner)

    response = matching.approve(review["id"], coach["id"])

    assert response.status_code == 200, response.get_json()
    decided = response.get_json()
    [approved] = matching.events("application.approved")
    [created] = matching.events("pairing.created")
    assert decided["status"] == "approved" and decided["pairing_id"] == created["pairing_id"]
    assert approved == {"application_id": review["application_id"], "review_id": review["id"],
                        "pairing_id": created["pairing_id"], "program": "voluntary_peer_coaching",
                        "teacher": {"name": f"Ada {review['teacher']['last_name']}",
                                    "email": review["teacher"]["email"]},
                        "coach_id": coach["id"], "hours_approved": "10.00"}
    assert PairingCreatedV2().validate(created) == {}
    assert created["teacher"] == review["teacher"] and created["learning_partner"] == partner
    assert created["coach"] == {"coach_id": coach["id"], "employee_id": coach["employee_id"],
                                "name": "Grace Hopper", "email": "grace@school.example.org", "district": "BUSD"}
    assert (created["hours_approved"], created["release_half_days"], created["account_code"]) == ("10.00", 2, "")
    assert created["funding"] == {"federation_pct": "0.00", "district_pct": "100.00"}
    pairing = matching.client.get(f"/pairings/{created['pairing_id']}", headers=matching.coordinator).get_json()
    assert pairing["coach_id"] == coach["id"] and pairing["status"] == "active"


def test_the_panel_sets_peer_support_terms_and_a_negotiated_split(matching):
    consultant = matching.add_coach(programs=["peer_support_service"])
    review = matching.submit(program="peer_support_service", referral="plan_of_assistance")

    response = matching.approve(review["id"], consultant["id"], hours_approved="22.5", release_half_days=6,
                                funding={"federation_pct": 30, "district_pct": "70.00"}, account_code="PSS-7")

    assert response.status_code == 200, response.get_json()
    [created] = matching.events("pairing.created")
    assert (created["hours_approved"], created["release_half_days"]) == ("22.50", 6)
    assert "referral" not in created, "the referral goes to no service that does not need it"
    assert created["funding"] == {"federation_pct": "30.00", "district_pct": "70.00"}


def test_the_panel_may_date_the_start_of_a_pairing_within_a_year(matching):
    from datetime import date, timedelta
    coach = matching.add_coach()
    review, late = matching.submit(), matching.submit()
    earlier = (date.today() - timedelta(days=40)).isoformat()

    dated = matching.approve(review["id"], coach["id"], starts_on=earlier)
    too_early = matching.approve(late["id"], coach["id"], starts_on=(date.today() - timedelta(days=400)).isoformat())

    assert dated.status_code == 200, dated.get_json()
    [created] = matching.events("pairing.created")
    assert created["started_on"] == earlier
    assert too_early.status_code == 422 and "starts_on" in too_early.get_json()["error"]["fields"]


def test_denial_gives_its_reason(matching):
    review = matching.submit()

    response = matching.decide(review["id"], decision="deny", reason="No coach in this area this term.")

    assert response.get_json()["status"] == "denied"
    [denied] = matching.events("application.denied")
    assert denied["reason"] == "No coach in this area this term." and denied["review_id"] == review["id"]
    assert matching.events("pairing.created") == []


def test_a_decided_review_cannot_be_decided_again(matching):
    coach = matching.add_coach()
    review = matching.submit()
    matching.decide(review["id"], decision="deny", reason="Not this year.")

    again = matching.approve(review["id"], coach["id"])

    assert again.status_code == 409 and again.get_json()["error"]["code"] == "review_not_pending"


def test_an_inactive_or_full_coach_or_the_teacher_themself_is_refused_with_409(matching):
    inactive = matching.add_coach(active=False)
    full = matching.add_coach(max_active_pairings=1)
    matching.approve(matching.submit()["id"], full["id"])
    review = matching.submit()
    myself = matching.add_coach(employee_id=review["teacher"]["employee_id"])

    refusals = {coach["id"]: matching.approve(review["id"], coach["id"]) for coach in (inactive, full, myself)}

    assert {r.status_code for r in refusals.values()} == {409}
    assert [r.get_json()["error"]["code"] for r in refusals.values()] == [
        "coach_inactive", "coach_at_capacity", "coach_is_the_teacher"]
    assert matching.review_of(review["application_id"])["status"] == "pending"
    assert len(matching.events("pairing.created")) == 1


def test_a_proposal_on_another_review_holds_the_coachs_place(matching):
    coach = matching.add_coach(max_active_pairings=1)
    first = matching.submit()
    matching.client.post("/assignments/propose", headers=matching.coordinator)
    second = matching.submit()

    taken = matching.approve(second["id"], coach["id"])
    own = matching.approve(first["id"], coach["id"])

    assert taken.status_code == 409 and taken.get_json()["error"]["code"] == "coach_at_capacity"
    assert own.status_code == 200


def test_bad_decisions_are_refused_naming_the_field_and_nothing_is_written(matching):
    coach = matching.add_coach(programs=["voluntary_peer_coaching", "district_coaching"])
    review = matching.submit()
    district = matching.submit(program="district_coaching")
    cases = [
        (review, dict(decision="approve", coach_id="no-such-coach"), "coach_id"),
        (review, dict(decision="approve", coach_id=coach["id"], hours_approved=-5), "hours_approved"),
        (review, dict(decision="approve", coach_id=coach["id"], hours_approved="10.555"), "hours_approved"),
        (review, dict(decision="approve", coach_id=coach["id"], hours_approved=80), "hours_approved"),
        (review, dict(decision="approve", coach_id=coach["id"], release_half_days=3), "release_half_days"),
        (review, dict(decision="approve", coach_id=coach["id"],
                      funding={"federation_pct": 60, "district_pct": 30}), "funding"),
        (review, dict(decision="approve", coach_id=coach["id"], funding={"district_pct": 100}), "funding"),
        (review, dict(decision="approve"), "coach_id"),
        (review, dict(decision="deny"), "reason"),
        (review, dict(decision="deny", reason="No.", coach_id=coach["id"]), "coach_id"),
        (review, dict(decision="maybe"), "decision"),
        (review, dict(decision="approve", coach_id=coach["id"], bonus=True), "bonus"),
        (district, dict(decision="approve", coach_id=coach["id"]), "account_code"),
    ]
    for target, body, field in cases:
        response = matching.decide(target["id"], **body)
        assert response.status_code == 422, (body, response.get_json())
        assert field in response.get_json()["error"]["fields"], (body, response.get_json())
    assert matching.client.get("/reviews", headers=matching.coordinator).get_json()[0]["status"] == "pending"
    assert matching.events("application.approved") == [] and matching.events("application.denied") == []
    assert matching.decide("no-such-review", decision="deny", reason="x").status_code == 404


def test_the_decision_events_reach_the_broker(matching, start_worker, probe):
    coach = matching.add_coach()
    review = matching.submit()
    start_worker("matching", matching.app.config["DATABASE_URL"])

    matching.approve(review["id"], coach["id"])

    [created] = probe.wait_for("pairing.created")
    [approved] = probe.wait_for("application.approved")
    assert created.payload["pairing_id"] == approved.payload["pairing_id"]
    assert created.producer == "matching"
