"""Who may see or change what, beyond the role checks of `require`."""
from __future__ import annotations

from sqlalchemy.orm import Session

from peercoach.refusals import Forbidden, NotFound
from peercoach.web.auth import current_principal
from timesheets.models import Entry, Pairing


def is_coach(coach_id: str) -> bool:
    principal = current_principal()
    return principal.role == "coach" and principal.sub == coach_id


def ensure_coach(coach_id: str) -> None:
    if not is_coach(coach_id):
        raise Forbidden("Only the coach of this pairing may do this.")


def ensure_coach_or_coordinator(coach_id: str) -> None:
    if current_principal().role != "coordinator":
        ensure_coach(coach_id)


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
