"""Application events: the teacher hears of receipt, decision and withdrawal."""
from __future__ import annotations

from sqlalchemy.orm import Session

from notifications.deliveries import enqueue
from notifications.models import PlanOfAssistance
from peercoach.events.event import Event


def submitted(session: Session, event: Event) -> None:
    data, teacher = event.payload, event.payload["teacher"]
    if data["referral"] == "plan_of_assistance":
        session.merge(PlanOfAssistance(application_id=data["application_id"]))
    enqueue(session, event.id, event.type, teacher["email"], "application_received", {
        "program": data["program"], "application_id": data["application_id"],
        "first_name": teacher["first_name"], "teacher_employee_id": teacher["employee_id"]})


def approved(session: Session, event: Event) -> None:
    data = event.payload
    enqueue(session, event.id, event.type, data["teacher"]["email"], "application_approved", {
        "program": data["program"], "application_id": data["application_id"],
        "name": data["teacher"]["name"], "hours_approved": data["hours_approved"]})


def denied(session: Session, event: Event) -> None:
    data = event.payload
    enqueue(session, event.id, event.type, data["teacher"]["email"], "application_denied", {
        "program": data["program"], "application_id": data["application_id"],
        "name": data["teacher"]["name"], "reason": data["reason"]})


def withdrawn(session: Session, event: Event) -> None:
    data = event.payload
    enqueue(session, event.id, event.type, data["teacher"]["email"], "application_withdrawn", {
        "program": data["program"], "application_id": data["application_id"],
        "name": data["teacher"]["name"], "withdrawn_by": data["withdrawn_by"]})


HANDLERS = {
    "application.submitted": submitted,
    "application.approved": approved,
    "application.denied": denied,
    "application.withdrawn": withdrawn,
}
