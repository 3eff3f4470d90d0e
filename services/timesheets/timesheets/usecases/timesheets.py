"""A coach's month: read, submitted by the coach, approved (locked and priced) or rejected (reopened)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from peercoach.periods import INVALID, is_period
from peercoach.principal import Principal
from peercoach.refusals import Conflict, NotFound, RuleBroken
from timesheets import access, costing, events, listing, pricing, rules
from timesheets.models import Entry, Pairing, Timesheet, outbox
from timesheets.money import PAYERS, hours


def find(session: Session, coach_id: str, period: str, lock: bool = False) -> Timesheet | None:
    query = select(Timesheet).where(Timesheet.coach_id == coach_id, Timesheet.period == period)
    return session.scalar(query.with_for_update() if lock else query)


def checked(period: str) -> str:
    if not is_period(period):
        raise RuleBroken(INVALID, field="period")
    return period


def listed(session: Session, status: str | None = None, period: str | None = None, page: int = 1,
           page_size: int = 20) -> dict:
    """Timesheets by status and month across coaches, oldest submission first, a page at a time (the
    coordinator's): totals only, no entries, no notes."""
    return listing.page(session, status, period, page, page_size)


def sheet_of(session: Session, coach_id: str, period: str) -> dict:
    """The month as the coach and the coordinator see it: its state, and its entries per pairing."""
    sheet = find(session, coach_id, period)
    rows = session.execute(select(Entry, Pairing.program).join(Pairing, Entry.pairing_id == Pairing.id)
                           .where(Entry.coach_id == coach_id, Entry.period == period)
                           .order_by(Entry.pairing_id, Entry.day, Entry.created_at)).all()
    pairings: dict[str, dict] = {}
    for entry, program in rows:
        pairings.setdefault(entry.pairing_id, {"pairing_id": entry.pairing_id, "program": program,
                                               "entries": []})["entries"].append(entry)
    for item in pairings.values():
        item["hours"] = hours(rules.coaching_minutes(item["entries"]))
        item["release_half_days"] = rules.release_half_days(item["entries"])
    entries = [entry for entry, _ in rows]
    return {"id": sheet.id if sheet else None, "coach_id": coach_id, "period": period,
            "status": sheet.status if sheet else "open", "reject_reason": sheet.reject_reason if sheet else None,
            "batch_id": sheet.batch_id if sheet else None, "pairings": list(pairings.values()),
            "hours": hours(rules.coaching_minutes(entries)), "release_half_days": rules.release_half_days(entries)}


def timesheet(session: Session, principal: Principal, coach_id: str, period: str) -> dict:
    access.ensure_coach_or_coordinator(principal, coach_id)
    return sheet_of(session, coach_id, checked(period))


def review(session: Session, principal: Principal, coach_id: str, period: str) -> dict:
    """The month as the coordinator decides it: `timesheet`, with each pairing's hours and cost per payer
    (`costs`; a submitted month priced at the rates in force, as approval would price it, and nothing
    kept) and the districts whose rate is missing on a day logged (`missing_rates`: district -> first day)."""
    access.ensure_coordinator(principal)
    period = checked(period)
    sheet = find(session, coach_id, period)
    if sheet is None:
        raise NotFound(f"No timesheet of this coach for {period}.")
    missing = pricing.missing_rates(session, coach_id, period)
    costs = []
    if sheet.status == "approved":
        costs = costing.pairing_totals(session, sheet.id)
    elif sheet.status == "submitted" and not missing:
        trial = session.begin_nested()
        pricing.fix_rates(session, coach_id, period)
        costs = costing.pairing_totals(session, sheet.id)
        trial.rollback()
    return {**sheet_of(session, coach_id, period), "coach_name": sheet.coach_name,
            "submitted_at": sheet.submitted_at, "costs": costs, "missing_rates": missing,
            "payer_totals": {payer: sum((Decimal(cost[f"{payer}_amount"]) for cost in costs), Decimal("0.00"))
                             for payer in PAYERS}}


def submit(session: Session, principal: Principal, coach_id: str, period: str) -> Timesheet:
    """The coach hands in the month: `timesheet.submitted`; its entries are locked until a rejection."""
    access.ensure_coach(principal, coach_id)
    period = checked(period)
    pairings = list(session.scalars(select(Pairing).where(Pairing.coach_id == coach_id)
                                    .order_by(Pairing.id).with_for_update()))
    sheet = find(session, coach_id, period, lock=True)
    if sheet is not None and sheet.status in ("submitted", "approved"):
        raise Conflict(f"The timesheet for {period} is already {sheet.status}.", "already_submitted")
    logged = list(session.scalars(select(Entry).where(Entry.coach_id == coach_id, Entry.period == period)))
    if not logged:
        raise RuleBroken(f"No time is logged for {period}.", "nothing_to_submit")
    coach = next(p for p in pairings if p.id == logged[0].pairing_id)
    if sheet is None:
        sheet = Timesheet(id=str(uuid.uuid4()), coach_id=coach_id, period=period)
        session.add(sheet)
    sheet.status, sheet.reject_reason, sheet.decided_at = "submitted", None, None
    sheet.employee_id, sheet.coach_name, sheet.coach_email = \
        coach.coach_employee_id, coach.coach_name, coach.coach_email
    sheet.hours = hours(rules.coaching_minutes(logged))
    sheet.submitted_at = datetime.now(timezone.utc)
    session.flush()
    outbox.record(session, "timesheet.submitted", events.timesheet(sheet))
    return sheet


def approve(session: Session, coach_id: str, period: str) -> Timesheet:
    """Price the month at the rates in force and announce it (`timesheet.approved`, figures per pairing)."""
    sheet = _submitted(session, coach_id, period)
    pricing.fix_rates(session, coach_id, period)
    sheet.status, sheet.decided_at = "approved", datetime.now(timezone.utc)
    session.flush()
    outbox.record(session, "timesheet.approved",
                  events.timesheet(sheet, lines=costing.pairing_totals(session, sheet.id)))
    return sheet


def reject(session: Session, coach_id: str, period: str, reason: str) -> Timesheet:
    sheet = _submitted(session, coach_id, period)
    sheet.status, sheet.reject_reason, sheet.decided_at = "rejected", reason, datetime.now(timezone.utc)
    outbox.record(session, "timesheet.rejected", events.timesheet(sheet, reason=reason))
    return sheet


def _submitted(session: Session, coach_id: str, period: str) -> Timesheet:
    sheet = find(session, coach_id, checked(period), lock=True)
    if sheet is None or sheet.status != "submitted":
        state = sheet.status if sheet else "not submitted"
        raise Conflict(f"The timesheet for {period} is {state}; only a submitted one can be decided.",
                       "not_submitted")
    return sheet
