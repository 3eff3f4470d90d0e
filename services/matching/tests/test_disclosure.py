"""Document 003: a report goes only to a recipient member, local president and consultant all agreed to in advance."""
from __future__ import annotations

CONTENT = "Observed three lessons; classroom routines are now consistent."


def agree(matching, pairing, headers, recipient, **extra):
    return matching.client.post(f"/pairings/{pairing['id']}/agreements", json={"recipient": recipient, **extra},
                                headers=headers)


def release(matching, pairing, recipient, headers=None):
    return matching.client.post(f"/pairings/{pairing['id']}/reports", json={"recipient": recipient, "content": CONTENT},
                                headers=headers or pairing["coach_auth"])


def audit(matching, pairing) -> list[dict]:
    return matching.client.get(f"/audit?pairing_id={pairing['id']}", headers=matching.coordinator).get_json()["items"]


def test_a_report_is_released_once_all_three_agreed_to_the_recipient(matching):
    pairing = matching.pair("peer_support_service")
    agreed = [agree(matching, pairing, pairing["teacher_auth"], "Union staff officer Kim Lee"),
              agree(matching, pairing, pairing["coach_auth"], "union staff officer  KIM LEE"),
              agree(matching, pairing, matching.coordinator, "Union staff officer Kim Lee", president_name="Pat Roy")]

    released = release(matching, pairing, "Union Staff Officer Kim Lee")

    assert [a.status_code for a in agreed] == [201, 201, 201]
    assert [a.get_json()["party"] for a in agreed] == ["member", "consultant", "local_president"]
    assert released.status_code == 201 and released.get_json()["content"] == CONTENT
    for reader in (matching.coordinator, pairing["teacher_auth"], pairing["coach_auth"]):
        reports = matching.client.get(f"/pairings/{pairing['id']}/reports", headers=reader).get_json()
        assert [r["content"] for r in reports] == [CONTENT]
    actions = [(e["action"], e["actor_role"]) for e in audit(matching, pairing)]
    assert actions[-4:] == [("disclosure.agreed", "teacher"), ("disclosure.agreed", "coach"),
                            ("disclosure.agreed", "coordinator"), ("disclosure.released", "coach")]


def test_a_release_not_agreed_by_all_three_is_refused_and_audited_without_its_content(matching):
    pairing = matching.pair("peer_support_service")
    agree(matching, pairing, pairing["teacher_auth"], "School principal")
    agree(matching, pairing, pairing["coach_auth"], "School principal")

    refused = release(matching, pairing, "School principal")
    stranger = release(matching, pairing, "District evaluator")

    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "disclosure_not_agreed"
    assert "local_president" in refused.get_json()["error"]["message"]
    assert stranger.status_code == 403
    assert matching.client.get(f"/pairings/{pairing['id']}/reports", headers=matching.coordinator).get_json() == []
    refusals = [e for e in audit(matching, pairing) if e["action"] == "disclosure.refused"]
    assert [(e["details"]["recipient"], e["details"]["missing"], e["actor_role"]) for e in refusals] == [
        ("School principal", ["local_president"], "coach"),
        ("District evaluator", ["member", "local_president", "consultant"], "coach")]
    assert CONTENT not in str(audit(matching, pairing))


def test_who_may_agree_and_release(matching):
    pairing = matching.pair("peer_support_service")
    voluntary = matching.pair()

    no_president = agree(matching, pairing, matching.coordinator, "Someone")
    teacher_as_president = agree(matching, pairing, pairing["teacher_auth"], "Someone", president_name="Pat Roy")
    not_a_case = agree(matching, voluntary, voluntary["teacher_auth"], "Someone")
    for headers in (pairing["teacher_auth"], pairing["coach_auth"], matching.coordinator):
        agree(matching, pairing, headers, "Someone", **({"president_name": "Pat Roy"}
                                                       if headers is matching.coordinator else {}))

    assert no_president.status_code == 422 and "president_name" in no_president.get_json()["error"]["fields"]
    assert teacher_as_president.status_code == 422
    assert not_a_case.status_code == 409 and not_a_case.get_json()["error"]["code"] == "not_peer_support"
    assert release(matching, pairing, "Someone", pairing["teacher_auth"]).status_code == 403
    assert release(matching, pairing, "Someone", matching.coordinator).status_code == 403
    assert release(matching, pairing, "Someone").status_code == 201
