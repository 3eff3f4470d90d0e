"""Pairings: who sees them, extensions of hours, closing."""
import pytest


@pytest.fixture
def paired(matching):
    coach = matching.add_coach()
    review = matching.submit()
    pairing_id = matching.approve(review["id"], coach["id"]).get_json()["pairing_id"]
    return coach, pairing_id


def test_the_coordinator_sees_every_pairing_a_coach_only_their_own(matching, token, paired):
    coach, pairing_id = paired
    other = matching.add_coach()
    matching.approve(matching.submit()["id"], other["id"])
    own = token("coach", sub=coach["id"])

    everyone = matching.client.get("/pairings", headers=matching.coordinator).get_json()["items"]
    mine = matching.client.get("/pairings", headers=own).get_json()["items"]
    theirs = [p["id"] for p in everyone if p["coach_id"] == other["id"]]

    assert len(everyone) == 2 and [p["id"] for p in mine] == [pairing_id]
    assert matching.client.get("/pairings?coach_id=" + other["id"], headers=own).get_json()["items"] == mine
    assert matching.client.get(f"/pairings/{pairing_id}", headers=own).get_json()["hours_approved"] == "10.00"
    assert matching.client.get(f"/pairings/{theirs[0]}", headers=own).status_code == 404
    assert matching.client.get("/pairings", headers=token("teacher", sub="E1")).status_code == 403


def test_an_approved_extension_adds_hours_and_the_event_keeps_the_reason_private(matching, token, paired):
    coach, pairing_id = paired
    reason = "Second lesson cycle on fractions needs two more observations."

    requested = matching.client.post(f"/pairings/{pairing_id}/extensions", json={"hours": "5.5", "reason": reason},
                                     headers=token("coach", sub=coach["id"]))
    extension_id = requested.get_json()["id"]
    pending = matching.client.get("/extensions", headers=matching.coordinator).get_json()["items"]
    decided = matching.client.post(f"/extensions/{extension_id}/decision", json={"decision": "approve"},
                                   headers=matching.coordinator)
    twice = matching.client.post(f"/extensions/{extension_id}/decision", json={"decision": "deny"},
                                 headers=matching.coordinator)

    assert requested.status_code == 201 and requested.get_json()["requested_by"] == "coach"
    assert [e["id"] for e in pending] == [extension_id]
    assert decided.get_json()["status"] == "approved"
    assert twice.status_code == 409 and twice.get_json()["error"]["code"] == "extension_not_pending"
    [event] = matching.events("pairing.hours_extended")
    assert (event["hours_added"], event["hours_approved"], event["coach"]["coach_id"]) == ("5.50", "15.50", coach["id"])
    assert reason not in str(matching.events("pairing.hours_extended"))
    pairing = matching.client.get(f"/pairings/{pairing_id}", headers=matching.coordinator).get_json()
    assert pairing["hours_approved"] == "15.50"


def test_a_denied_extension_changes_nothing(matching, paired):
    _coach, pairing_id = paired
    extension = matching.client.post(f"/pairings/{pairing_id}/extensions", json={"hours": 3, "reason": "More time."},
                                     headers=matching.coordinator).get_json()

    denied = matching.client.post(f"/extensions/{extension['id']}/decision", json={"decision": "deny"},
                                  headers=matching.coordinator)

    assert denied.get_json()["status"] == "denied" and matching.events("pairing.hours_extended") == []
    assert matching.client.get(f"/pairings/{pairing_id}", headers=matching.coordinator).get_json()[
        "hours_approved"] == "10.00"


def test_bad_extension_requests_are_refused(matching, token, paired):
    coach, pairing_id = paired
    path = f"/pairings/{pairing_id}/extensions"

    negative = matching.client.post(path, json={"hours": -2, "reason": "x"}, headers=matching.coordinator)
    huge = matching.client.post(path, json={"hours": 400, "reason": "x"}, headers=matching.coordinator)
    no_reason = matching.client.post(path, json={"hours": 2}, headers=matching.coordinator)
    stranger = matching.client.post(path, json={"hours": 2, "reason": "x"}, headers=token("coach", sub="other"))
    unknown = matching.client.post("/extensions/nope/decision", json={"decision": "approve"},
                                   headers=matching.coordinator)

    assert [r.status_code for r in (negative, huge, no_reason, stranger, unknown)] == [422, 422, 422, 404, 404]
    assert "hours" in negative.get_json()["error"]["fields"] and "hours" in huge.get_json()["error"]["fields"]
    assert "reason" in no_reason.get_json()["error"]["fields"]


def test_closing_a_pairing_frees_the_coach_and_tells_the_others(matching, token, paired):
    coach, pairing_id = paired
    extension = matching.client.post(f"/pairings/{pairing_id}/extensions", json={"hours": 2, "reason": "x"},
                                     headers=matching.coordinator).get_json()

    closed = matching.client.post(f"/pairings/{pairing_id}/close", headers=matching.coordinator)
    again = matching.client.post(f"/pairings/{pairing_id}/close", headers=matching.coordinator)
    late = matching.client.post(f"/extensions/{extension['id']}/decision", json={"decision": "approve"},
                                headers=matching.coordinator)

    assert closed.status_code == 200 and closed.get_json()["status"] == "closed"
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "pairing_closed"
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "pairing_closed"
    [event] = matching.events("pairing.closed")
    assert event["pairing_id"] == pairing_id and event["closed_on"] == closed.get_json()["closed_on"]
    roster = matching.client.get(f"/coaches/{coach['id']}", headers=matching.coordinator).get_json()
    assert roster["active_pairings"] == 0
    by_coach = matching.client.post(f"/pairings/{pairing_id}/close", headers=token("coach", sub=coach["id"]))
    assert by_coach.status_code == 403


def test_a_teacher_withdrawing_after_approval_ends_the_pairing_once(matching):
    from matching.handlers import close_review
    from peercoach.events.contracts import load_payload
    from peercoach.events.envelope import Envelope
    pairing = matching.pair()
    withdrawal = Envelope.new("application.withdrawn", {
        "application_id": pairing["application_id"], "program": "voluntary_peer_coaching",
        "teacher": {"name": "Ada", "email": pairing["teacher"]["email"]}, "withdrawn_by": "teacher"},
        producer="intake")

    for _ in range(2):
        with matching.db.transaction() as session:
            close_review(session, withdrawal, load_payload(withdrawal.type, 1, withdrawal.payload))

    ended = matching.client.get(f"/pairings/{pairing['id']}", headers=matching.coordinator).get_json()
    assert ended["status"] == "closed"
    assert [e["pairing_id"] for e in matching.events("pairing.closed")] == [pairing["id"]]
    trail = matching.client.get(f"/audit?pairing_id={pairing['id']}", headers=matching.coordinator).get_json()["items"]
    assert [(e["action"], e["actor_role"]) for e in trail if e["action"] == "pairing.closed"] == [
        ("pairing.closed", "teacher")]
