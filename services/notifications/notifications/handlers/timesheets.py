"""Timesheet and hours events: the coach hears of decisions; the coordinator of hours running low.

A submitted timesheet sends nothing: the coordinator sees it in the timesheets service; it only
stops that month's reminder.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from notifications import config, roster
from notifications.deliveries import enqueue
from peercoach.events.event import Event


def _record(session: Session, event: Event, submitted: bool) -> None:
    roster.timesheet_state(session, event.payload["coach_id"], event.payload["period"], submitted,
                           event.occurred_at)


def _context(data: dict) -> dict:
    return {"coach_id": data["coach_id"], "coach_name": data["coach"]["name"],
            "period": data["period"], "hours": data["hours"]}


def submitted(session: Session, event: Event) -> None:
    _record(session, event, submitted=True)


def approved(session: Session, event: Event) -> None:
    data = event.payload
    enqueue(session, event.id, event.type, data["coach"]["email"], "timesheet_approved", _context(data))
    _record(session, event, submitted=True)


def rejected(session: Session, event: Event) -> None:
    data = event.payload
    enqueue(session, event.id, event.type, data["coach"]["email"], "timesheet_rejected",
            {**_context(data), "reason": data["reason"]})
    _record(session, event, submitted=False)


def threshold_reached(session: Session, event: Event) -> None:
    data, coach = event.payload, event.payload["coach"]
    context = {"pairing_id": data["pairing_id"], "coach_name": coach["name"], "coach_email": coach["email"],
               "hours_used": data["hours_used"], "hours_approved": data["hours_approved"],
               "threshold_pct": data["threshold_pct"]}
    enqueue(session, event.id, event.type, coach["email"], "hours_threshold_coach", context)
    enqueue(session, event.id, event.type, config.load().coordinator_email,
            "hours_threshold_coordinator", context)


HANDLERS = {
    "timesheet.submitted": submitted,
    "timesheet.approved": approved,
    "timesheet.rejected": rejected,
    "hours.threshold_reached": threshold_reached,
}
