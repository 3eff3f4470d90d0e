"""Who may see or change what, beyond the role the caller's token carries."""
from __future__ import annotations

from sqlalchemy.orm import Session

from peercoach.principal import Principal
from peercoach.refusals import Forbidden, NotFound
from timesheets.models import Entry, Pairing


def is_coach(principal: Principal, coach_id: str) -> bool:
    return principal.role == "coach" and principal.sub == coach_id


def ensure_coach(principal: Principal, coach_id: str) -> None:
    if not is_coach(principal, coach_id):
        raise Forbidden("Only the coach of this pairing may do this.")


def ensure_coach_or_coordinator(principal: Principal, coach_id: str) -> None:
    if principal.role != "coordinator":
        ensure_coach(principal, coach_id)


def ensure_coordinator(principal: Principal) -> None:
    if principal.role != "coordinator":
        raise Forbidden("Only the coordinator may do this.")


def pairing(session: Session, pairing_id: str, lock: bool = False) -> Pairing:
    found = session.get(Pairing, pairing_id, with_for_update=lock)
    if found is None:
        raise NotFound(f"No pairing {pairing_id}.")
    return found


def entry(session: Session, entry_id: str) -> Entry:
    found = session.get(Entry, entry_id)
    if found is None:
        raise NotFound(f"No entry {entry_id}.")
    return found
