"""Outbox relay throughput with publisher confirms, beside raw pika publishing without and with confirms.

    AMQP_URL=... TEST_DATABASE_URL=... .venv/bin/python bench/relay.py [--events 20000]

Prints events/s for: the relay (batches of outbox rows from PostgreSQL, published together and
confirmed together, rows marked published after the confirms); its limit, raw pika publishing
the same persistent, mandatory envelopes with no confirms and no database (the connection's
close, which flushes them, is timed too); and raw pika publishing one at a time with confirms
(BlockingChannel.confirm_delivery), all in the same run.
"""
from __future__ import annotations

import argparse
import time
import uuid

import benchpath  # noqa: F401  (first: keeps bench/ off the import path)
import pika

from intake.app import SPEC
from intake.models import outbox, tables
from peercoach import migrations
from peercoach.db import Database
from peercoach.events.envelope import Envelope
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


def raw_rate(amqp_url: str, names: Names, count: int, confirms: bool) -> float:
    """Raw pika publishing of an envelope like the relay's, with or without one-at-a-time confirms."""
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    if confirms:
        channel.confirm_delivery()
    body = Envelope.new("application.submitted", submitted_payload(), "bench").to_json()
    properties = pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent, content_type="application/json")
    started = time.perf_counter()
    for _ in range(count):
        channel.basic_publish(names.exchange, "application.submitted", body, properties, mandatory=True)
    connection.close()
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--raw-events", type=int, default=5000)
    parser.add_argument("--unconfirmed-events", type=int, default=20000)
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
        unconfirmed = raw_rate(amqp_url, names, args.unconfirmed_events, confirms=False)
        raw = raw_rate(amqp_url, names, args.raw_events, confirms=True)
        db.dispose()
    finally:
        infrastructure.delete_namespace(amqp_url, names.namespace)
        databases.drop_all()
    print(f"relay, batched confirms (PostgreSQL outbox -> broker): {relayed:8.0f} events/s ({args.events} events)")
    print(f"raw pika without confirms (the limit):                   {unconfirmed:8.0f} msg/s "
          f"({args.unconfirmed_events} messages)")
    print(f"raw pika, one confirmed publish at a time:               {raw:8.0f} msg/s ({args.raw_events} messages)")
    print(f"ratio relay / raw without confirms:                      {relayed / unconfirmed:8.2f}")
    print(f"ratio relay / raw confirmed:                             {relayed / raw:8.2f}x")


if __name__ == "__main__":
    main()
