"""Pairing events: teacher, coach and learning partner hear of the pairing, extensions and its close.

Only the teacher's email may speak of a plan of assistance; the coach's and the partner's
contexts do not even carry the referral. The learning partner hears only that the teacher named
them: not the program (the Peer Support Service would reveal a case), the coach, hours or dates.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from notifications import roster
from notifications.deliveries import enqueue
from notifications.models import PlanOfAssistance
from peercoach.events.envelope import Envelope


def created(session: Session, envelope: Envelope, payload: dict) -> None:
    event, teacher, coach = envelope.payload, envelope.payload["teacher"], envelope.payload["coach"]
    partner = event["learning_partner"] or {}
    teacher_name = f"{teacher['first_name']} {teacher['last_name']}"
    shared = {"program": event["program"], "pairing_id": event["pairing_id"],
              "hours_approved": event["hours_approved"], "release_half_days": event["release_half_days"],
              "started_on": event["started_on"], "coach_name": coach["name"], "teacher_name": teacher_name}
    enqueue(session, envelope.id, envelope.type, teacher["email"], "pairing_created_teacher", {
        **shared, "first_name": teacher["first_name"], "coach_email": coach["email"],
        "account_code": event["account_code"], "learning_partner_name": partner.get("name"),
        "plan_of_assistance": on_a_plan_of_assistance(session, event)})
    enqueue(session, envelope.id, envelope.type, coach["email"], "pairing_created_coach", {
        **shared, "teacher_email": teacher["email"], "learning_partner_name": partner.get("name")})
    if partner:  # only that they were named: no program, coach, hours or dates (a program can reveal a case)
        enqueue(session, envelope.id, envelope.type, partner["email"], "pairing_created_partner", {
            "partner_name": partner["name"], "teacher_name": teacher_name})
    roster.pairing_seen(session, payload["pairing_id"], coach, started_on=payload["started_on"])


def on_a_plan_of_assistance(session: Session, event: dict) -> bool:
    """From the event (version 1 carried the referral), else from the application's own event."""
    if "referral" in event:
        return event["referral"] == "plan_of_assistance"
    return session.get(PlanOfAssistance, event["application_id"]) is not None


def hours_extended(session: Session, envelope: Envelope, _payload: dict) -> None:
    event, teacher, coach = envelope.payload, envelope.payload["teacher"], envelope.payload["coach"]
    shared = {"pairing_id": event["pairing_id"], "hours_added": event["hours_added"],
              "hours_approved": event["hours_approved"]}
    enqueue(session, envelope.id, envelope.type, teacher["email"], "hours_extended", {
        **shared, "name": teacher["name"], "other_name": coach["name"]})
    enqueue(session, envelope.id, envelope.type, coach["email"], "hours_extended", {
        **shared, "name": coach["name"], "other_name": teacher["name"]})


def closed(session: Session, envelope: Envelope, payload: dict) -> None:
    event, teacher, coach = envelope.payload, envelope.payload["teacher"], envelope.payload["coach"]
    shared = {"program": event["program"], "pairing_id": event["pairing_id"], "closed_on": event["closed_on"]}
    enqueue(session, envelope.id, envelope.type, teacher["email"], "pairing_closed", {
        **shared, "name": teacher["name"], "other_name": coach["name"],
        "reflection_role": "teacher", "reflection_sub": event.get("teacher_employee_id")})
    enqueue(session, envelope.id, envelope.type, coach["email"], "pairing_closed", {
        **shared, "name": coach["name"], "other_name": teacher["name"],
        "reflection_role": "coach", "reflection_sub": coach["coach_id"]})
    roster.pairing_seen(session, payload["pairing_id"], coach, closed_on=payload["closed_on"])


HANDLERS = {
    "pairing.created": created,
    "pairing.hours_extended": hours_extended,
    "pairing.closed": closed,
}
