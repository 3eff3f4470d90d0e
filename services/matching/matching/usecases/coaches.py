"""The coach roster (coordinator): add, list, read and change coaches, with how loaded each is."""
from __future__ import annotations

from sqlalchemy import Select, String, cast, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matching.models import Coach
from matching.profiles import loads
from peercoach.refusals import Conflict, NotFound
from peercoach.web.paging import paged


def with_load(session: Session, coaches: list[Coach]) -> list[Coach]:
    """Attach `active_pairings` and `places_free` (pending proposals count as taken)."""
    active, taken = loads(session, with_proposals=False), loads(session)
    for coach in coaches:
        coach.active_pairings = active.get(coach.id, 0)
        coach.places_free = max(coach.max_active_pairings - taken.get(coach.id, 0), 0)
    return coaches


def saved(session: Session, coach: Coach) -> Coach:
    try:
        session.flush()
    except IntegrityError:
        raise Conflict("A coach with this employee_id is already on the roster.", "employee_id_taken") from None
    return with_load(session, [coach])[0]


def _roster(active: bool | None, program: str | None) -> Select:
    statement = select(Coach).order_by(Coach.name, Coach.id)
    if active is not None:
        statement = statement.where(Coach.active == active)
    if program is not None:  # a code from PROGRAMS, matched as a JSON string in the list
        statement = statement.where(cast(Coach.programs, String).contains(f'"{program}"'))
    return statement


def coaches(session: Session, active: bool | None = None, program: str | None = None) -> list[Coach]:
    """By name; only active (or inactive) ones, or those serving `program`, when asked."""
    return with_load(session, list(session.scalars(_roster(active, program))))


def roster_page(session: Session, active: bool | None = None, program: str | None = None, page: int = 1,
                page_size: int = 20) -> dict:
    """One page of `coaches`, with the total matching the filters."""
    found = paged(session, _roster(active, program), page, page_size)
    return {**found, "items": with_load(session, found["items"])}


def names(session: Session, coach_ids) -> dict[str, str]:
    """The roster's name of each coach id given (unknown ids are left out)."""
    ids = {coach_id for coach_id in coach_ids if coach_id}
    return dict(session.execute(select(Coach.id, Coach.name).where(Coach.id.in_(ids))).all()) if ids else {}


def add(session: Session, data: dict) -> Coach:
    coach = Coach(**data)
    session.add(coach)
    return saved(session, coach)


def coach(session: Session, coach_id: str) -> Coach:
    return with_load(session, [_coach(session, coach_id)])[0]


def change(session: Session, coach_id: str, data: dict) -> Coach:
    coach = _coach(session, coach_id)
    for field, value in data.items():
        setattr(coach, field, value)
    return saved(session, coach)


def _coach(session: Session, coach_id: str) -> Coach:
    coach = session.get(Coach, coach_id)
    if coach is None:
        raise NotFound("No coach with this id.")
    return coach
