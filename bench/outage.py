"""Recovery after a broker outage: how soon the outbox backlog goes out once the broker is back.

    .venv/bin/python bench/outage.py [--seconds 10]

An intake relay publishes through a TCP forwarder to RabbitMQ; the forwarder is cut for
`--seconds` (connections dropped, new ones refused: an outage as the relay sees it, while the
shared broker itself keeps running), applications' events are written to the outbox at 4/s
meanwhile, and the time from the forwarder's return to the last row being published is
printed beside the relay's wait limit between attempts.
"""
from __future__ import annotations

import argparse
import threading
import time
import uuid
from urllib.parse import urlsplit

import benchpath  # noqa: F401  (first: keeps bench/ off the import path)
from sqlalchemy import func, select

from intake.app import SPEC
from intake.models import outbox
from peercoach import migrations
from peercoach.db import Database
from peercoach.messaging.relay import Relay
from peercoach.messaging.topology import Names
from peercoach.testing import infrastructure
from peercoach.testing.ports import free_port
from peercoach.testing.samples import submitted_payload
from peercoach.testing.tcp_proxy import TcpProxy


def pending(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(outbox.table)
                              .where(outbox.table.c.published_at.is_(None)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    amqp_url = infrastructure.bench_amqp_url()
    broker = urlsplit(amqp_url)
    databases = infrastructure.bench_databases("outage")
    namespace = f"bench-outage-{uuid.uuid4().hex[:6]}"
    proxy = TcpProxy(broker.hostname, broker.port or 5672, free_port())
    proxy.start()
    stop = threading.Event()
    try:
        url = databases.url(databases.create())
        migrations.upgrade(SPEC, url)
        db = Database(url)
        credentials = broker.netloc.rsplit("@", 1)[0]
        relay = Relay("intake", db, SPEC.tables, f"amqp://{credentials}@127.0.0.1:{proxy.port}/%2F", Names(namespace))
        thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
        thread.start()
        time.sleep(2)
        proxy.stop()
        written, ends = 0, time.monotonic() + args.seconds
        while time.monotonic() < ends:
            with db.transaction() as session:
                outbox.record(session, "application.submitted", submitted_payload())
            written += 1
            time.sleep(0.25)
        waiting = pending(db)
        proxy.start()
        back = time.monotonic()
        while pending(db):
            time.sleep(0.01)
        drained = time.monotonic() - back
        stop.set()
        thread.join(timeout=10)
        db.dispose()
    finally:
        stop.set()
        proxy.stop()
        databases.drop_all()
        infrastructure.delete_namespace(amqp_url, namespace)
    print(f"{args.seconds:.0f} s outage, {written} events written meanwhile, {waiting} waiting in the outbox")
    print(f"backlog published {drained:.2f} s after the broker was back (retries at most 0.5 s apart)")


if __name__ == "__main__":
    main()
