"""An event on the real broker in, the exact email out over real SMTP, once."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from notifications.models import Delivery
from peercoach.web.auth import decode_link_token, link_purpose
from tests.helpers import eventually


@pytest.fixture
def running(database_url, start_worker, smtp_server, monkeypatch):
    """The notifications worker against a fresh database and the in-process SMTP server."""
    monkeypatch.setenv("COORDINATOR_EMAIL", "coordinator@district.example.org")
    monkeypatch.setenv("INTAKE_PUBLIC_URL", "https://intake.example.org")
    db = start_worker("notifications", database_url("notifications"), smtp_host="127.0.0.1",
                      smtp_port=smtp_server.port, mail_from="coaching@district.example.org")
    return db, smtp_server.mailbox


def sent(db, event_id: str) -> list[Delivery]:
    with db.transaction() as session:
        return session.scalars(select(Delivery).where(
            Delivery.event_id == event_id, Delivery.state == "sent")).all()


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def test_application_received_with_a_withdraw_link_for_the_teacher_only(running, publish, sample, jwt_secret):
    db, mailbox = running
    payload = sample.submitted()
    teacher = payload["teacher"]
    envelope = publish("application.submitted", payload)
    eventually(lambda: sent(db, envelope.id))
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["To"] == teacher["email"]
    assert message["From"] == "coaching@district.example.org"
    assert message["Subject"] == "We received your Voluntary Peer Coaching application"
    assert message.get_content_type() == "multipart/alternative"
    text = text_of(message)
    assert text.startswith(f"Dear {teacher['first_name']},\n")
    assert f"Voluntary Peer Coaching program (reference {payload['application_id']})" in text
    link = next(line for line in text.splitlines() if line.startswith("https://"))
    url = urlparse(link)
    assert f"{url.scheme}://{url.netloc}{url.path}" == \
        f"https://intake.example.org/applications/{payload['application_id']}/withdraw"
    purpose = link_purpose("withdraw", payload["application_id"])
    principal = decode_link_token(jwt_secret, parse_qs(url.query)["token"][0], purpose)
    assert (principal.role, principal.sub, principal.email) == ("teacher", teacher["employee_id"], teacher["email"])
    assert 'href="https://intake.example.org/applications/' in message.get_body(("html",)).get_content()


def test_a_redelivered_event_sends_one_email(running, publish, sample):
    db, mailbox = running
    envelope = publish("application.denied", sample.denied())
    publish(envelope)
    publish(envelope)
    marker = publish("application.withdrawn", sample.withdrawn())
    eventually(lambda: sent(db, marker.id))
    eventually(lambda: sent(db, envelope.id))
    assert len(mailbox.to(envelope.payload["teacher"]["email"])) == 1
    text = text_of(mailbox.to(envelope.payload["teacher"]["email"])[0])
    assert "The panel's message to you:\nThe panel asks you to apply again in January.\n" in text


def test_pairing_tells_teacher_coach_and_partner_the_hours_and_what_comes_next(running, publish, sample):
    db, mailbox = running
    partner = sample.partner()
    payload = sample.pairing_created(program="district_coaching", hours_approved="12.50", release_half_days=4,
                                     learning_partner=partner)
    teacher, coach = payload["teacher"], payload["coach"]
    envelope = publish("pairing.created", payload)
    eventually(lambda: len(sent(db, envelope.id)) == 3)
    assert len(mailbox.messages) == 3
    (to_teacher,), (to_coach,), (to_partner,) = (mailbox.to(a) for a in (teacher["email"], coach["email"],
                                                                        partner["email"]))
    assert to_teacher["Subject"] == f"You are paired with {coach['name']}: 12.5 hours approved"
    teacher_text = text_of(to_teacher)
    assert "Hours approved: 12.5 hours of coaching\n" in teacher_text
    assert "Release time: 4 half-days; book your coverage with the account code ACC-1818\n" in teacher_text
    assert "professional development plan" in teacher_text
    teacher_name = f"{teacher['first_name']} {teacher['last_name']}"
    assert to_coach["Subject"] == f"New pairing with {teacher_name}: 12.5 hours approved"
    coach_text = text_of(to_coach)
    assert f"You are paired with {teacher_name} ({teacher['email']})" in coach_text
    assert "Hours approved: 12.5 hours of coaching\n" in coach_text
    assert "time log" in coach_text and "timesheet at the end of each month" in coach_text
    assert "ACC-1818" not in coach_text
    assert to_partner["Subject"] == f"{teacher_name} has named you as their learning partner"


def test_hours_threshold_tells_the_coach_and_the_coordinator(running, publish, sample):
    db, mailbox = running
    payload = sample.threshold()
    envelope = publish("hours.threshold_reached", payload)
    eventually(lambda: len(sent(db, envelope.id)) == 2)
    (to_coach,) = mailbox.to(payload["coach"]["email"])
    (to_coordinator,) = mailbox.to("coordinator@district.example.org")
    assert to_coach["Subject"] == "You have used 80% of the approved coaching hours"
    assert f"You have logged 8 of the 10 hours approved for pairing {payload['pairing_id']} (80%)." \
        in text_of(to_coach)
    assert "/pages/pairings\n" in text_of(to_coach)
    assert to_coordinator["Subject"] == f"{payload['coach']['name']} has used 80% of a pairing's approved hours"
    assert len(mailbox.messages) == 2


def test_a_rejected_timesheet_tells_the_coach_why(running, publish, sample):
    db, mailbox = running
    payload = sample.timesheet(reason="Two entries on 3 November overlap.")
    envelope = publish("timesheet.rejected", payload)
    eventually(lambda: sent(db, envelope.id))
    (message,) = mailbox.messages
    assert message["To"] == payload["coach"]["email"]
    assert message["Subject"] == "Your timesheet for November 2026 was sent back"
    text = text_of(message)
    assert "(6.5 hours):\nTwo entries on 3 November overlap.\n" in text
    assert "/pages/months/2026-11\n" in text
