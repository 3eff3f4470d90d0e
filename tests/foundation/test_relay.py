"""The outbox relay: nothing from a rolled-back change, everything committed, once downstream."""
import threading

import pytest
from sqlalchemy import func, select

from intake.app import SPEC
from intake.models import outbox
from matching.models import Review
from peercoach.db import Database
from peercoach.messaging.relay import Relay
from peercoach.messaging.topology import Names
from peercoach.testing import broker
from tests.helpers import eventually, submitted_payload


def record(db: Database, payload: dict):
    with db.transaction() as session:
        return outbox.record(session, "application.submitted", payload)


def reviews(db: Database) -> list[str]:
    with db.transaction() as session:
        return list(session.scalars(select(Review.application_id)))


def test_event_of_a_rolled_back_change_is_never_published(database_url, start_worker, probe):
    url = database_url("intake")
    db = Database(url)
    with pytest.raises(RuntimeError), db.transaction() as session:
        outbox.record(session, "application.submitted", submitted_payload())
        raise RuntimeError("the change failed after the event was written")
    committed = record(db, submitted_payload())

    start_worker("intake", url)

    probe.wait_for("application.submitted")
    assert [event.id for event in probe.collect(1.0)] == [committed.id]


def test_event_survives_the_broker_closing_the_relay_connection(database_url, start_worker, probe, namespace):
    intake_url, matching_url = database_url("intake"), database_url("matching")
    intake_db = start_worker("intake", intake_url)
    matching_db = start_worker("matching", matching_url)
    first = record(intake_db, submitted_payload())
    eventually(lambda: first.payload["application_id"] in reviews(matching_db))

    assert broker.close_connections_named(f"{namespace}.intake-relay") == 1
    second = record(intake_db, submitted_payload())

    eventually(lambda: second.payload["application_id"] in reviews(matching_db))
    probe.collect(1.0)
    assert sorted(reviews(matching_db)) == sorted([first.payload["application_id"],
                                                   second.payload["application_id"]])


@pytest.mark.outage
def test_event_written_while_the_broker_is_down_arrives_once_it_returns(database_url, start_worker):
    intake_db = start_worker("intake", database_url("intake"))
    matching_db = start_worker("matching", database_url("matching"))
    broker.stop_broker()
    try:
        event = record(intake_db, submitted_payload())
        with intake_db.transaction() as session:
            pending = session.scalar(select(func.count()).select_from(outbox.table)
                                     .where(outbox.table.c.published_at.is_(None)))
        assert pending == 1
    finally:
        broker.start_broker()

    eventually(lambda: reviews(matching_db) == [event.payload["application_id"]], timeout=60)
    with matching_db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Review)) == 1


def test_a_committed_event_wakes_the_relay_without_waiting_for_its_poll(database_url, amqp_url, namespace, probe):
    """On PostgreSQL the outbox's trigger notifies the relay at commit: with a poll of a minute, the event
    still goes out within the `probe`'s wait, which only the notification can explain."""
    db = Database(database_url("intake"))
    if not db.is_postgres:
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; SQLite relies on the poll")
    relay = Relay("intake", db, SPEC.tables, amqp_url, Names(namespace), poll_interval=60)
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        probe.collect(1.0)  # the relay is up and has found the outbox empty: it waits
        committed = record(db, submitted_payload())

        assert [event.id for event in probe.wait_for("application.submitted", timeout=10)] == [committed.id]
    finally:
        stop.set()
        thread.join(timeout=10)
        db.dispose()
