"""Billing statements: what each payer owes for a month of approved work, per pairing.

Figures only: no notes, no referral text. Each line names the district of the pairing's
teacher; a statement scoped to some districts holds only their lines.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from timesheets import costing, rules
from timesheets.models import Entry, Timesheet
from timesheets.money import half_days

ZERO = Decimal("0.00")


def statement(session: Session, payer: str, period: str, districts: tuple[str, ...] = ()) -> dict:
    pairings: dict[str, dict] = {}
    for row in session.execute(costing.lines_query(Timesheet.period == period,
                                                   Timesheet.status == "approved")):
        line = costing.price(row)
        if districts and line.district not in districts:
            continue
        share = line.shares.get(payer)
        if share is None:
            continue
        entry = pairings.setdefault(line.pairing_id, _blank(line))
        if line.kind == costing.COACHING:
            entry["coaching_hours"] += line.quantity
            entry["coaching_amount"] += share
        else:
            entry["release_half_days"] += int(line.quantity)
            entry["release_amount"] += share
        entry["amount"] += share
    lines = [pairings[key] for key in sorted(pairings)]
    if payer == "district":
        _add_bookings(session, period, pairings)
    totals = defaultdict(lambda: ZERO)
    for line in lines:
        for key in ("coaching_amount", "release_amount", "amount"):
            totals[key] += line[key]
    return {"payer": payer, "period": period, "lines": lines,
            "totals": {key: totals[key] for key in ("coaching_amount", "release_amount", "amount")}}


def _add_bookings(session: Session, period: str, pairings: dict[str, dict]) -> None:
    """The release days the district pays, each with the ticket it was booked under (document 002)."""
    for line in pairings.values():
        line["release_bookings"] = []
    rows = session.execute(
        select(Entry.pairing_id, Entry.day, Entry.minutes, Entry.ticket_number)
        .join(Timesheet, (Timesheet.coach_id == Entry.coach_id) & (Timesheet.period == Entry.period))
        .where(Entry.period == period, Entry.activity == rules.RELEASE, Timesheet.status == "approved",
               Entry.pairing_id.in_(list(pairings)))
        .order_by(Entry.pairing_id, Entry.day, Entry.created_at))
    for pairing_id, day, minutes, ticket_number in rows:
        pairings[pairing_id]["release_bookings"].append(
            {"date": day, "half_days": half_days(minutes), "ticket_number": ticket_number})


def _blank(line: costing.Line) -> dict:
    return {"pairing_id": line.pairing_id, "program": line.program, "account_code": line.account_code,
            "district": line.district,
            "coaching_hours": ZERO, "coaching_amount": ZERO, "release_half_days": 0,
            "release_amount": ZERO, "amount": ZERO}
