"""Month-end reminders: coaches with an active pairing and no timesheet in, once a month each."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import date

from click.testing import CliRunner
from sqlalchemy import select

from notifications.config import Config
from notifications.models import Delivery
from notifications.reminders import keep_reminding, main, queue_reminders
from notifications.sender import send_one


def reminded(db) -> list[str]:
    with db.transaction() as session:
        return sorted(session.scalars(select(Delivery.recipient).where(
            Delivery.template == "timesheet_reminder")).all())


def paired(apply, sample, coach: dict, **overrides) -> dict:
    payload = sample.pairing_created(coach=coach, **overrides)
    apply("pairing.created", payload)
    return payload


def test_only_coaches_with_an_active_pairing_and_no_timesheet_in_are_reminded(apply, sample, notifications_db):
    waiting, two_pairings, submitted, approved, sent_back, closed, later, late_news = (
        sample.coach() for _ in range(8))
    paired(apply, sample, waiting)
    paired(apply, sample, two_pairings)
    paired(apply, sample, two_pairings)
    for coach in (submitted, approved, sent_back, late_news):
        paired(apply, sample, coach)
    apply("timesheet.submitted", sample.timesheet(submitted))
    apply("timesheet.approved", sample.timesheet(approved))
    apply("timesheet.submitted", sample.timesheet(sent_back))
    apply("timesheet.rejected", sample.timesheet(sent_back, reason="Please split the entries."))
    apply("timesheet.submitted", sample.timesheet(late_news), occurred_at="2026-11-30T10:00:00+00:00")
    apply("timesheet.rejected", sample.timesheet(late_news, reason="x"), occurred_at="2026-11-29T10:00:00+00:00")
    pairing = paired(apply, sample, closed)
    apply("pairing.closed", sample.pairing_closed(pairing_id=pairing["pairing_id"], coach=closed))
    paired(apply, sample, later, started_on="2026-12-01")

    with notifications_db.transaction() as session:
        assert queue_reminders(session, "2026-11") == 3
    assert reminded(notifications_db) == sorted(c["email"] for c in (waiting, two_pairings, sent_back))
    with notifications_db.transaction() as session:
        assert queue_reminders(session, "2026-11") == 0
    assert len(reminded(notifications_db)) == 3


def test_a_pairing_closed_before_its_creation_arrives_stays_closed(apply, sample, notifications_db):
    coach = sample.coach()
    closing = sample.pairing_closed(coach=coach)
    apply("pairing.closed", closing)
    paired(apply, sample, coach, pairing_id=closing["pairing_id"])
    with notifications_db.transaction() as session:
        assert queue_reminders(session, "2026-11") == 0


def test_the_command_queues_once_and_the_coach_gets_the_reminder(apply, sample, notifications_db, settings_for,
                                                                 smtp_server, monkeypatch):
    coach = sample.coach()
    paired(apply, sample, coach)
    monkeypatch.setenv("NOTIFICATIONS_DATABASE_URL", notifications_db.engine.url.render_as_string(False))
    monkeypatch.setenv("TIMESHEETS_PUBLIC_URL", "https://timesheets.example.org")
    runner = CliRunner()
    assert runner.invoke(main, ["--period", "2026-11"]).output == "1 timesheet reminder(s) queued for 2026-11\n"
    assert runner.invoke(main, ["--period", "2026-11"]).output == "0 timesheet reminder(s) queued for 2026-11\n"
    bad = runner.invoke(main, ["--period", "2026-13"])
    assert bad.exit_code == 2 and "expected YYYY-MM" in bad.output

    settings = settings_for("notifications", "unused", smtp_host="127.0.0.1", smtp_port=smtp_server.port)
    while send_one(settings, Config(), notifications_db):
        pass
    (message,) = [m for m in smtp_server.mailbox.messages if m["Subject"].startswith("Reminder")]
    assert message["To"] == coach["email"]
    assert message["Subject"] == "Reminder: submit your timesheet for November 2026"
    text = message.get_body(("plain",)).get_content()
    assert "https://timesheets.example.org/pages/months/2026-11" in text


def test_kept_running_it_queues_the_current_month_from_the_25th_on(apply, sample, notifications_db):
    coach = sample.coach()
    paired(apply, sample, coach)
    stop = threading.Event()

    def one_pass_on(day: date):
        def today() -> date:
            stop.set()
            return day
        return today

    keep_reminding(notifications_db, 3600, stop, one_pass_on(date(2026, 11, 24)))
    assert reminded(notifications_db) == []
    stop.clear()
    keep_reminding(notifications_db, 3600, stop, one_pass_on(date(2026, 11, 25)))
    assert reminded(notifications_db) == [coach["email"]]


def test_kept_running_it_stops_on_sigterm(notifications_db):
    """As PID 1 of a container a signal without a handler does nothing: `docker compose stop` would wait for
    the SIGKILL."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1",
           "NOTIFICATIONS_DATABASE_URL": notifications_db.engine.url.render_as_string(False)}
    process = subprocess.Popen([sys.executable, "-m", "notifications.reminders", "--every", "3600"],
                               stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert "every 3600s" in process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0  # its own handler: killed by the signal it would be -15
    finally:
        process.kill()
        process.stdout.close()


def test_every_and_period_do_not_go_together():
    result = CliRunner().invoke(main, ["--every", "60", "--period", "2026-11"])
    assert result.exit_code == 2 and "leave out --period" in result.output
