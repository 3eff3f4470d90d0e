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
from peercoach.events.event import Event


def created(session: Session, event: Event) -> None:
    data, teacher, coach = event.payload, event.payload["teacher"], event.payload["coach"]
    partner = data["learning_partner"] or {}
    teacher_name = f"{teacher['first_name']} {teacher['last_name']}"
    shared = {"program": data["program"], "pairing_id": data["pairing_id"],
              "hours_approved": data["hours_approved"], "release_half_days": data["release_half_days"],
              "started_on": data["started_on"], "coach_name": coach["name"], "teacher_name": teacher_name}
    enqueue(session, event.id, event.type, teacher["email"], "pairing_created_teacher", {
        **shared, "first_name": teacher["first_name"], "coach_email": coach["email"],
        "account_code": data["account_code"], "learning_partner_name": partner.get("name"),
        "plan_of_assistance": on_a_plan_of_assistance(session, data)})
    enqueue(session, event.id, event.type, coach["email"], "pairing_created_coach", {
        **shared, "teacher_email": teacher["email"], "learning_partner_name": partner.get("name")})
    if partner:  # only that they were named: no program, coach, hours or dates (a program can reveal a case)
        enqueue(session, event.id, event.type, partner["email"], "pairing_created_partner", {
            "partner_name": partner["name"], "teacher_name": teacher_name})
    roster.pairing_seen(session, data["pairing_id"], coach, started_on=data["started_on"])


def on_a_plan_of_assistance(session: Session, data: dict) -> bool:
    """From the event (version 1 carried the referral), else from the application's own event."""
    if "referral" in data:
        return data["referral"] == "plan_of_assistance"
    return session.get(PlanOfAssistance, data["application_id"]) is not None


def hours_extended(session: Session, event: Event) -> None:
    data, teacher, coach = event.payload, event.payload["teacher"], event.payload["coach"]
    shared = {"pairing_id": data["pairing_id"], "hours_added": data["hours_added"],
              "hours_approved": data["hours_approved"]}
    enqueue(session, event.id, event.type, teacher["email"], "hours_extended", {
        **shared, "name": teacher["name"], "other_name": coach["name"]})
    enqueue(session, event.id, event.type, coach["email"], "hours_extended", {
        **shared, "name": coach["name"], "other_name": teacher["name"]})


def closed(session: Session, event: Event) -> None:
    data, teacher, coach = event.payload, event.payload["teacher"], event.payload["coach"]
    shared = {"program": data["program"], "pairing_id": data["pairing_id"], "closed_on": data["closed_on"]}
    enqueue(session, event.id, event.type, teacher["email"], "pairing_closed", {
        **shared, "name": teacher["name"], "other_name": coach["name"],
        "reflection_role": "teacher", "reflection_sub": data.get("teacher_employee_id")})
    enqueue(session, event.id, event.type, coach["email"], "pairing_closed", {
        **shared, "name": coach["name"], "other_name": teacher["name"],
        "reflection_role": "coach", "reflection_sub": coach["coach_id"]})
    roster.pairing_seen(session, data["pairing_id"], coach, closed_on=data["closed_on"])


HANDLERS = {
    "pairing.created": created,
    "pairing.hours_extended": hours_extended,
    "pairing.closed": closed,
}
