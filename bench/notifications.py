"""Notifications throughput: events turned into queued emails, and emails sent over SMTP.

    TEST_DATABASE_URL=... .venv/bin/python bench/notifications.py [--events 500]

Prints events/s for handling `pairing.created` (three emails each, inbox and delivery rows in
PostgreSQL) and emails/s for the sender (claim a row, render text and HTML, one SMTP session,
record) with one and with two senders, against an in-process aiosmtpd server.
"""
from __future__ import annotations

import benchpath  # noqa: F401  (first: keeps bench/ off the import path)
import argparse
import threading
import time
import uuid


from aiosmtpd.controller import Controller

from notifications.config import Config
from notifications.models import tables
from notifications.handlers import HANDLERS
from notifications.sender import send_one
from notifications.app import SPEC
from peercoach import migrations
from peercoach.db import Database
from peercoach.events.envelope import Envelope
from peercoach.messaging.consumer import Consumer
from peercoach.messaging.topology import Names
from peercoach.settings import Settings
from peercoach.testing import infrastructure
from peercoach.testing.mail import Mailbox
from peercoach.testing.ports import free_port
from peercoach.testing.samples import submitted_payload


def pairing_created() -> dict:
    ref = uuid.uuid4().hex[:8]
    return {"pairing_id": str(uuid.uuid4()), "application_id": str(uuid.uuid4()),
            "program": "district_coaching", "referral": "self", "teacher": submitted_payload()["teacher"],
            "coach": {"coach_id": f"C{ref}", "employee_id": f"K{ref}", "name": "Grace Coach",
                      "email": f"grace.{ref}@school.example.org", "district": "SD60"},
            "learning_partner": {"name": "Lin Partner", "email": f"lin.{ref}@school.example.org"},
            "hours_approved": "10.00", "release_half_days": 4,
            "funding": {"federation_pct": "0.00", "district_pct": "100.00"},
            "account_code": "ACC-1", "started_on": "2026-11-02"}


def handle_rate(db: Database, count: int) -> float:
    consumer = Consumer("notifications", db, tables, HANDLERS, "amqp://unused", Names("bench"))
    envelopes = [Envelope.new("pairing.created", pairing_created(), "bench") for _ in range(count)]
    started = time.perf_counter()
    for envelope in envelopes:
        consumer.handle(envelope)
    return count / (time.perf_counter() - started)


def send_rate(db: Database, settings: Settings, senders: int, count: int) -> float:
    def drain():
        while send_one(settings, Config(), db):
            pass
    threads = [threading.Thread(target=drain) for _ in range(senders)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=500)
    args = parser.parse_args()
    databases = infrastructure.bench_databases("bench")
    smtp = Controller(Mailbox(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    try:
        rates = {}
        for senders in (1, 2):
            url = databases.url(databases.create())
            migrations.upgrade(SPEC, url)
            db = Database(url)
            rates["handle"] = handle_rate(db, args.events)
            settings = Settings("notifications", url, "amqp://unused", "bench", 0, "bench-secret",
                                smtp_host="127.0.0.1", smtp_port=smtp.port)
            rates[senders] = send_rate(db, settings, senders, args.events * 3)
            db.dispose()
    finally:
        smtp.stop()
        databases.drop_all()
    print(f"pairing.created handled (3 emails queued each): {rates['handle']:7.0f} events/s ({args.events} events)")
    print(f"emails sent, one sender:                        {rates[1]:7.0f} emails/s ({args.events * 3} emails)")
    print(f"emails sent, two senders:                       {rates[2]:7.0f} emails/s ({args.events * 3} emails)")


if __name__ == "__main__":
    main()
