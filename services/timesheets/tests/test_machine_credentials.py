"""Timesheets keeps the machine credentials matching announces: a credential works once its
`credential.issued` arrives, stops at its `credential.revoked`, and each use is told back to matching
at most once a minute."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

from sqlalchemy import select

from peercoach.testing.events import deliver
from peercoach.web.machine_credentials import hash_of, new_secret
from timesheets.models import tables


def issue(service, role: str = "payroll", payer: str | None = None, districts: tuple = ()) -> tuple[str, str]:
    secret, credential_id = new_secret(), str(uuid.uuid4())
    deliver("timesheets", service.db, "credential.issued", {
        "id": credential_id, "name": f"Tool {credential_id[:8]}", "role": role, "payer": payer,
        "districts": list(districts), "secret_hash": hash_of(secret),
        "created_at": datetime.now(timezone.utc).isoformat()}, producer="matching")
    return credential_id, secret


def exports(service, secret: str):
    return service.client.get("/payroll/exports", headers={"Authorization": f"Bearer {secret}"})


def used_events(service) -> list[dict]:
    with service.db.transaction() as session:
        bodies = session.scalars(select(tables.outbox.c.body).where(
            tables.outbox.c.type == "credential.used.timesheets"))
        return [json.loads(body)["payload"] for body in bodies]


def test_a_credential_works_from_its_event_until_its_revocation(service):
    unknown = new_secret()
    assert exports(service, unknown).status_code == 401

    payroll, secret = issue(service)
    _, other = issue(service)
    assert exports(service, secret).status_code == 200
    assert service.client.post(f"/timesheets/c-1/{service.period}/approve",
                               headers={"Authorization": f"Bearer {secret}"}).status_code == 403

    deliver("timesheets", service.db, "credential.revoked",
            {"id": payroll, "revoked_at": datetime.now(timezone.utc).isoformat()}, producer="matching")
    assert exports(service, secret).status_code == 401
    assert exports(service, other).status_code == 200


def test_a_finance_credential_reads_only_its_payer_and_districts(service):
    _, secret = issue(service, "finance", "district", ("BUSD",))
    statement = service.client.get(f"/billing/statements?payer=federation&period={service.period}",
                                   headers={"Authorization": f"Bearer {secret}"})
    assert statement.status_code == 403


def test_uses_are_told_to_matching_at_most_once_a_minute(service):
    credential_id, secret = issue(service)
    for _ in range(3):
        assert exports(service, secret).status_code == 200

    assert [event["id"] for event in used_events(service)] == [credential_id]
