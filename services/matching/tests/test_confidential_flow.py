"""A whole peer support case over the broker and SMTP: plan, report, close, reflections by the emailed link.

Every event published, every email sent, every log line and the metrics are scanned: none holds a word of
the plan, the reflections, the report or the extension's reason.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urlparse

from sqlalchemy import select

from matching.models import PairingUsage
from peercoach.events.envelope import Envelope
from peercoach.messaging.topology import Names
from peercoach.testing.broker import publish_raw
from tests.helpers import eventually

PLAN_TEXT = "zebra-plan: rebuild trust with the grade 5 class"
REPORT_TEXT = "zebra-report: the member met every goal"
REFLECTIONS = ("zebra-reflection-teacher: I plan differently now", "zebra-reflection-coach: patience works")
REASON = "zebra-reason: two more lesson cycles"


def reflection_link(mailbox, address: str) -> str:
    def found():
        for message in mailbox.to(address):
            text = message.get_body(("plain",)).get_content()
            links = re.findall(r"https?://\S+/reflections\?token=\S+", text)
            if links:
                return links[0]
        return None
    return eventually(found)


def used(matching, pairing_id: str) -> list[PairingUsage]:
    with matching.db.transaction() as session:
        return session.scalars(select(PairingUsage).where(PairingUsage.pairing_id == pairing_id)).all()


def test_no_coaching_text_leaves_matching(matching, database_url, start_worker, smtp_server, probe, caplog,
                                          amqp_url, namespace, monkeypatch):
    caplog.set_level(logging.INFO)
    monkeypatch.setenv("MATCHING_PUBLIC_URL", "https://matching.example.org")
    db_url = matching.app.config["DATABASE_URL"]
    start_worker("matching", db_url)
    start_worker("notifications", database_url("notifications"), smtp_host="127.0.0.1", smtp_port=smtp_server.port)
    pairing = matching.pair("peer_support_service")
    path = f"/pairings/{pairing['id']}"
    client, coordinator = matching.client, matching.coordinator

    client.put(f"{path}/plan", json={"focus_area": "classroom_management", "goals": PLAN_TEXT,
                                     "events": [{"kind": "pre_conference", "date": "2026-12-01"}]},
               headers=pairing["teacher_auth"])
    extension = client.post(f"{path}/extensions", json={"hours": "2", "reason": REASON},
                            headers=pairing["coach_auth"]).get_json()
    client.post(f"/extensions/{extension['id']}/decision", json={"decision": "approve"}, headers=coordinator)
    for headers, extra in ((pairing["teacher_auth"], {}), (pairing["coach_auth"], {}),
                           (coordinator, {"president_name": "Pat Roy"})):
        client.post(f"{path}/agreements", json={"recipient": "Local office", **extra}, headers=headers)
    assert client.post(f"{path}/reports", json={"recipient": "Local office", "content": REPORT_TEXT},
                       headers=pairing["coach_auth"]).status_code == 201
    assert client.post(f"{path}/reports", json={"recipient": "Evaluator", "content": REPORT_TEXT},
                       headers=pairing["coach_auth"]).status_code == 403
    matching.close(pairing)

    link = urlparse(reflection_link(smtp_server.mailbox, pairing["teacher"]["email"]))
    assert link.path == f"{path}/reflections"
    page = client.get(f"{link.path}?{link.query}")
    form = dict(re.findall(r'name="(csrf_token|token)" value="([^"]+)"', page.text))
    assert client.post(link.path, data={**form, "text": REFLECTIONS[0]}).status_code == 200
    client.post(f"{path}/reflections", json={"text": REFLECTIONS[1]}, headers=pairing["coach_auth"])
    approved = Envelope.new("timesheet.approved", {
        "timesheet_id": "ts-flow", "coach_id": pairing["coach_id"], "period": "2026-11",
        "coach": {"name": "Coach", "email": "coach@x.example.org"}, "hours": "3.00",
        "lines": [{"pairing_id": pairing["id"], "hours": "3.00", "federation_amount": "150.00",
                   "district_amount": "0.00"}]}, producer="timesheets")
    publish_raw(amqp_url, Names(namespace).exchange, approved.type, approved.to_json())

    kept = [r["text"] for r in client.get(f"{path}/reflections", headers=coordinator).get_json()]
    assert sorted(kept) == sorted(REFLECTIONS)
    eventually(lambda: used(matching, pairing["id"]))
    eventually(lambda: len(smtp_server.mailbox.messages) >= 7)  # approved; created, extended, closed: both
    probe.wait_for("timesheet.approved")
    events = probe.collect(0.5)
    assert {"pairing.created", "pairing.hours_extended", "pairing.closed", "timesheet.approved"} <= \
        {e.type for e in events}
    emails = [message.as_string() for message in smtp_server.mailbox.messages]
    outside = [e.to_json().decode() for e in events] + emails + [caplog.text, client.get("/metrics").text]
    assert not [text for text in outside if "zebra" in text]
