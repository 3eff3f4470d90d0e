"""Machine credentials in matching, which owns them: what an admin may create, that only the hash of
a secret is kept and announced, revoking, and the last use heard of from the other services."""
from __future__ import annotations

from datetime import datetime, timezone

from peercoach.testing.events import deliver
from peercoach.web.machine_credentials import hash_of


def admin(matching) -> dict:
    return matching.token("admin", sub="admin-1", email="admin@example.org")


def create(matching, **body):
    return matching.client.post("/credentials", json=body, headers=admin(matching))


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def test_a_credential_is_announced_with_the_hash_of_its_secret_never_the_secret(matching):
    created = create(matching, name="District payroll", role="payroll")

    assert created.status_code == 201
    body = created.get_json()
    [issued] = matching.events("credential.issued")
    assert issued == {"id": body["id"], "name": "District payroll", "role": "payroll", "payer": None,
                      "districts": [], "secret_hash": hash_of(body["secret"]), "created_at": issued["created_at"]}
    assert body["secret"] not in str(matching.events("credential.issued"))
    listed = matching.client.get("/credentials", headers=admin(matching)).get_json()["items"]
    assert [item["name"] for item in listed] == ["District payroll"]
    assert "secret" not in listed[0] and "secret_hash" not in listed[0]


def test_what_a_credential_may_be_is_checked_beside_each_field(matching):
    refusals = {
        "name": create(matching, name="   ", role="payroll"),
        "payer": create(matching, name="Finance", role="finance"),
        "role": create(matching, name="Coordinator robot", role="coordinator"),
        "districts": create(matching, name="Federation finance", role="finance", payer="federation",
                            districts=["BUSD"]),
    }
    for field, refused in refusals.items():
        assert refused.status_code == 422, field
        assert field in refused.get_json()["error"]["fields"], refused.get_json()
    assert create(matching, name="Payroll", role="payroll").status_code == 201
    assert create(matching, name="Payroll", role="payroll").status_code == 409
    assert matching.client.post("/credentials", json={"name": "Mine", "role": "payroll"},
                                headers=matching.coordinator).status_code == 403


def test_a_secret_acts_in_its_role_until_revoked_and_revoking_one_leaves_the_other(matching):
    one = create(matching, name="One", role="payroll").get_json()
    other = create(matching, name="Other", role="payroll").get_json()

    assert matching.client.get("/coaches", headers=bearer(one["secret"])).status_code == 403  # known, not a coordinator
    revoked = matching.client.delete(f"/credentials/{one['id']}", headers=admin(matching))
    again = matching.client.delete(f"/credentials/{one['id']}", headers=admin(matching))

    assert revoked.status_code == 200 and not revoked.get_json()["active"]
    assert again.get_json()["revoked_at"] == revoked.get_json()["revoked_at"]
    assert [event["id"] for event in matching.events("credential.revoked")] == [one["id"]]
    assert matching.client.get("/coaches", headers=bearer(one["secret"])).status_code == 401
    assert matching.client.get("/coaches", headers=bearer(other["secret"])).status_code == 403
    assert matching.client.delete("/credentials/nope", headers=admin(matching)).status_code == 404


def test_the_list_shows_the_latest_use_heard_of_from_any_service(matching):
    created = create(matching, name="Payroll", role="payroll").get_json()
    early, late = datetime(2026, 11, 2, 9, tzinfo=timezone.utc), datetime(2026, 11, 3, 9, tzinfo=timezone.utc)

    deliver("matching", matching.db, "credential.used.timesheets", {"id": created["id"], "used_at": late.isoformat()},
            producer="timesheets")
    deliver("matching", matching.db, "credential.used.intake", {"id": created["id"], "used_at": early.isoformat()},
            producer="intake")

    [shown] = matching.client.get("/credentials", headers=admin(matching)).get_json()["items"]
    assert datetime.fromisoformat(shown["last_used_at"]) == late
