"""No endpoint gives a plan, reflection or report to anyone but the pair and the coordinator."""
from __future__ import annotations

import pytest

SECRETS = ("Goal: calm transitions after lunch.", "I finally trust my own judgement.",
           "Report: the member's practice is sound.")
READS = ("/plan", "/calendar.ics", "/reflections", "/agreements", "/reports")


@pytest.fixture
def case(matching):
    """A closed peer support case with a plan, both reflections and a released report."""
    pairing = matching.pair("peer_support_service")
    plan = {"focus_area": "classroom_management", "goals": SECRETS[0],
            "events": [{"kind": "observation", "date": "2026-12-03"}]}
    assert matching.client.put(f"/pairings/{pairing['id']}/plan", json=plan,
                               headers=pairing["teacher_auth"]).status_code == 200
    for headers in (pairing["teacher_auth"], pairing["coach_auth"], matching.coordinator):
        extra = {"president_name": "Pat Roy"} if headers is matching.coordinator else {}
        matching.client.post(f"/pairings/{pairing['id']}/agreements", json={"recipient": "Local office", **extra},
                             headers=headers)
    assert matching.client.post(f"/pairings/{pairing['id']}/reports", json={
        "recipient": "Local office", "content": SECRETS[2]}, headers=pairing["coach_auth"]).status_code == 201
    matching.close(pairing)
    for headers in (pairing["teacher_auth"], pairing["coach_auth"]):
        matching.client.post(f"/pairings/{pairing['id']}/reflections", json={"text": SECRETS[1]}, headers=headers)
    return pairing


def outsiders(matching, token) -> dict[str, dict]:
    other = matching.pair()
    return {"payroll": token("payroll"), "finance": token("finance", payer="federation"),
            "finance-district": token("finance", payer="district"), "admin": token("admin"),
            "another teacher": other["teacher_auth"], "another coach": other["coach_auth"], "no token": {}}


def test_the_pair_and_the_coordinator_read_everything(matching, case):
    for headers in (case["teacher_auth"], case["coach_auth"], matching.coordinator):
        answers = " ".join(matching.client.get(f"/pairings/{case['id']}{read}", headers=headers).text
                           for read in READS)
        assert all(secret in answers for secret in SECRETS)


def test_nobody_else_gets_any_of_it_from_any_endpoint(matching, case, token):
    expected = {"another coach": 404, "no token": 401}
    rules = [rule for rule in matching.app.url_map.iter_rules() if "GET" in rule.methods]
    for who, headers in outsiders(matching, token).items():
        for read in READS:
            response = matching.client.get(f"/pairings/{case['id']}{read}", headers=headers)
            assert response.status_code == expected.get(who, 403), (who, read, response.status_code)
        for rule in rules:
            path = rule.rule.replace("<pairing_id>", case["id"]).replace("<review_id>", case["review_id"])
            body = matching.client.get(path, headers=headers).text
            assert not any(secret in body for secret in SECRETS), (who, path)


def test_the_audit_trail_and_the_program_report_keep_no_text_and_are_the_coordinators(matching, case, token):
    audit = matching.client.get(f"/audit?pairing_id={case['id']}", headers=matching.coordinator)
    report = matching.client.get("/reports/program?year=2026", headers=matching.coordinator)

    assert audit.status_code == 200 and report.status_code == 200
    assert not any(secret in audit.text + report.text for secret in SECRETS)
    for headers in outsiders(matching, token).values():
        assert matching.client.get("/audit", headers=headers).status_code in (401, 403)
        assert matching.client.get("/reports/program?year=2026", headers=headers).status_code in (401, 403)
