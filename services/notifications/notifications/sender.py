"""Send queued emails over SMTP, one claimed row at a time; the queue lives in the database.

A worker claims a due row (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two workers never take
the same one) by counting the attempt and pushing its next attempt past the claim period, then
commits, sends with no transaction open, and records the outcome. A worker that dies mid-send
leaves the row to be picked up again once the claim runs out.
"""
from __future__ import annotations

import logging
import smtplib
import threading
from datetime import datetime, timedelta, timezone

from jinja2 import TemplateError
from prometheus_client import Counter
from sqlalchemy import select

from notifications import config as config_mod, rules
from notifications.compose import compose
from notifications.config import Config
from notifications.models import Delivery
from peercoach.db import Database
from peercoach.settings import Settings, check_jwt_secret

log = logging.getLogger(__name__)
SENT = Counter("peercoach_emails_total", "Email delivery attempts, by outcome", ["outcome"])


def claim(db: Database, config: Config) -> Delivery | None:
    now = datetime.now(timezone.utc)
    with db.transaction() as session:
        delivery = session.scalars(
            select(Delivery).where(Delivery.state == "queued", Delivery.next_attempt_at <= now)
            .order_by(Delivery.next_attempt_at).limit(1).with_for_update(skip_locked=True)).first()
        if delivery is not None:
            delivery.attempts += 1
            delivery.next_attempt_at = now + timedelta(seconds=config.claim_seconds)
        return delivery


def permanent(exc: Exception) -> bool:
    """An error no retry can mend: a 5xx refusal of every recipient, or a template that cannot render."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _ in exc.recipients.values())
    return isinstance(exc, TemplateError)


def record(db: Database, config: Config, delivery_id: str, error: Exception | None) -> str:
    now = datetime.now(timezone.utc)
    with db.transaction() as session:
        delivery = session.get(Delivery, delivery_id, with_for_update=True)
        if error is None:
            delivery.state, delivery.sent_at = "sent", now
        else:
            delivery.last_error = f"{type(error).__name__}: {error}"[:500]
            if permanent(error) or rules.gives_up(delivery.attempts, config.max_attempts):
                delivery.state = "failed"
            else:
                delivery.next_attempt_at = now + rules.retry_delay(
                    delivery.attempts, config.backoff_base_seconds, config.backoff_cap_seconds)
        return delivery.state


def send_one(settings: Settings, config: Config, db: Database) -> bool:
    """Claim, send and record one due email; False when none is due."""
    delivery = claim(db, config)
    if delivery is None:
        return False
    error = None
    try:
        message = compose(settings, config, delivery)
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException, TemplateError) as exc:
        error = exc
        log.warning("email %s not sent (attempt %d): %s", delivery.id, delivery.attempts, exc)
    outcome = record(db, config, delivery.id, error)
    SENT.labels("retry" if outcome == "queued" else outcome).inc()
    return True


IDLE_POLL_SECONDS = 0.2  # how long an idle sender waits before looking for due emails again


def run(settings: Settings, db: Database, stop: threading.Event) -> None:
    check_jwt_secret(settings.jwt_secret)  # it signs the links in emails
    config = config_mod.load()
    while not stop.is_set():
        if not send_one(settings, config, db):
            stop.wait(IDLE_POLL_SECONDS)
