"""Faults while events are in flight: nothing is lost and nothing is done twice.

Each test prints its figures (run with -s to see them).
"""
import signal
import time

import pytest
import requests
from sqlalchemy import create_engine, text

from peercoach.db import normalize_url
from peercoach.messaging.topology import Names
from peercoach.testing import broker
from tests.e2e.flows import People
from tests.helpers import application, eventually


def apply(stack, count: int) -> list[dict]:
    bodies = [application() for _ in range(count)]
    for body in bodies:
        response = requests.post(f"{stack.urls['intake']}/applications", json=body, timeout=15)
        assert response.status_code == 201, response.text
        body["id"] = response.json()["id"]
    return bodies


def pending_ids(people: People) -> list[str]:
    return [r["application_id"] for r in people.ok("GET", "matching", "/reviews?status=pending", people.coordinator)]


def all_reviewed_once(people: People, bodies: list[dict]):
    reviewed = pending_ids(people)
    return len(reviewed) == len(bodies) and sorted(reviewed) == sorted(b["id"] for b in bodies)


def all_told_once(mailbox, bodies: list[dict]) -> bool:
    return all(len(mailbox.to(b["teacher"]["email"])) == 1 for b in bodies)


@pytest.mark.outage
def test_broker_stopped_and_restarted_mid_flow(stack, token, smtp_server):
    people = People(stack, token)
    before = apply(stack, 10)
    broker.stop_broker()
    try:
        during = apply(stack, 10)
    finally:
        broker.start_broker()
    after = apply(stack, 10)
    bodies = before + during + after
    started = time.monotonic()

    eventually(lambda: all_reviewed_once(people, bodies), timeout=90)
    eventually(lambda: all_told_once(smtp_server.mailbox, bodies), timeout=90)
    print(f"\nbroker outage: {len(during)} applications accepted while the broker was down, "
          f"{len(bodies)} reviewed and emailed exactly once, {time.monotonic() - started:.1f}s after restart")


def test_worker_killed_while_handling_messages(stack, token, smtp_server):
    people = People(stack, token)
    bodies = apply(stack, 40)
    eventually(lambda: len(pending_ids(people)) > 0, timeout=30)
    in_flight = len(bodies) - len(pending_ids(people))

    stack.kill("matching-worker", signal.SIGKILL)
    stack.start("matching-worker")

    eventually(lambda: all_reviewed_once(people, bodies), timeout=60)
    eventually(lambda: all_told_once(smtp_server.mailbox, bodies), timeout=60)
    print(f"\nworker SIGKILL: {in_flight} of {len(bodies)} events not yet handled at the kill; "
          f"all {len(bodies)} reviewed exactly once after the restart")


def test_database_of_one_service_unreachable_for_a_while(stack, token, smtp_server, amqp_url, namespace):
    people = People(stack, token)
    database = stack.env["MATCHING_DATABASE_URL"].rsplit("/", 1)[1]
    admin = create_engine(normalize_url(stack.env["MATCHING_DATABASE_URL"]).rsplit("/", 1)[0] + "/postgres",
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false'))
        connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"),
                           {"d": database})
    try:
        bodies = apply(stack, 15)
        eventually(lambda: all_told_once(smtp_server.mailbox, bodies), timeout=60)
        unavailable = requests.get(f"{stack.urls['matching']}/readyz", timeout=15).status_code
        time.sleep(3)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true'))
        admin.dispose()

    eventually(lambda: all_reviewed_once(people, bodies), timeout=60)
    dead = broker.queue_depth(amqp_url, Names(namespace).dead_letter_queue("matching"))
    assert unavailable == 503 and dead == 0
    print(f"\nmatching database unreachable: {len(bodies)} events waited, all reviewed once it returned, "
          f"{dead} dead-lettered; /readyz said {unavailable} meanwhile")


def test_poison_message_is_dead_lettered_and_the_flow_continues(stack, token, smtp_server, amqp_url, namespace):
    people = People(stack, token)
    names = Names(namespace)
    broker.publish_raw(amqp_url, names.exchange, "application.submitted", b"\x00 definitely not an event")

    bodies = apply(stack, 5)

    eventually(lambda: all_reviewed_once(people, bodies), timeout=60)
    eventually(lambda: all_told_once(smtp_server.mailbox, bodies), timeout=60)
    dead = {name: broker.queue_depth(amqp_url, names.dead_letter_queue(name)) for name in ("matching", "notifications")}
    assert dead == {"matching": 1, "notifications": 1}
    print(f"\npoison message: dead-lettered once per consumer {dead}; the {len(bodies)} applications after it flowed")
