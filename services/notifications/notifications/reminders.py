"""Month-end reminder: every coach with an active pairing and no timesheet in for the month.

Run it from cron at the end of each month (the worker sends what it queues):
    python -m notifications.reminders [--period YYYY-MM]     (or: peercoach-remind [--period YYYY-MM])
or keep it running (`make run` and docker compose do), queueing from the 25th on every SECONDS:
    peercoach-remind --every SECONDS                          (stops at once on SIGTERM or SIGINT)
Running it twice for the same month queues nothing more: the delivery log keys one reminder
per coach and month.
"""
from __future__ import annotations

import logging
import threading
import uuid
from datetime import date
from typing import Callable

import click
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from notifications import rules
from notifications.deliveries import enqueue
from notifications.models import CoachPairing, CoachTimesheet
from peercoach import logs
from peercoach import settings as settings_mod
from peercoach.db import Database
from peercoach.periods import is_period, period_end, period_of
from peercoach.worker import stop_on_signals

log = logging.getLogger(__name__)

REMINDER_IDS = uuid.UUID("6f1d3c52-8a57-4c1e-9a0e-3b7f2f0f4a11")
EVENT_TYPE = "timesheet.reminder"


def coaches_to_remind(session: Session, period: str) -> list[CoachPairing]:
    """One active pairing per coach whose timesheet for `period` is not in."""
    timesheet_in = select(CoachTimesheet.coach_id).where(
        CoachTimesheet.period == period, CoachTimesheet.submitted.is_(True))
    pairings = session.scalars(select(CoachPairing).where(
        CoachPairing.closed_on.is_(None), CoachPairing.started_on <= period_end(period),
        CoachPairing.coach_id.not_in(timesheet_in),
    ).order_by(CoachPairing.coach_id, CoachPairing.pairing_id)).all()
    return list({pairing.coach_id: pairing for pairing in pairings}.values())


def queue_reminders(session: Session, period: str) -> int:
    """Queue the month's reminders; returns how many are new."""
    queued = 0
    for pairing in coaches_to_remind(session, period):
        reminder_id = str(uuid.uuid5(REMINDER_IDS, f"{pairing.coach_id}/{period}"))
        queued += enqueue(session, reminder_id, EVENT_TYPE, pairing.coach_email, "timesheet_reminder", {
            "coach_id": pairing.coach_id, "coach_name": pairing.coach_name, "period": period})
    return queued


def remind(db: Database, period: str) -> None:
    with db.transaction() as session:
        queued = queue_reminders(session, period)
    click.echo(f"{queued} timesheet reminder(s) queued for {period}")


def keep_reminding(db: Database, every: float, stop: threading.Event,
                   today: Callable[[], date] = date.today) -> None:
    """Until `stop` is set: from the 25th on, the current month's reminders, every `every` seconds."""
    while not stop.is_set():
        day = today()
        if rules.reminders_due(day):
            try:
                remind(db, period_of(day))
            except SQLAlchemyError:
                log.exception("reminders not queued: database unavailable; trying again in %ss", every)
        stop.wait(every)


def _check_period(_ctx, _param, value: str) -> str:
    if not is_period(value):
        raise click.BadParameter("expected YYYY-MM, e.g. 2026-11")
    return value


@click.command()
@click.option("--period", default=lambda: period_of(date.today()), callback=_check_period,
              show_default="the current month", help="The month to remind about, YYYY-MM.")
@click.option("--every", type=click.IntRange(1), default=None, metavar="SECONDS",
              help="Keep running: from the 25th of each month, queue that month's reminders every SECONDS; "
                   "stop at once on SIGTERM or SIGINT.")
@click.pass_context
def main(ctx: click.Context, period: str, every: int | None) -> None:
    """Queue one timesheet reminder per coach with an active pairing and no timesheet in."""
    if every and ctx.get_parameter_source("period") is click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("--every reminds about the current month; leave out --period")
    db = Database(settings_mod.load("notifications").database_url)
    try:
        if every is None:
            remind(db, period)
            return
        logs.configure("notifications")
        stop = stop_on_signals()
        click.echo(f"reminding from day {rules.REMINDERS_FROM_DAY} of each month, every {every}s")
        keep_reminding(db, every, stop)
    finally:
        db.dispose()


if __name__ == "__main__":
    main()
