"""The coach's time log: add, list, change and remove entries while their month is open; hours used."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from peercoach.periods import period_of
from peercoach.principal import Principal
from peercoach.refusals import RuleBroken
from peercoach.web.paging import paged
from timesheets import access, ledger, rules
from timesheets.models import Entry, Pairing


def enforce(session: Session, pairing: Pairing, candidate: rules.Entry, leaving_out: str | None = None) -> None:
    rules.check(ledger.terms(pairing), ledger.logged(session, pairing.id, leaving_out), candidate,
                date.today(), ledger.locked_periods(session, pairing.coach_id))


def ensure_open(session: Session, entry: Entry) -> None:
    if ledger.is_locked(session, entry.coach_id, entry.period):
        raise RuleBroken(f"The timesheet for {entry.period} is submitted or approved; "
                         "its entries can no longer change.", "month_locked")


def _entries(session: Session, principal: Principal, pairing_id: str) -> Select:
    pairing = access.pairing(session, pairing_id)
    access.ensure_coach_or_coordinator(principal, pairing.coach_id)
    return select(Entry).where(Entry.pairing_id == pairing_id).order_by(Entry.day, Entry.created_at, Entry.id)


def entries(session: Session, principal: Principal, pairing_id: str) -> list[Entry]:
    """A pairing's entries, oldest first (its coach or the coordinator)."""
    return list(session.scalars(_entries(session, principal, pairing_id)))


def entries_page(session: Session, principal: Principal, pairing_id: str, page: int = 1, page_size: int = 20) -> dict:
    """One page of `entries`, with their total."""
    return paged(session, _entries(session, principal, pairing_id), page, page_size)


def log(session: Session, principal: Principal, pairing_id: str, day: date, minutes: int, activity: str,
        note: str | None, ticket_number: str | None = None, form_key: str | None = None) -> Entry:
    """Add an entry within the rules; `hours.threshold_reached` once 80% of the approved hours are used.
    With `form_key` (the page form's own key), a form sent twice makes one entry: the repeat gets the first."""
    pairing = access.pairing(session, pairing_id, lock=True)
    access.ensure_coach(principal, pairing.coach_id)
    earlier = form_key and session.scalar(select(Entry).where(Entry.form_key == form_key,
                                                              Entry.coach_id == pairing.coach_id))
    if earlier:
        return earlier
    enforce(session, pairing, rules.Entry(day, minutes, activity, ticket_number))
    entry = Entry(id=str(uuid.uuid4()), pairing_id=pairing.id, coach_id=pairing.coach_id, day=day,
                  period=period_of(day), minutes=minutes, activity=activity, note=note,
                  ticket_number=ticket_number, form_key=form_key, created_at=datetime.now(timezone.utc))
    session.add(entry)
    session.flush()
    ledger.announce_threshold(session, pairing)
    return entry


def change(session: Session, principal: Principal, entry_id: str, changes: dict) -> Entry:
    """Change an entry's `date`, `minutes`, `activity`, `ticket_number` or `note` while its month is open."""
    pairing = access.pairing(session, access.entry(session, entry_id).pairing_id, lock=True)
    entry = access.entry(session, entry_id)
    access.ensure_coach(principal, pairing.coach_id)
    ensure_open(session, entry)
    changed = rules.Entry(changes.get("date", entry.day), changes.get("minutes", entry.minutes),
                          changes.get("activity", entry.activity), changes.get("ticket_number", entry.ticket_number))
    enforce(session, pairing, changed, leaving_out=entry.id)
    entry.day, entry.minutes, entry.activity = changed.day, changed.minutes, changed.activity
    entry.ticket_number = changed.ticket_number
    entry.period = period_of(entry.day)
    if "note" in changes:
        entry.note = changes["note"]
    session.flush()
    ledger.announce_threshold(session, pairing)
    return entry


def remove(session: Session, principal: Principal, entry_id: str) -> None:
    pairing = access.pairing(session, access.entry(session, entry_id).pairing_id, lock=True)
    entry = access.entry(session, entry_id)
    access.ensure_coach(principal, pairing.coach_id)
    ensure_open(session, entry)
    session.delete(entry)


def hours(session: Session, principal: Principal, pairing_id: str) -> dict:
    """Hours approved, used and remaining, and release half-days, of one pairing."""
    pairing = access.pairing(session, pairing_id)
    access.ensure_coach_or_coordinator(principal, pairing.coach_id)
    return ledger.summary(session, pairing)
