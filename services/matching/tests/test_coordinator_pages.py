"""The coordinator's pages in matching, through the app (the browser flows are in tests/pages/)."""
from __future__ import annotations

import re
import time

import pytest

PAGES = ("/pages/reviews", "/pages/proposals", "/pages/pairings", "/pages/coaches", "/pages/coaches/new",
         "/pages/report", "/pages/audit")


def signed_in(client, roles=("coordinator",), **person) -> str:
    """Give the test client a session as the sign-in would; the CSRF token its forms carry."""
    now = time.time()
    with client.session_transaction() as session:
        session.update(sid=f"sid-{now}", signed_in_at=now, seen_at=now, person={
            "iss": "https://idp.example.org", "sub": person.get("sub", "casey"), "name": "Casey Coordinator",
            "email": person.get("email", "casey@example.org"), "email_verified": True, "roles": list(roles),
            "employee_id": person.get("employee_id"), "coach_id": person.get("coach_id")})
    return client.get("/session").get_json()["csrf_token"]


def text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


@pytest.fixture
def coordinator(matching):
    matching.csrf = signed_in(matching.client)
    return matching


def test_every_page_is_for_the_coordinator_alone(matching):
    client = matching.client
    for path in PAGES:
        assert client.get(path).status_code == 302  # to sign in first
    signed_in(client, roles=(), employee_id="E-1")
    assert {client.get(path).status_code for path in PAGES} == {403}
    signed_in(client, roles=("payroll",))
    assert {client.get(path).status_code for path in PAGES} == {403}
    signed_in(client)
    assert {client.get(path).status_code for path in PAGES} == {200}


def test_a_split_not_adding_to_100_is_refused_beside_the_field_keeping_what_was_typed(coordinator):
    coach = coordinator.add_coach(name="Robin Reyes")
    review = coordinator.submit()
    page = text(coordinator.client.get(f"/pages/reviews/{review['id']}"))
    assert "Robin Reyes: score" in page and 'value="10"' in page

    refused = coordinator.client.post(f"/pages/reviews/{review['id']}/decision", data={
        "csrf_token": coordinator.csrf, "decision": "approve", "coach_id": coach["id"], "hours_approved": "12.5",
        "release_half_days": "2", "federation_pct": "30", "district_pct": "60", "starts_on": "2026-12-01"})

    assert refused.status_code == 422
    page = text(refused)
    assert 'id="funding-error"' in page and "must sum to exactly 100" in page
    assert 'value="12.5"' in page and 'value="30"' in page and 'value="60"' in page


def test_each_program_s_missing_terms_are_asked_for_beside_their_fields(coordinator):
    coordinator.add_coach(programs=["district_coaching"])
    consultant = coordinator.add_coach(programs=["peer_support_service"])
    district = coordinator.submit(program="district_coaching")
    case = coordinator.submit(program="peer_support_service", referral="pre_evaluation_concern")

    def decide(review, **form):
        return text(coordinator.client.post(f"/pages/reviews/{review['id']}/decision",
                                            data={"csrf_token": coordinator.csrf, **form}))

    no_account = decide(district, decision="approve", coach_id=coordinator.review_of(district["application_id"])
                        ["suggestions"][0]["coach_id"])
    no_terms = decide(case, decision="approve", coach_id=consultant["id"])
    no_reason = decide(case, decision="deny", reason="  ")

    assert 'id="account_code-error"' in no_account and "books release time with an account code" in no_account
    for field in ("hours_approved", "release_half_days", "funding"):
        assert f'id="{field}-error"' in no_terms
    assert 'id="reason-error"' in no_reason and "A denial gives its reason." in no_reason


def test_a_review_decided_meanwhile_says_who_decided_what(coordinator):
    coach = coordinator.add_coach(name="Robin Reyes")
    review = coordinator.submit()
    assert coordinator.approve(review["id"], coach["id"]).status_code == 200

    late = coordinator.client.post(f"/pages/reviews/{review['id']}/decision", data={
        "csrf_token": coordinator.csrf, "decision": "deny", "reason": "No coach this term."}, follow_redirects=True)

    assert late.status_code == 200
    page = text(late)
    assert "coordinator-1 had already approved this review, pairing the teacher with Robin Reyes for 10 h" in page
    assert "Approved by coordinator-1 on" in page and ": Robin Reyes for 10 h." in page


def test_roster_add_refuses_a_missing_program_keeping_the_rest(coordinator):
    refused = coordinator.client.post("/pages/coaches", data={
        "csrf_token": coordinator.csrf, "name": "Sam Lee", "employee_id": "C-77", "email": "sam@example.org",
        "district": "BUSD", "max_active_pairings": "2", "focus_areas": ["numeracy"]})

    assert refused.status_code == 422
    page = text(refused)
    assert 'id="programs-error"' in page and 'value="Sam Lee"' in page


def test_every_page_shows_with_data_in_it(coordinator):
    pairing = coordinator.pair()
    extension = coordinator.client.post(f"/pairings/{pairing['id']}/extensions", headers=coordinator.coordinator,
                                        json={"hours": "4", "reason": "A third cycle."})
    assert extension.status_code == 201
    coordinator.add_coach(name="Robin Reyes")
    coordinator.add_coach(name="Kim Park", programs=["peer_support_service"])
    waiting = coordinator.submit(requested_coach_id="not-on-the-roster")
    assert coordinator.client.post("/assignments/propose", headers=coordinator.coordinator).status_code == 200
    pages = [*PAGES, f"/pages/pairings/{pairing['id']}", f"/pages/coaches/{pairing['coach_id']}",
             f"/pages/reviews/{pairing['review_id']}", "/pages/reviews?status=approved&program=district_coaching",
             "/pages/pairings?status=closed&page=2", "/pages/report?year=2026", "/pages/audit?action=pairing.closed"]

    shown = {path: coordinator.client.get(path) for path in pages}

    assert {path: response.status_code for path, response in shown.items()} == {path: 200 for path in pages}
    assert "4 h more, asked by the coordinator" in text(shown["/pages/pairings"])
    assert "Robin Reyes" in text(shown["/pages/proposals"])
    review = text(coordinator.client.get(f"/pages/reviews/{waiting['id']}"))
    assert "not possible: No coach with this id is on the roster." in review
    assert "Kim Park: The coach does not serve voluntary_peer_coaching." in review
    assert "Robin Reyes: score" in review and "(proposed)" in review


def test_the_audit_trail_and_the_report_show_figures_and_hide_small_groups(coordinator):
    pairing = coordinator.pair()
    coordinator.close(pairing)

    audit = text(coordinator.client.get(f"/pages/audit?pairing_id={pairing['id']}"))
    report = text(coordinator.client.get("/pages/report?year=2026"))

    assert "application.approved" in audit and "pairing.closed" in audit and "hours approved: 10.00" in audit
    assert "Not shown: fewer than 5 teachers" in report
    assert "/reports/program?year=2026&amp;format=csv" in report
