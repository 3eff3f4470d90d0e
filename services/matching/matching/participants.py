"""Who may read and write what a pairing writes about its coaching: its teacher, its coach, the coordinator.

Another coach is told the pairing does not exist (as the pairings API does); another teacher is refused.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.models import Pairing
from peercoach.refusals import Forbidden, NotFound
from peercoach.web.auth import Principal

PARTICIPANTS = ("teacher", "coach", "coordinator")


def role_in(pairing: Pairing, principal: Principal) -> str | None:
    """'teacher', 'coach' or 'coordinator' if the principal takes part in this pairing, else None."""
    if principal.role == "coordinator":
        return "coordinator"
    if principal.role == "coach" and pairing.coach_id == principal.sub:
        return "coach"
    if principal.role == "teacher" and pairing.teacher.get("employee_id") == principal.sub:
        return "teacher"
    return None


def pairing_for(session: Session, pairing_id: str, principal: Principal, *roles: str, lock: bool = False) -> Pairing:
    """The pairing if `principal` takes part in it in one of `roles` (default: any participant)."""
    statement = select(Pairing).where(Pairing.id == pairing_id)
    pairing = session.scalars(statement.with_for_update() if lock else statement).first()
    if pairing is None or (principal.role == "coach" and pairing.coach_id != principal.sub):
        raise NotFound("No pairing with this id.")
    role = role_in(pairing, principal)
    if role is None:
        raise Forbidden("Only the pairing's teacher, its coach and the coordinator may see this.")
    if role not in (roles or PARTICIPANTS):
        raise Forbidden(f"Only the pairing's {' or '.join(roles)} may do this.")
    return pairing
