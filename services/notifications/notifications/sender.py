"""Send queued emails over SMTP, retrying failures with backoff; the queue lives in the database."""
from __future__ import annotations

import logging
import smtplib
import threading
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

from sqlalchemy import select

from notifications.models import Delivery
from peercoach.db import Database
from peercoach.settings import Settings

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def compose(settings: Settings, delivery: Delivery) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = delivery.recipient
    message["Subject"] = delivery.subject
    message["Message-ID"] = f"<{delivery.id}@peercoach>"
    message.set_content(delivery.body_text)
    return message


def send_due(settings: Settings, db: Database) -> int:
    """Try every due delivery once; returns how many were tried."""
    now = datetime.now(timezone.utc)
    with db.transaction() as session:
        due = session.scalars(select(Delivery).where(
            Delivery.state == "queued", Delivery.next_attempt_at <= now).limit(50)).all()
        for delivery in due:
            try:
                with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
                    smtp.send_message(compose(settings, delivery))
            except (OSError, smtplib.SMTPException) as exc:
                delivery.attempts += 1
                delivery.last_error = str(exc)[:500]
                delivery.state = "failed" if delivery.attempts >= MAX_ATTEMPTS else "queued"
                delivery.next_attempt_at = now + timedelta(seconds=min(300, 2 ** delivery.attempts))
                log.warning("email %s not sent (attempt %d): %s", delivery.id, delivery.attempts, exc)
            else:
                delivery.attempts += 1
                delivery.state, delivery.sent_at = "sent", now
        return len(due)


def run(settings: Settings, db: Database, stop: threading.Event) -> None:
    while not stop.is_set():
        if send_due(settings, db) == 0:
            stop.wait(1.0)
