"""How matching learns of applications: a pending review opens, a withdrawal closes it (and ends
the pairing if the application was already approved: a teacher may withdraw at any time); and of
the hours and cost of each pairing, as approved timesheets report them.

Events may arrive twice or out of order (a retried submission after its withdrawal):
a withdrawal of an unknown application leaves a closed review that the late submission
fills in without reopening, and a repeated submission changes nothing.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.models import Pairing, PairingUsage, Review
from matching.usecases.pairings import end
from peercoach.events.event import Event

SUBMITTED_FIELDS = ("referral", "teacher", "focus_area", "support_types", "requested_coach_id",
                    "learning_partner")


def open_review(session: Session, event: Event) -> None:
    payload = event.payload
    review = _review_of(session, payload["application_id"])
    if review is None:
        review = Review(application_id=payload["application_id"], program=payload["program"], status="pending")
        session.add(review)
    elif review.submitted_at is not None:
        return
    for field in SUBMITTED_FIELDS:
        setattr(review, field, payload.get(field))
    review.submitted_at = payload["submitted_at"]


def close_review(session: Session, event: Event) -> None:
    payload = event.payload
    review = _review_of(session, payload["application_id"])
    if review is None:
        session.add(Review(application_id=payload["application_id"], program=payload["program"],
                           status="withdrawn"))
    elif review.status == "pending":
        review.status = "withdrawn"
        review.proposed_coach_id = review.proposed_score = None
    elif review.status == "approved":
        pairing = session.scalars(select(Pairing).where(Pairing.review_id == review.id).with_for_update()).first()
        if pairing is not None and pairing.status == "active":
            end(session, pairing, payload["withdrawn_by"], f"withdrawal of application {review.application_id}")


def record_usage(session: Session, event: Event) -> None:
    """`timesheet.approved` carries one line per pairing of the month (figures only, never a note). A
    repeated event changes nothing; a line for a pairing not known yet is kept all the same, so
    out-of-order delivery loses nothing."""
    payload = event.payload
    for line in payload["lines"]:
        key = (payload["timesheet_id"], line["pairing_id"])
        if session.get(PairingUsage, key) is None:
            session.add(PairingUsage(timesheet_id=key[0], pairing_id=key[1], hours=line["hours"],
                                     federation_amount=line["federation_amount"],
                                     district_amount=line["district_amount"]))


def _review_of(session: Session, application_id: str) -> Review | None:
    return session.scalars(select(Review).where(Review.application_id == application_id).with_for_update()).first()


HANDLERS = {"application.submitted": open_review, "application.withdrawn": close_review,
            "timesheet.approved": record_usage}
