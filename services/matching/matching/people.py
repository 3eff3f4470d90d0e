"""Who a signed-in person is on the coach roster: matching links the entry at sign-in.

A coach's roster entry is found by the employee id the provider's claim gives, else by an
email address the provider marks verified (case ignored). An unverified email links nothing:
anyone can type an address into some providers' profiles.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matching.models import Coach
from peercoach.web.people import Person
from peercoach.web.signin import with_coach


def roster_entry(session: Session, person: Person) -> Coach | None:
    active = select(Coach).where(Coach.active.is_(True)).order_by(Coach.id)
    if person.employee_id:
        coach = session.scalars(active.where(Coach.employee_id == person.employee_id)).first()
        if coach:
            return coach
    if person.email and person.email_verified:
        return session.scalars(active.where(func.lower(Coach.email) == person.email.lower())).first()
    return None


def link_coach(session: Session, person: Person) -> Person:
    coach = roster_entry(session, person)
    return with_coach(person, coach.id if coach else None)
