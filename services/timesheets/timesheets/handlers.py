"""How timesheets learns of pairings. Events may come twice or out of order."""
from __future__ import annotations

from sqlalchemy.orm import Session

from peercoach.events.event import Event
from timesheets.models import Pairing


class UnknownPairing(LookupError):
    """The pairing's `pairing.created` has not arrived yet: raising lets the event be retried."""


def add_pairing(session: Session, event: Event) -> None:
    """Record a new pairing; a repeated announcement of a known one changes nothing."""
    payload = event.payload
    if session.get(Pairing, payload["pairing_id"]) is not None:
        return
    coach, teacher, funding = payload["coach"], payload["teacher"], payload["funding"]
    session.add(Pairing(
        id=payload["pairing_id"], coach_id=coach["coach_id"], coach_employee_id=coach["employee_id"],
        coach_name=coach["name"], coach_email=coach["email"], coach_district=coach["district"],
        program=payload["program"], district=teacher["district"],
        hours_approved=payload["hours_approved"], release_half_days=payload["release_half_days"],
        federation_pct=funding["federation_pct"], district_pct=funding["district_pct"],
        account_code=payload["account_code"], started_on=payload["started_on"],
        teacher_name=f"{teacher['first_name']} {teacher['last_name']}", teacher_school=teacher["school"],
        teacher_employee_id=teacher["employee_id"]))


def extend_hours(session: Session, event: Event) -> None:
    """Take the new approved total; an older extension arriving late never lowers it."""
    pairing = _known(session, event.payload["pairing_id"])
    pairing.hours_approved = max(pairing.hours_approved, event.payload["hours_approved"])


def close_pairing(session: Session, event: Event) -> None:
    _known(session, event.payload["pairing_id"]).closed_on = event.payload["closed_on"]


def _known(session: Session, pairing_id: str) -> Pairing:
    pairing = session.get(Pairing, pairing_id, with_for_update=True)
    if pairing is None:
        raise UnknownPairing(f"pairing {pairing_id} is not known yet")
    return pairing


HANDLERS = {
    "pairing.created": add_pairing,
    "pairing.hours_extended": extend_hours,
    "pairing.closed": close_pairing,
}
