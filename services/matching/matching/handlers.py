"""How matching learns of applications."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.models import Review
from peercoach.events.envelope import Envelope


def open_review(session: Session, envelope: Envelope, payload: dict) -> None:
    session.add(Review(application_id=payload["application_id"], program=payload["program"],
                       application=envelope.payload))


def close_review(session: Session, envelope: Envelope, payload: dict) -> None:
    review = session.scalars(select(Review).where(Review.application_id == payload["application_id"])).first()
    if review is not None and review.status == "pending":
        review.status = "withdrawn"


HANDLERS = {"application.submitted": open_review, "application.withdrawn": close_review}
