"""The delivery log for operators: listing by recipient, paging, and resending."""
from __future__ import annotations

import json

import pytest

from notifications.config import Config
from notifications.sender import send_one


@pytest.fixture
def client(make_app, notifications_db):
    app = make_app("notifications", notifications_db.engine.url.render_as_string(False))
    return app.test_client()


def test_only_admin_reads_the_log(client, token):
    assert client.get("/notifications").status_code == 401
    response = client.get("/notifications", headers=token("coordinator"))
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_the_log_by_recipient_with_pages(client, token, apply, sample):
    coach = sample.coach()
    for _ in range(3):
        apply("timesheet.approved", sample.timesheet(coach))
    apply("timesheet.approved", sample.timesheet())
    response = client.get(f"/notifications?recipient={coach['email'].upper()}&page_size=2",
                          headers=token("admin"))
    assert response.status_code == 200
    rows = response.get_json()
    assert len(rows) == 2 and {row["recipient"] for row in rows} == {coach["email"]}
    assert rows[0]["state"] == "queued" and rows[0]["attempts"] == 0
    assert rows[0]["subject"] == "Your timesheet for November 2026 is approved"
    assert json.loads(response.headers["X-Pagination"])["total"] == 3
    page_two = client.get(f"/notifications?recipient={coach['email']}&page_size=2&page=2", headers=token("admin"))
    assert len(page_two.get_json()) == 1
    bad = client.get("/notifications?recipient=not-an-address&state=lost", headers=token("admin"))
    assert bad.status_code == 422 and {"recipient", "state"} <= set(bad.get_json()["error"]["fields"])


def test_resend_sends_the_same_email_again_and_records_it(client, token, apply, sample, notifications_db,
                                                          settings_for, smtp_server):
    payload = sample.timesheet()
    apply("timesheet.approved", payload)
    (queued,) = client.get("/notifications", headers=token("admin")).get_json()
    refused = client.post(f"/notifications/{queued['id']}/resend", headers=token("admin"))
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "already_queued"

    settings = settings_for("notifications", "unused", smtp_host="127.0.0.1", smtp_port=smtp_server.port)
    while send_one(settings, Config(), notifications_db):
        pass
    response = client.post(f"/notifications/{queued['id']}/resend", headers=token("admin"))
    assert response.status_code == 202
    again = response.get_json()
    assert (again["resend_of"], again["state"], again["recipient"]) == (queued["id"], "queued", queued["recipient"])
    while send_one(settings, Config(), notifications_db):
        pass
    log = {row["id"]: row for row in client.get("/notifications?state=sent", headers=token("admin")).get_json()}
    assert set(log) == {queued["id"], again["id"]}
    assert [m["To"] for m in smtp_server.mailbox.messages] == [payload["coach"]["email"]] * 2
    assert client.post(f"/notifications/{queued['id']}/resend", headers=token("coach")).status_code == 403


def test_resend_of_an_unknown_email_is_404(client, token):
    response = client.post("/notifications/nope/resend", headers=token("admin"))
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
