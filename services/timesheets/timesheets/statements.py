"""Billing statements: what each payer owes for a month of approved work, per pairing.

Figures only: no notes, no referral text. Each line names the district of the pairing's
teacher; a statement scoped to some districts holds only their lines.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy.orm import Session

from timesheets import costing
from timesheets.models import Timesheet

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
    totals = defaultdict(lambda: ZERO)
    for line in lines:
        for key in ("coaching_amount", "release_amount", "amount"):
            totals[key] += line[key]
    return {"payer": payer, "period": period, "lines": lines,
            "totals": {key: totals[key] for key in ("coaching_amount", "release_amount", "amount")}}


def _blank(line: costing.Line) -> dict:
    return {"pairing_id": line.pairing_id, "program": line.program, "account_code": line.account_code,
            "district": line.district,
            "coaching_hours": ZERO, "coaching_amount": ZERO, "release_half_days": 0,
            "release_amount": ZERO, "amount": ZERO}
