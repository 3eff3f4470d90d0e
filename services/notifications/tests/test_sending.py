"""SMTP failures: retried with backoff from the database, never sent twice, given up in the end."""
from __future__ import annotations

import threading

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from notifications.config import Config
from notifications.mailer import Mailer
from notifications.models import Delivery
from notifications.sender import send_batch, send_one
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


class CountsConnections(Mailbox):
    """A mailbox that notes which client connection (peer address) carried each message."""

    def __init__(self, fail_data_of: set[str] = frozenset()):
        super().__init__()
        self.peers: list = []
        self.fail_data_of = set(fail_data_of)  # recipients whose first DATA is answered 451

    async def handle_DATA(self, server, session, envelope):
        recipient = envelope.rcpt_tos[0]
        if recipient in self.fail_data_of:
            self.fail_data_of.discard(recipient)
            return "451 4.3.0 Try again later"
        self.peers.append(session.peer)
        return await super().handle_DATA(server, session, envelope)


def test_one_connection_carries_many_emails_each_sent_once(apply, notifications_db, settings_for, sample):
    events = [apply("timesheet.approved", sample.timesheet()) for _ in range(10)]
    mailbox = CountsConnections()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings = settings_for("notifications", "unused", smtp_host="127.0.0.1", smtp_port=controller.port)
        with Mailer(settings.smtp_host, settings.smtp_port) as mailer:
            while send_one(settings, Config(), notifications_db, mailer):
                pass
    finally:
        controller.stop()
    assert mailer.opened == 1 and len(set(mailbox.peers)) == 1
    assert sorted(m["Message-ID"] for m in mailbox.messages) == sorted(
        f"<{d.id}@peercoach>" for e in events for d in deliveries(notifications_db, e.id))
    assert all(d.attempts == 1 and d.state == "sent" for e in events for d in deliveries(notifications_db, e.id))


def test_a_failed_send_drops_the_connection_and_is_retried_once(apply, notifications_db, settings_for, sample):
    payloads = [sample.timesheet() for _ in range(3)]
    events = [apply("timesheet.approved", payload) for payload in payloads]
    unlucky = payloads[0]["coach"]["email"]
    mailbox = CountsConnections(fail_data_of={unlucky})
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings = settings_for("notifications", "unused", smtp_host="127.0.0.1", smtp_port=controller.port)
        with Mailer(settings.smtp_host, settings.smtp_port) as mailer:
            while send_one(settings, Config(backoff_base_seconds=0), notifications_db, mailer):
                pass
    finally:
        controller.stop()
    assert sorted(m["To"] for m in mailbox.messages) == sorted(p["coach"]["email"] for p in payloads)
    assert mailer.opened == 2  # the one the 451 came on, and a new one after it
    (failed_once_delivery,) = deliveries(notifications_db, events[0].id)
    assert (failed_once_delivery.state, failed_once_delivery.attempts) == ("sent", 2)
    assert "451" in failed_once_delivery.last_error


def test_a_connection_the_server_closed_while_idle_is_replaced(apply, notifications_db, settings_for, sample):
    port = free_port()
    first, second = CountsConnections(), CountsConnections()
    settings = settings_for("notifications", "unused", smtp_host="127.0.0.1", smtp_port=port)
    with Mailer(settings.smtp_host, settings.smtp_port, idle_check_seconds=0) as mailer:
        controller = Controller(first, hostname="127.0.0.1", port=port)
        controller.start()
        before = apply("timesheet.approved", sample.timesheet())
        assert send_one(settings, Config(), notifications_db, mailer)
        controller.stop()  # the server goes away with the sender's connection
        controller = Controller(second, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            after = apply("timesheet.approved", sample.timesheet())
            assert send_one(settings, Config(), notifications_db, mailer)
        finally:
            controller.stop()
    assert (len(first.messages), len(second.messages), mailer.opened) == (1, 1, 2)
    assert [(d.state, d.attempts) for e in (before, after) for d in deliveries(notifications_db, e.id)] == [
        ("sent", 1), ("sent", 1)]


def test_two_senders_claiming_batches_send_every_email_once(apply, notifications_db, settings_for, sample,
                                                            smtp_server):
    events = [apply("timesheet.approved", sample.timesheet()) for _ in range(25)]
    settings = settings_for("notifications", "unused", smtp_host="127.0.0.1", smtp_port=smtp_server.port)

    def drain():
        with Mailer(settings.smtp_host, settings.smtp_port) as mailer:
            while send_batch(settings, Config(), notifications_db, mailer, limit=4):
                pass
    senders = [threading.Thread(target=drain) for _ in range(2)]
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join()
    message_ids = [m["Message-ID"] for m in smtp_server.mailbox.messages]
    assert len(message_ids) == len(set(message_ids)) == 25
    assert all(d.attempts == 1 and d.state == "sent" for e in events for d in deliveries(notifications_db, e.id))
