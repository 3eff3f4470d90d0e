"""Send queued emails over SMTP; the queue lives in the database.

A sender claims a few due rows at once (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two
senders never take the same one) by counting an attempt for each and pushing its next attempt
past the claim period, then commits. It sends them one by one with no transaction open, and
records each outcome the moment that email is done, in one statement, before sending the
next: an email is never sent without its own outcome following at once. A sender that dies
mid-batch leaves the rows it had not recorded to be picked up again once their claim runs out.
Each sender thread keeps one SMTP connection open across emails (`Mailer`), dropped after any
failure.
"""
from __future__ import annotations

import logging
import smtplib
import threading
import time
from datetime import datetime, timedelta, timezone

from jinja2 import TemplateError
from prometheus_client import Counter
from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from notifications import config as config_mod
from notifications import rules
from notifications.compose import compose
from notifications.config import Config
from notifications.mailer import Mailer
from notifications.models import Delivery
from peercoach.db import Database
from peercoach.messaging.wakeup import Waiter
from peercoach.settings import Settings, check_jwt_secret

log = logging.getLogger(__name__)
SENT = Counter("peercoach_emails_total", "Email delivery attempts, by outcome", ["outcome"])
BATCH = 10  # emails claimed at once by one sender


def claim(db: Database, config: Config, limit: int = 1) -> list[Delivery]:
    """Up to `limit` due deliveries, each with this attempt counted and claimed for `claim_seconds`."""
    now = datetime.now(timezone.utc)
    with db.transaction() as session:
        deliveries = session.scalars(
            select(Delivery).where(Delivery.state == "queued", Delivery.next_attempt_at <= now)
            .order_by(Delivery.next_attempt_at).limit(limit).with_for_update(skip_locked=True)).all()
        for delivery in deliveries:
            delivery.attempts += 1
            delivery.next_attempt_at = now + timedelta(seconds=config.claim_seconds)
        return list(deliveries)


def permanent(exc: Exception) -> bool:
    """An error no retry can mend: a 5xx refusal of every recipient, or a template that cannot render."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _ in exc.recipients.values())
    return isinstance(exc, TemplateError)


def outcome(config: Config, delivery: Delivery, error: Exception | None) -> dict:
    """The columns that record this attempt of a claimed delivery."""
    now = datetime.now(timezone.utc)
    if error is None:
        return {"state": "sent", "sent_at": now}
    values = {"last_error": f"{type(error).__name__}: {error}"[:500]}
    if permanent(error) or rules.gives_up(delivery.attempts, config.max_attempts):
        return {**values, "state": "failed"}
    return {**values, "state": "queued", "next_attempt_at": now + rules.retry_delay(
        delivery.attempts, config.backoff_base_seconds, config.backoff_cap_seconds)}


def record(connection: Connection, config: Config, delivery: Delivery, error: Exception | None) -> str:
    """Write the outcome in one statement on an autocommit connection; the state it leaves."""
    values = outcome(config, delivery, error)
    connection.execute(update(Delivery).where(Delivery.id == delivery.id).values(**values))
    return values["state"]


def deliver(settings: Settings, config: Config, mailer: Mailer, delivery: Delivery) -> Exception | None:
    """Compose and send one claimed delivery; the error that stopped it, if any."""
    try:
        mailer.send(compose(settings, config, delivery))
    except (OSError, smtplib.SMTPException, TemplateError) as exc:
        log.warning("email %s not sent (attempt %d): %s", delivery.id, delivery.attempts, exc)
        return exc
    return None


def send_batch(settings: Settings, config: Config, db: Database, mailer: Mailer, limit: int = BATCH) -> int:
    """Claim up to `limit` due emails, send and record each in turn; how many were claimed.

    Stops early once half the claim period is gone (a slow server), so that no claim runs out
    while its email is still being sent; the rest go out once their claim runs out.
    """
    claimed_at = time.monotonic()
    deliveries = claim(db, config, limit)
    if not deliveries:
        return 0
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for delivery in deliveries:
            if time.monotonic() - claimed_at > config.claim_seconds / 2:
                break
            state = record(connection, config, delivery, deliver(settings, config, mailer, delivery))
            SENT.labels("retry" if state == "queued" else state).inc()
    return len(deliveries)


def send_one(settings: Settings, config: Config, db: Database, mailer: Mailer | None = None) -> bool:
    """Claim, send and record one due email; False when none is due.

    Over `mailer`'s open connection when given, else over a connection of its own.
    """
    if mailer is not None:
        return send_batch(settings, config, db, mailer, limit=1) > 0
    with Mailer(settings.smtp_host, settings.smtp_port) as own:
        return send_batch(settings, config, db, own, limit=1) > 0


IDLE_POLL_SECONDS = 0.2  # how long an idle sender waits before looking for due emails again


def run(settings: Settings, db: Database, stop: threading.Event) -> None:
    """Send due emails until `stop`; when none is due, wait for a new one to be queued (woken at its
    commit on PostgreSQL) or for the next poll, whichever comes first."""
    check_jwt_secret(settings.jwt_secret)  # it signs the links in emails
    config = config_mod.load()
    waiter = Waiter(db, Delivery.__tablename__)
    try:
        with Mailer(settings.smtp_host, settings.smtp_port) as mailer:
            while not stop.is_set():
                if not send_batch(settings, config, db, mailer):
                    waiter.wait(IDLE_POLL_SECONDS, stop)
    finally:
        waiter.close()
