"""SMTP failures: retried with backoff from the database, never sent twice, given up in the end."""
from __future__ import annotations

import threading

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from notifications.config import Config
from notifications.models import Delivery
from notifications.sender import send_one
from peercoach import service, worker
from peercoach.db import Database
from peercoach.messaging.topology import Names
from peercoach.testing.broker import wait_until_consumed
from peercoach.testing.mail import Mailbox
from peercoach.testing.ports import free_port
from tests.helpers import eventually


def deliveries(db, event_id: str) -> list[Delivery]:
    with db.transaction() as session:
        return session.scalars(select(Delivery).where(Delivery.event_id == event_id)).all()


def failed_once(db, event_id: str) -> bool:
    return any(d.attempts >= 1 and d.last_error for d in deliveries(db, event_id))


@pytest.fixture
def quick_retries(monkeypatch):
    monkeypatch.setenv("SMTP_BACKOFF_SECONDS", "0.2")


@pytest.fixture
def late_smtp_server():
    """`start(port)`: an SMTP server that comes up only when the test says so."""
    controllers = []

    def start(port: int) -> Mailbox:
        mailbox = Mailbox()
        controllers.append(Controller(mailbox, hostname="127.0.0.1", port=port))
        controllers[-1].start()
        return mailbox
    yield start
    for controller in controllers:
        controller.stop()


def test_smtp_down_then_up_the_email_arrives_once(quick_retries, database_url, start_worker, publish,
                                                  sample, late_smtp_server):
    port = free_port()
    db = start_worker("notifications", database_url("notifications"), smtp_host="127.0.0.1", smtp_port=port)
    payload = sample.withdrawn()
    envelope = publish("application.withdrawn", payload)
    eventually(lambda: failed_once(db, envelope.id))
    mailbox = late_smtp_server(port)
    eventually(lambda: deliveries(db, envelope.id)[0].state == "sent")
    (delivery,) = deliveries(db, envelope.id)
    assert delivery.attempts >= 2 and "Connection refused" in delivery.last_error
    (message,) = mailbox.messages
    assert message["To"] == payload["teacher"]["email"]
    assert message["Subject"] == "Your Voluntary Peer Coaching application is withdrawn"


def test_pending_email_survives_a_restart_of_the_worker(quick_retries, database_url, settings_for, amqp_url,
                                                        namespace, start_worker, publish, sample, smtp_server):
    url = database_url("notifications")
    first_db, stop = Database(url), threading.Event()
    threads = worker.threads(service.load("notifications"), settings_for(
        "notifications", url, smtp_host="127.0.0.1", smtp_port=free_port()), first_db, stop)
    for thread in threads:
        thread.start()
    wait_until_consumed(amqp_url, Names(namespace).queue("notifications"))
    envelope = publish("pairing.hours_extended", sample.hours_extended())
    eventually(lambda: len(deliveries(first_db, envelope.id)) == 2 and failed_once(first_db, envelope.id))
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    first_db.dispose()

    db = start_worker("notifications", url, smtp_host="127.0.0.1", smtp_port=smtp_server.port)
    eventually(lambda: all(d.state == "sent" for d in deliveries(db, envelope.id)))
    addresses = sorted(m["To"] for m in smtp_server.mailbox.messages)
    assert addresses == sorted([envelope.payload["teacher"]["email"], envelope.payload["coach"]["email"]])


def test_after_the_last_attempt_the_email_is_failed(apply, notifications_db, settings_for, sample):
    envelope = apply("timesheet.approved", sample.timesheet())
    settings = settings_for("notifications", "unused", smtp_host="127.0.0.1", smtp_port=free_port())
    config = Config(max_attempts=3, backoff_base_seconds=0)
    while send_one(settings, config, notifications_db):
        pass
    (delivery,) = deliveries(notifications_db, envelope.id)
    assert (delivery.state, delivery.attempts) == ("failed", 3)
    assert delivery.last_error.startswith("ConnectionRefusedError")


def test_two_senders_never_send_the_same_email(apply, notifications_db, settings_for, sample, smtp_server):
    events = [apply("timesheet.approved", sample.timesheet()) for _ in range(12)]
    settings = settings_for("notifications", "unused", smtp_host="127.0.0.1", smtp_port=smtp_server.port)

    def drain():
        while send_one(settings, Config(), notifications_db):
            pass
    senders = [threading.Thread(target=drain) for _ in range(2)]
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join()
    message_ids = [m["Message-ID"] for m in smtp_server.mailbox.messages]
    assert len(message_ids) == len(set(message_ids)) == 12
    assert all(d.attempts == 1 and d.state == "sent" for e in events for d in deliveries(notifications_db, e.id))


class RefusesEveryone:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such mailbox"


def test_a_refused_recipient_fails_at_once(apply, notifications_db, settings_for, sample):
    envelope = apply("timesheet.approved", sample.timesheet())
    controller = Controller(RefusesEveryone(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings = settings_for("notifications", "unused", smtp_host="127.0.0.1", smtp_port=controller.port)
        while send_one(settings, Config(), notifications_db):
            pass
    finally:
        controller.stop()
    (delivery,) = deliveries(notifications_db, envelope.id)
    assert (delivery.state, delivery.attempts) == ("failed", 1)
    assert "No such mailbox" in delivery.last_error
