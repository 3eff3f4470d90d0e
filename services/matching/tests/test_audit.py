"""The audit trail of status changes: who decided, extended and closed, and when; no reasons written there."""
from __future__ import annotations


def test_decisions_extensions_and_close_are_audited_with_who_and_when(matching):
    pairing = matching.pair()
    denied = matching.submit()
    matching.decide(denied["id"], decision="deny", reason="Please apply again in January, Ada.")
    extension = matching.client.post(f"/pairings/{pairing['id']}/extensions",
                                     json={"hours": "4", "reason": "More lesson cycles on fractions."},
                                     headers=pairing["coach_auth"]).get_json()
    matching.client.post(f"/extensions/{extension['id']}/decision", json={"decision": "approve"},
                         headers=matching.coordinator)
    matching.close(pairing)

    trail = matching.client.get(f"/audit?pairing_id={pairing['id']}", headers=matching.coordinator).get_json()["items"]
    everything = matching.client.get("/audit", headers=matching.coordinator).get_json()["items"]

    assert [(e["action"], e["actor_role"], e["actor"]) for e in trail] == [
        ("application.approved", "coordinator", "coordinator-1"),
        ("extension.requested", "coach", pairing["coach_id"]),
        ("extension.approved", "coordinator", "coordinator-1"),
        ("pairing.closed", "coordinator", "coordinator-1")]
    assert trail[0]["details"]["hours_approved"] == "10.00" and trail[2]["details"]["hours"] == "4.00"
    assert all(entry["at"] for entry in trail)
    refusal = next(e for e in everything if e["action"] == "application.denied")
    assert refusal["details"]["review_id"] == denied["id"]
    assert "January" not in str(everything) and "fractions" not in str(everything)
    closed = matching.client.get("/audit?action=pairing.closed", headers=matching.coordinator).get_json()
    assert closed["items"] == trail[-1:]
