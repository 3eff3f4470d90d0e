"""The consumer: each event applied once, poison and failing events dead-lettered, others flow on."""
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import select

from matching.models import Review
from matching.models import tables as matching_tables
from peercoach.db import Database
from peercoach.events.envelope import Envelope
from peercoach.messaging.consumer import Consumer
from peercoach.messaging.topology import SUBSCRIPTIONS, Names
from peercoach.testing.broker import publish_raw, queue_depth, wait_until_consumed
from tests.helpers import eventually, submitted_payload


def submitted(**overrides) -> Envelope:
    return Envelope.new("application.submitted", submitted_payload(**overrides), producer="intake")


def review_ids(db: Database) -> list[str]:
    with db.transaction() as session:
        return list(session.scalars(select(Review.application_id)))


def consumed(type_: str, outcome: str) -> float:
    return REGISTRY.get_sample_value("peercoach_events_consumed_total", {"type": type_, "outcome": outcome}) or 0


def test_the_same_event_delivered_twice_changes_nothing_twice(database_url, start_worker, amqp_url, namespace):
    db = start_worker("matching", database_url("matching"))
    event = submitted()
    duplicates_before = consumed("application.submitted", "duplicate")

    for _ in range(2):
        publish_raw(amqp_url, Names(namespace).exchange, event.type, event.to_json())

    eventually(lambda: consumed("application.submitted", "duplicate") == duplicates_before + 1)
    assert review_ids(db) == [event.payload["application_id"]]


def test_unparseable_message_is_dead_lettered_and_the_next_one_processed(
        database_url, start_worker, amqp_url, namespace):
    db = start_worker("matching", database_url("matching"))
    names = Names(namespace)
    good = submitted()

    publish_raw(amqp_url, names.exchange, "application.submitted", b"{not json")
    publish_raw(amqp_url, names.exchange, "application.submitted", b'{"id": "x", "type": "application.submitted"}')
    publish_raw(amqp_url, names.exchange, good.type, good.to_json())

    eventually(lambda: review_ids(db) == [good.payload["application_id"]])
    eventually(lambda: queue_depth(amqp_url, names.dead_letter_queue("matching")) == 2)


@pytest.fixture
def consuming(database_url, amqp_url, namespace):
    """`consuming(handler, max_attempts)`: matching's queue consumed by `handler`, in a thread."""
    running = []

    def start(handler, max_attempts: int) -> Names:
        db = Database(database_url("matching"))
        names = Names(namespace)
        consumer = Consumer("matching", db, matching_tables, dict.fromkeys(SUBSCRIPTIONS["matching"], handler),
                            amqp_url, names, max_attempts=max_attempts)
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


def test_event_that_keeps_failing_is_retried_then_dead_lettered_without_blocking(consuming, amqp_url):
    attempts, handled = [], []

    def fragile(session, event):
        if event.payload["teacher"]["last_name"] == "Poison":
            attempts.append(event.id)
            raise RuntimeError("this event can never be handled")
        handled.append(event.payload["application_id"])

    names = consuming(fragile, max_attempts=3)
    poison = submitted(teacher={**submitted_payload()["teacher"], "last_name": "Poison"})
    good = submitted()
    publish_raw(amqp_url, names.exchange, poison.type, poison.to_json())
    publish_raw(amqp_url, names.exchange, good.type, good.to_json())

    eventually(lambda: handled == [good.payload["application_id"]])
    eventually(lambda: queue_depth(amqp_url, names.dead_letter_queue("matching")) == 1)
    assert attempts == [poison.id] * 3


def test_dead_letters_can_be_listed_and_replayed_once_the_cause_is_fixed(consuming, amqp_url, namespace):
    broken, handled = threading.Event(), []
    broken.set()

    def handler(session, event):
        if broken.is_set():
            raise RuntimeError("a bug, fixed later")
        handled.append(event.payload["application_id"])

    names = consuming(handler, max_attempts=2)
    cli = [str(Path(sys.executable).with_name("peercoach")), "dlq"]
    env = {"PATH": "/usr/bin:/bin", "AMQP_URL": amqp_url, "PEERCOACH_NAMESPACE": namespace}
    event = submitted()
    publish_raw(amqp_url, names.exchange, event.type, event.to_json())
    eventually(lambda: queue_depth(amqp_url, names.dead_letter_queue("matching")) == 1)

    listed = subprocess.run(cli + ["list", "matching"], capture_output=True, text=True, env=env)
    broken.clear()
    replayed = subprocess.run(cli + ["replay", "matching"], capture_output=True, text=True, env=env)

    assert event.id in listed.stdout and "application.submitted" in listed.stdout, listed.stderr
    assert "1 dead letter(s) sent back to matching" in replayed.stdout, replayed.stderr
    eventually(lambda: handled == [event.payload["application_id"]])
    assert queue_depth(amqp_url, names.dead_letter_queue("matching")) == 0
