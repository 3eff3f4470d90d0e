"""How timesheets learns of pairings."""
from __future__ import annotations

from sqlalchemy.orm import Session

from peercoach.events.envelope import Envelope
from timesheets.models import Pairing


def add_pairing(session: Session, envelope: Envelope, payload: dict) -> None:
    session.add(Pairing(id=payload["pairing_id"], coach_id=payload["coach"]["coach_id"],
                        program=payload["program"], hours_approved=payload["hours_approved"]))


HANDLERS = {"pairing.created": add_pairing}
