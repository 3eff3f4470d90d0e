"""Application events: the teacher hears of receipt, decision and withdrawal."""
from __future__ import annotations

from sqlalchemy.orm import Session

from notifications.deliveries import enqueue
from notifications.models import PlanOfAssistance
from peercoach.events.envelope import Envelope


def submitted(session: Session, envelope: Envelope, _payload: dict) -> None:
    event, teacher = envelope.payload, envelope.payload["teacher"]
    if event["referral"] == "plan_of_assistance":
        session.merge(PlanOfAssistance(application_id=event["application_id"]))
    enqueue(session, envelope.id, envelope.type, teacher["email"], "application_received", {
        "program": event["program"], "application_id": event["application_id"],
        "first_name": teacher["first_name"], "teacher_employee_id": teacher["employee_id"]})


def approved(session: Session, envelope: Envelope, _payload: dict) -> None:
    event = envelope.payload
    enqueue(session, envelope.id, envelope.type, event["teacher"]["email"], "application_approved", {
        "program": event["program"], "application_id": event["application_id"],
        "name": event["teacher"]["name"], "hours_approved": event["hours_approved"]})


def denied(session: Session, envelope: Envelope, _payload: dict) -> None:
    event = envelope.payload
    enqueue(session, envelope.id, envelope.type, event["teacher"]["email"], "application_denied", {
        "program": event["program"], "application_id": event["application_id"],
        "name": event["teacher"]["name"], "reason": event["reason"]})


def withdrawn(session: Session, envelope: Envelope, _payload: dict) -> None:
    event = envelope.payload
    enqueue(session, envelope.id, envelope.type, event["teacher"]["email"], "application_withdrawn", {
        "program": event["program"], "application_id": event["application_id"],
        "name": event["teacher"]["name"], "withdrawn_by": event["withdrawn_by"]})


HANDLERS = {
    "application.submitted": submitted,
    "application.approved": approved,
    "application.denied": denied,
    "application.withdrawn": withdrawn,
}
