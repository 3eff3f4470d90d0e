"""Timesheet and hours events: the coach hears of decisions; the coordinator of hours running low.

A submitted timesheet sends nothing: the coordinator sees it in the timesheets service; it only
stops that month's reminder.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from notifications import config, roster
from notifications.deliveries import enqueue
from peercoach.events.envelope import Envelope


def _record(session: Session, envelope: Envelope, submitted: bool) -> None:
    event = envelope.payload
    roster.timesheet_state(session, event["coach_id"], event["period"], submitted,
                           datetime.fromisoformat(envelope.occurred_at))


def _context(event: dict) -> dict:
    return {"coach_id": event["coach_id"], "coach_name": event["coach"]["name"],
            "period": event["period"], "hours": event["hours"]}


def submitted(session: Session, envelope: Envelope, _payload: dict) -> None:
    _record(session, envelope, submitted=True)


def approved(session: Session, envelope: Envelope, _payload: dict) -> None:
    event = envelope.payload
    enqueue(session, envelope.id, envelope.type, event["coach"]["email"], "timesheet_approved", _context(event))
    _record(session, envelope, submitted=True)


def rejected(session: Session, envelope: Envelope, _payload: dict) -> None:
    event = envelope.payload
    enqueue(session, envelope.id, envelope.type, event["coach"]["email"], "timesheet_rejected",
            {**_context(event), "reason": event["reason"]})
    _record(session, envelope, submitted=False)


def threshold_reached(session: Session, envelope: Envelope, _payload: dict) -> None:
    event, coach = envelope.payload, envelope.payload["coach"]
    context = {"pairing_id": event["pairing_id"], "coach_name": coach["name"], "coach_email": coach["email"],
               "hours_used": event["hours_used"], "hours_approved": event["hours_approved"],
               "threshold_pct": event["threshold_pct"]}
    enqueue(session, envelope.id, envelope.type, coach["email"], "hours_threshold_coach", context)
    enqueue(session, envelope.id, envelope.type, config.load().coordinator_email,
            "hours_threshold_coordinator", context)


HANDLERS = {
    "timesheet.submitted": submitted,
    "timesheet.approved": approved,
    "timesheet.rejected": rejected,
    "hours.threshold_reached": threshold_reached,
}
