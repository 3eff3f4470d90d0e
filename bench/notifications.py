"""Notifications throughput: events turned into queued emails, and emails sent over SMTP.

    TEST_DATABASE_URL=... .venv/bin/python bench/notifications.py [--events 300]

Prints events/s for handling `pairing.created` (three emails each, inbox and delivery rows in
PostgreSQL) and emails/s for the sender loop (claim up to 10 rows, then render text and HTML,
send and record each) with one and with two senders, each keeping its SMTP connection open,
against an aiosmtpd server in a process of its own (as Mailpit or a relay is in production; it
takes no time from the senders' interpreter) that counts what it receives. Beside them, in the
same run: one sender claiming one row at a time and opening a connection per email (as it did
before), and the limit: the same messages, composed beforehand, sent by plain smtplib over one
connection with no database at all.
"""
from __future__ import annotations

import argparse
import smtplib
import socket
import subprocess
import sys
import threading
import time
import uuid

import benchpath  # noqa: F401  (first: keeps bench/ off the import path)
from sqlalchemy import select

from notifications.app import SPEC
from notifications.compose import compose
from notifications.config import Config
from notifications.handlers import HANDLERS
from notifications.mailer import Mailer
from notifications.models import Delivery, tables
from notifications.sender import send_batch, send_one
from peercoach import migrations
from peercoach.db import Database
from peercoach.events.envelope import Envelope
from peercoach.messaging.consumer import Consumer
from peercoach.messaging.topology import Names
from peercoach.settings import Settings
from peercoach.testing import infrastructure
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


def send_rate(db: Database, settings: Settings, senders: int, count: int, reuse: bool = True) -> float:
    def drain():
        if not reuse:
            while send_one(settings, Config(), db):
                pass
            return
        with Mailer(settings.smtp_host, settings.smtp_port) as mailer:
            while send_batch(settings, Config(), db, mailer):
                pass
    threads = [threading.Thread(target=drain) for _ in range(senders)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return count / (time.perf_counter() - started)


def smtplib_rate(db: Database, settings: Settings) -> float:
    """The limit: the queued emails, composed beforehand, sent over one plain smtplib connection."""
    with db.transaction() as session:
        messages = [compose(settings, Config(), d) for d in session.scalars(select(Delivery))]
    started = time.perf_counter()
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port) as smtp:
        for message in messages:
            smtp.send_message(message)
    return len(messages) / (time.perf_counter() - started)


def start_smtp_server(port: int) -> subprocess.Popen:
    """aiosmtpd in its own process, discarding what it receives; ready once it accepts connections."""
    server = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
                               "-c", "aiosmtpd.handlers.Sink"])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the SMTP server did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=300)
    args = parser.parse_args()
    databases = infrastructure.bench_databases("bench")
    smtp_port = free_port()
    smtp = start_smtp_server(smtp_port)
    emails = args.events * 3
    try:
        rates = {}
        for run in ("per-email", 1, 2):
            url = databases.url(databases.create())
            migrations.upgrade(SPEC, url)
            db = Database(url)
            rates["handle"] = handle_rate(db, args.events)
            settings = Settings("notifications", url, "amqp://unused", "bench", 0, "bench-secret",
                                smtp_host="127.0.0.1", smtp_port=smtp_port)
            if run == "per-email":
                rates["smtplib"] = smtplib_rate(db, settings)
                rates[run] = send_rate(db, settings, 1, emails, reuse=False)
            else:
                rates[run] = send_rate(db, settings, run, emails)
            db.dispose()
    finally:
        smtp.terminate()
        smtp.wait()
        databases.drop_all()
    limit = rates["smtplib"]
    print(f"pairing.created handled (3 emails queued each): {rates['handle']:7.0f} events/s ({args.events} events)")
    print(f"emails sent, one sender, a row and a connection at a time: {rates['per-email']:7.0f} emails/s "
          f"({emails} emails)")
    print(f"emails sent, one sender:                        {rates[1]:7.0f} emails/s ({emails} emails)"
          f"  {rates[1] / limit:.2f} of the limit")
    print(f"emails sent, two senders:                       {rates[2]:7.0f} emails/s ({emails} emails)"
          f"  {rates[2] / limit:.2f} of the limit")
    print(f"limit: composed emails over one smtplib connection, no database: {limit:7.0f} emails/s")


if __name__ == "__main__":
    main()
