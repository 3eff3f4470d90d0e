"""Month-end reminder: every coach with an active pairing and no timesheet in for the month.

Run it from cron or a compose service at the end of each month (the worker sends what it queues):
    python -m notifications.reminders [--period YYYY-MM]     (or: peercoach-remind [--period YYYY-MM])
Running it twice for the same month queues nothing more: the delivery log keys one reminder
per coach and month.
"""
from __future__ import annotations

import uuid
from datetime import date

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from notifications.deliveries import enqueue
from notifications.models import CoachPairing, CoachTimesheet
from peercoach import settings as settings_mod
from peercoach.db import Database
from peercoach.periods import is_period, period_end, period_of

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


def _check_period(_ctx, _param, value: str) -> str:
    if not is_period(value):
        raise click.BadParameter("expected YYYY-MM, e.g. 2026-11")
    return value


@click.command()
@click.option("--period", default=lambda: period_of(date.today()), callback=_check_period,
              show_default="the current month", help="The month to remind about, YYYY-MM.")
def main(period: str) -> None:
    """Queue one timesheet reminder per coach with an active pairing and no timesheet in."""
    db = Database(settings_mod.load("notifications").database_url)
    try:
        with db.transaction() as session:
            queued = queue_reminders(session, period)
    finally:
        db.dispose()
    click.echo(f"{queued} timesheet reminder(s) queued for {period}")


if __name__ == "__main__":
    main()
