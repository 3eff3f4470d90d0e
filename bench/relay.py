"""Outbox relay throughput with publisher confirms, beside raw pika confirmed publishing.

    AMQP_URL=... TEST_DATABASE_URL=... .venv/bin/python bench/relay.py [--events 20000]

Prints events/s for: the relay (batches of outbox rows from PostgreSQL, published together and
confirmed together, rows marked published after the confirms), and raw pika publishing one
persistent message at a time with confirms (BlockingChannel.confirm_delivery), in the same run.
"""
from __future__ import annotations

import benchpath  # noqa: F401  (first: keeps bench/ off the import path)
import argparse
import time
import uuid

import pika

from intake.models import outbox, tables
from intake.app import SPEC
from peercoach import migrations
from peercoach.db import Database
from peercoach.messaging.relay import Relay
from peercoach.messaging.topology import Names
from peercoach.testing import infrastructure
from peercoach.testing.samples import submitted_payload


def seed(db: Database, count: int) -> None:
    payload = submitted_payload()
    with db.transaction() as session:
        for _ in range(count):
            outbox.record(session, "application.submitted", payload)


def relay_rate(db: Database, amqp_url: str, names: Names, count: int) -> float:
    relay = Relay("intake", db, tables, amqp_url, names)
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    publisher = relay._publisher(connection)
    started = time.perf_counter()
    relayed = 0
    while relayed < count:
        relayed += relay.relay_batch(publisher)
    elapsed = time.perf_counter() - started
    connection.close()
    return count / elapsed


def raw_confirmed_rate(amqp_url: str, names: Names, count: int) -> float:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.confirm_delivery()
    body = b'{"bench": true}'
    properties = pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent)
    started = time.perf_counter()
    for _ in range(count):
        channel.basic_publish(names.exchange, "application.submitted", body, properties, mandatory=True)
    elapsed = time.perf_counter() - started
    connection.close()
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--raw-events", type=int, default=5000)
    args = parser.parse_args()
    amqp_url = infrastructure.bench_amqp_url()
    databases = infrastructure.bench_databases("bench")
    names = Names(f"bench-{uuid.uuid4().hex[:6]}")
    try:
        url = databases.url(databases.create())
        migrations.upgrade(SPEC, url)
        db = Database(url)
        seed(db, args.events)
        relayed = relay_rate(db, amqp_url, names, args.events)
        raw = raw_confirmed_rate(amqp_url, names, args.raw_events)
        db.dispose()
    finally:
        infrastructure.delete_namespace(amqp_url, names.namespace)
        databases.drop_all()
    print(f"relay, batched confirms (PostgreSQL outbox -> broker): {relayed:8.0f} events/s ({args.events} events)")
    print(f"raw pika, one confirmed publish at a time:               {raw:8.0f} msg/s ({args.raw_events} messages)")
    print(f"ratio relay / raw confirmed:                             {relayed / raw:8.2f}x")


if __name__ == "__main__":
    main()
