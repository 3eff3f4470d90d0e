"""Consumers believe an event only from the service that owns its routing key (issue 17, item 1).

The four workers run as they do in production, each logged in as its own broker user. Events
from any other broker user (here `guest`, which may publish anything), without a user at all, or
smuggled by a service under one of its own routing keys, are dead-lettered and change nothing:
no review opened or closed, no pairing to log time against, no email with a link.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pika
import pytest
from sqlalchemy import select

from intake.models import outbox as intake_outbox
from matching.models import Review
from matching.models import outbox as matching_outbox
from matching.models import tables as matching_tables
from notifications.models import Delivery
from peercoach.db import Database
from peercoach.events.envelope import Envelope
from peercoach.messaging.consumer import Consumer
from peercoach.messaging.topology import SUBSCRIPTIONS, Names
from peercoach.testing.broker import publish_raw, queue_depth, wait_until_consumed
from tests.helpers import eventually, submitted_payload
from timesheets.models import Pairing as TimesheetsPairing

ATTACKER = "attacker@evil.example.org"


def pairing_created(pairing_id: str | None = None) -> dict:
    ref = uuid.uuid4().hex[:8]
    return {"pairing_id": pairing_id or str(uuid.uuid4()), "application_id": str(uuid.uuid4()),
            "program": "district_coaching", "referral": "self", "teacher": submitted_payload()["teacher"],
            "coach": {"coach_id": f"C{ref}", "employee_id": f"K{ref}", "name": "Grace Coach",
                      "email": f"grace.{ref}@school.example.org", "district": "SD60"},
            "learning_partner": None, "hours_approved": "10.00", "release_half_days": 4,
            "funding": {"federation_pct": "0.00", "district_pct": "100.00"},
            "account_code": "ACC-1", "started_on": "2026-11-02"}


def pairing_closed(created: dict, teacher_email: str) -> dict:
    teacher = created["teacher"]
    return {"pairing_id": created["pairing_id"], "program": created["program"], "closed_on": "2026-12-01",
            "teacher": {"name": teacher["first_name"], "email": teacher_email}, "coach": created["coach"],
            "teacher_employee_id": teacher["employee_id"]}


def withdrawn(submitted: dict) -> dict:
    return {"application_id": submitted["application_id"], "program": submitted["program"],
            "teacher": {"name": "Ada", "email": submitted["teacher"]["email"]}, "withdrawn_by": "teacher"}


def forge(url: str, exchange: str, type_: str, payload: dict, producer: str, routing_key: str | None = None,
          user_id: str | None = "") -> Envelope:
    envelope = Envelope.new(type_, payload, producer=producer)
    publish_raw(url, exchange, routing_key or type_, envelope.to_json(), user_id=user_id)
    return envelope


def rows(db: Database, statement) -> list:
    with db.transaction() as session:
        return list(session.execute(statement).all())


def test_events_from_the_wrong_broker_user_are_dead_lettered_and_change_nothing(
        broker_users, start_worker, database_url, amqp_url, namespace, smtp_server):
    names = Names(namespace)
    dbs = {}
    for service in ("matching", "timesheets", "notifications", "intake"):
        dbs[service] = start_worker(service, database_url(service), smtp_port=smtp_server.port,
                                    **broker_users.settings(service))

    # The real producers, through their outboxes and relays, as their own users: all believed.
    real_application, real_pairing = submitted_payload(), pairing_created()
    with dbs["intake"].transaction() as session:
        intake_outbox.record(session, "application.submitted", real_application)
    with dbs["matching"].transaction() as session:
        matching_outbox.record(session, "pairing.created", real_pairing)
    eventually(lambda: rows(dbs["matching"], select(Review.status)) == [("pending",)])
    eventually(lambda: rows(dbs["timesheets"], select(TimesheetsPairing.id)) == [(real_pairing["pairing_id"],)])
    eventually(lambda: len(rows(dbs["notifications"], select(Delivery.id))) == 3)  # teacher; teacher and coach
    deliveries_before = sorted(rows(dbs["notifications"], select(Delivery.recipient, Delivery.template)))

    # Forgeries. By a broker user that is no service's (guest may publish anything):
    exchange = names.exchange
    forged = [
        forge(amqp_url, exchange, "application.submitted",
              submitted_payload(teacher={**real_application["teacher"], "email": ATTACKER},
                                application_id=real_application["application_id"]), "intake"),
        forge(amqp_url, exchange, "application.withdrawn", withdrawn(real_application), "intake"),
        forge(amqp_url, exchange, "pairing.created", pairing_created(), "matching"),
        forge(amqp_url, exchange, "pairing.closed", pairing_closed(real_pairing, ATTACKER), "matching"),
        # without any user_id:
        forge(amqp_url, exchange, "application.withdrawn", withdrawn(real_application), "intake", user_id=None),
        # by intake's own user, smuggling matching's event under a routing key intake may publish:
        forge(broker_users.url("intake"), exchange, "pairing.closed", pairing_closed(real_pairing, ATTACKER),
              "matching", routing_key="application.submitted", user_id=broker_users.names["intake"]),
    ]

    eventually(lambda: queue_depth(amqp_url, names.dead_letter_queue("matching")) == 4)
    eventually(lambda: queue_depth(amqp_url, names.dead_letter_queue("timesheets")) == 2)
    eventually(lambda: queue_depth(amqp_url, names.dead_letter_queue("notifications")) == 6)
    assert rows(dbs["matching"], select(Review.status, Review.teacher)) == [("pending", real_application["teacher"])]
    assert rows(dbs["timesheets"], select(TimesheetsPairing.id)) == [(real_pairing["pairing_id"],)]
    assert sorted(rows(dbs["notifications"], select(Delivery.recipient, Delivery.template))) == deliveries_before
    forged_ids = {envelope.id for envelope in forged}
    inbox = matching_tables.inbox  # every service's inbox table is the same
    for service in ("matching", "timesheets", "notifications"):
        assert not {event_id for (event_id,) in rows(dbs[service], select(inbox.c.event_id))} & forged_ids, service


@pytest.fixture
def consuming(database_url, amqp_url, namespace, broker_users):
    """`consuming(handler, max_attempts)`: matching's queue consumed by `handler` as matching's broker user."""
    running = []

    def start(handler, max_attempts: int) -> Names:
        db = Database(database_url("matching"))
        names = Names(namespace)
        consumer = Consumer("matching", db, matching_tables, dict.fromkeys(SUBSCRIPTIONS["matching"], handler),
                            broker_users.url("matching"), names, max_attempts=max_attempts,
                            broker_users=broker_users.names)
        stop = threading.Event()
        thread = threading.Thread(target=consumer.run, args=(stop,))
        thread.start()
        running.append((stop, thread, db))
        wait_until_consumed(amqp_url, names.queue("matching"))
        return names
    yield start
    for stop, thread, db in running:
        stop.set()
        thread.join(timeout=10)
        db.dispose()


def as_intake(broker_users, names: Names, payload: dict | None = None) -> Envelope:
    return forge(broker_users.url("intake"), names.exchange, "application.submitted", payload or submitted_payload(),
                 "intake", user_id=broker_users.names["intake"])


def test_a_retried_event_keeps_its_producer_and_is_handled(consuming, broker_users):
    """The retry goes out under matching's own user and still counts as intake's event."""
    attempts, handled = [], []

    def flaky(session, event):
        attempts.append(event.id)
        if len(attempts) < 3:
            raise RuntimeError("a passing failure")
        handled.append(event.payload["application_id"])

    names = consuming(flaky, max_attempts=5)
    event = as_intake(broker_users, names)

    eventually(lambda: handled == [event.payload["application_id"]])
    assert attempts == [event.id] * 3


def test_replayed_dead_letters_keep_their_producer(consuming, broker_users, amqp_url, namespace):
    """`peercoach dlq replay` (as matching's user) brings back intake's event, which is then handled,
    and a forged one, which is refused again without reaching the handler."""
    broken, handled = threading.Event(), []
    broken.set()

    def handler(session, event):
        if broken.is_set():
            raise RuntimeError("a bug, fixed later")
        handled.append(event.payload["application_id"])

    names = consuming(handler, max_attempts=2)
    real = as_intake(broker_users, names)
    forged = forge(amqp_url, names.exchange, "application.submitted", submitted_payload(), "intake")
    eventually(lambda: queue_depth(amqp_url, names.dead_letter_queue("matching")) == 2)

    broken.clear()
    cli = [str(Path(sys.executable).with_name("peercoach")), "dlq", "replay", "matching"]
    env = {"PATH": "/usr/bin:/bin", "AMQP_URL": amqp_url, "MATCHING_AMQP_URL": broker_users.url("matching"),
           "PEERCOACH_NAMESPACE": namespace}
    replayed = subprocess.run(cli, capture_output=True, text=True, env=env)

    assert "2 dead letter(s) sent back to matching" in replayed.stdout, replayed.stderr
    eventually(lambda: handled == [real.payload["application_id"]])
    eventually(lambda: queue_depth(amqp_url, names.dead_letter_queue("matching")) == 1)
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    method, _properties, body = connection.channel().basic_get(names.dead_letter_queue("matching"))
    connection.close()
    assert json.loads(body)["id"] == forged.id and forged.payload["application_id"] not in handled
