"""Pairings: reading them, closing one, and extensions of its hours requested and decided.

An extension's reason stays here: the event says only how many hours were added.
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from matching import audit, events, rules
from matching.models import Coach, Extension, Pairing, PairingUsage, outbox
from matching.participants import pairing_for
from peercoach.principal import Principal
from peercoach.refusals import Conflict, NotFound, RuleBroken
from peercoach.web.paging import paged


def _pairings(principal: Principal, status: str | None, coach_id: str | None) -> Select:
    if principal.role == "coach":
        coach_id = principal.sub
    statement = select(Pairing).order_by(Pairing.started_on.desc(), Pairing.id)
    for field, value in (("status", status), ("coach_id", coach_id)):
        if value is not None:
            statement = statement.where(getattr(Pairing, field) == value)
    return statement


def pairings(session: Session, principal: Principal, status: str | None = None,
             coach_id: str | None = None) -> list[Pairing]:
    """Newest first; a coach sees their own only."""
    return list(session.scalars(_pairings(principal, status, coach_id)))


def pairings_page(session: Session, principal: Principal, status: str | None = None, coach_id: str | None = None,
                  page: int = 1, page_size: int = 20) -> dict:
    """One page of `pairings`, with the total the principal may see."""
    return paged(session, _pairings(principal, status, coach_id), page, page_size)


def hours_in_approved_timesheets(session: Session, pairing_ids: list[str]) -> dict[str, Decimal]:
    """Coaching hours of each pairing in the timesheets approved so far (as `timesheet.approved` told us);
    entries logged since are timesheets' to count."""
    rows = session.execute(select(PairingUsage.pairing_id, func.sum(PairingUsage.hours))
                           .where(PairingUsage.pairing_id.in_(pairing_ids)).group_by(PairingUsage.pairing_id))
    return {pairing_id: Decimal(hours) for pairing_id, hours in rows}


def visible_pairing(session: Session, principal: Principal, pairing_id: str, lock: bool = False) -> Pairing:
    """The pairing if the principal takes part in it: its teacher, its coach, or the coordinator."""
    return pairing_for(session, pairing_id, principal, lock=lock)


def _active(pairing: Pairing) -> Pairing:
    if pairing.status != "active":
        raise Conflict("The pairing is closed.", "pairing_closed")
    return pairing


def close(session: Session, principal: Principal, pairing_id: str) -> Pairing:
    """The coordinator closes a pairing."""
    return end(session, _active(visible_pairing(session, principal, pairing_id, lock=True)), principal.role,
               principal.sub)


def end(session: Session, pairing: Pairing, actor_role: str, actor: str) -> Pairing:
    """Close an active pairing and tell the others (pairing.closed), in the caller's transaction."""
    pairing.status, pairing.closed_on = "closed", datetime.now(timezone.utc).date()
    outbox.record(session, "pairing.closed", events.pairing_closed(pairing, session.get(Coach, pairing.coach_id)))
    audit.record_as(session, actor_role, actor, "pairing.closed", pairing.id, closed_on=pairing.closed_on.isoformat())
    return pairing


def extensions_of(session: Session, principal: Principal, pairing_id: str) -> list[Extension]:
    pairing = visible_pairing(session, principal, pairing_id)
    return list(session.scalars(select(Extension).where(Extension.pairing_id == pairing.id)
                                .order_by(Extension.requested_at)))


def extensions(session: Session, status: str) -> list[Extension]:
    return list(session.scalars(_extensions(status)))


def extensions_page(session: Session, status: str, page: int = 1, page_size: int = 20) -> dict:
    """One page of the extensions in `status`, oldest request first."""
    return paged(session, _extensions(status), page, page_size)


def _extensions(status: str) -> Select:
    return select(Extension).where(Extension.status == status).order_by(Extension.requested_at, Extension.id)


def request_extension(session: Session, principal: Principal, pairing_id: str, hours: Decimal,
                      reason: str) -> Extension:
    pairing = _active(visible_pairing(session, principal, pairing_id))
    if (why := rules.extension_problem(hours)) is not None:
        raise RuleBroken(why, field="hours")
    extension = Extension(pairing_id=pairing.id, hours=hours, reason=reason, requested_by=principal.role)
    session.add(extension)
    session.flush()
    audit.record(session, principal, "extension.requested", pairing.id, extension_id=extension.id,
                 hours=events.amount(hours))
    return extension


def decide_extension(session: Session, principal: Principal, extension_id: str, approve: bool) -> Extension:
    extension = session.get(Extension, extension_id)
    if extension is None:
        raise NotFound("No extension with this id.")
    claimed = session.execute(
        update(Extension).where(Extension.id == extension_id, Extension.status == "pending")
        .values(status="approved" if approve else "denied", decided_at=datetime.now(timezone.utc))
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        raise Conflict("The extension was already decided.", "extension_not_pending")
    session.refresh(extension)
    audit.record(session, principal, f"extension.{extension.status}", extension.pairing_id,
                 extension_id=extension.id, hours=events.amount(extension.hours))
    if approve:
        pairing = _active(visible_pairing(session, principal, extension.pairing_id, lock=True))
        pairing.hours_approved += extension.hours
        coach = session.get(Coach, pairing.coach_id)
        outbox.record(session, "pairing.hours_extended", events.hours_extended(pairing, extension, coach))
    return extension
