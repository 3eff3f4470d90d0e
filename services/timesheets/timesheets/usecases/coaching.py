"""What the coach's own pages read: their pairings with what each has used and has left, one entry of
theirs, and the pairing they logged time for last; and the coordinator's view of every pairing's figures."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from peercoach.principal import Principal
from peercoach.refusals import NotFound
from peercoach.web.paging import paged
from timesheets import access, ledger, rules
from timesheets.models import Entry, Pairing


def pairings(session: Session, principal: Principal) -> list[dict]:
    """The coach's pairings, open ones first and newest first, each with its teacher, hours approved, used
    and left, release time used and allowed, and (voluntary program) lesson cycles used and allowed."""
    found = session.scalars(select(Pairing).where(Pairing.coach_id == principal.sub)
                            .order_by(Pairing.closed_on.is_not(None), Pairing.started_on.desc(), Pairing.id))
    return [standing(session, pairing) for pairing in found]


def teacher_pairings(session: Session, principal: Principal) -> list[dict]:
    """The teacher's own pairings, open ones first, with the figures of `standing` (no entry, no note)."""
    found = session.scalars(select(Pairing).where(Pairing.teacher_employee_id == principal.sub)
                            .order_by(Pairing.closed_on.is_not(None), Pairing.started_on.desc(), Pairing.id))
    return [standing(session, pairing) for pairing in found]


def standing_page(session: Session, principal: Principal, pairing_id: str | None = None, page: int = 1,
                  page_size: int = 20) -> dict:
    """The coordinator's view: every pairing (or one), open ones first, with the figures of `standing`."""
    access.ensure_coordinator(principal)
    statement = select(Pairing).order_by(Pairing.closed_on.is_not(None), Pairing.started_on.desc(), Pairing.id)
    if pairing_id is not None:
        statement = statement.where(Pairing.id == pairing_id)
    found = paged(session, statement, page, page_size)
    return {**found, "items": [standing(session, pairing) for pairing in found["items"]]}


def standing(session: Session, pairing: Pairing) -> dict:
    logged = ledger.logged(session, pairing.id)
    voluntary = pairing.program == rules.VOLUNTARY
    return {**ledger.summary(session, pairing), "pairing": pairing,
            "past_mark": rules.threshold_reached(pairing.hours_approved, ledger.used_minutes(session, pairing.id)),
            "release_days_used": sum(1 for e in logged if e.activity == rules.RELEASE) if voluntary else None,
            "release_days_allowed": rules.MAX_VOLUNTARY_RELEASE_DAYS if voluntary else None,
            "lesson_cycles_used": sum(1 for e in logged if e.activity == rules.LESSON_CYCLE) if voluntary else None,
            "lesson_cycles_allowed": rules.MAX_LESSON_CYCLES if voluntary else None}


def pairing(session: Session, principal: Principal, pairing_id: str) -> Pairing:
    """One of the coach's pairings; another coach's is not found."""
    found = session.get(Pairing, pairing_id)
    if found is None or not access.is_coach(principal, found.coach_id):
        raise NotFound("You have no such pairing.")
    return found


def entry(session: Session, principal: Principal, entry_id: str) -> Entry:
    """One entry of the coach's; another coach's is not found."""
    found = session.get(Entry, entry_id)
    if found is None or not access.is_coach(principal, found.coach_id):
        raise NotFound("You have no such entry.")
    return found


def last_used_pairing(session: Session, principal: Principal) -> str | None:
    """The pairing of the coach's latest entry, for the time log's default."""
    return session.scalar(select(Entry.pairing_id).where(Entry.coach_id == principal.sub)
                          .order_by(Entry.created_at.desc()).limit(1))
