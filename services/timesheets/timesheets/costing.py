"""Approved work as priced lines: per timesheet, pairing, kind (coaching or release) and rate.

Coaching cost is split by the pairing's funding shares; release cost goes to the district.
Payroll batches and billing statements both read these lines, so their figures agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, select

from timesheets import money, rules
from timesheets.models import Entry, Pairing, Timesheet

COACHING, RELEASE = "coaching", "release"


@dataclass(frozen=True)
class Line:
    timesheet_id: str
    pairing_id: str
    program: str
    account_code: str
    district: str
    kind: str
    quantity: Decimal
    rate: Decimal
    gross: Decimal
    shares: dict[str, Decimal]


KIND = case((Entry.activity == rules.RELEASE, RELEASE), else_=COACHING).label("kind")
HALF_DAYS = (Entry.minutes + money.MINUTES_PER_HALF_DAY - 1) / money.MINUTES_PER_HALF_DAY


def lines_query(*conditions):
    """Grouped, deterministically ordered figures of the timesheets matching `conditions`."""
    keys = (Timesheet.employee_id, Timesheet.coach_id, Timesheet.id, Entry.pairing_id, KIND, Entry.rate)
    return (select(Timesheet.id, Entry.pairing_id, Pairing.program, Pairing.account_code, Pairing.district,
                   Pairing.federation_pct, Pairing.district_pct, KIND, Entry.rate,
                   func.sum(Entry.minutes), func.sum(HALF_DAYS))
            .join(Entry, (Entry.coach_id == Timesheet.coach_id) & (Entry.period == Timesheet.period))
            .join(Pairing, Pairing.id == Entry.pairing_id)
            .where(*conditions)
            .group_by(*keys, Pairing.program, Pairing.account_code, Pairing.district, Pairing.federation_pct,
                      Pairing.district_pct)
            .order_by(*keys))


def price(row) -> Line:
    timesheet_id, pairing_id, program, account_code, district, federation_pct, district_pct, kind, rate, \
        minutes, half_days = row
    if kind == RELEASE:
        quantity = Decimal(int(half_days))
        gross = money.amount(quantity, rate)
        shares = {"district": gross}
    else:
        quantity = money.hours(int(minutes))
        gross = money.amount(quantity, rate)
        shares = money.coaching_shares(gross, federation_pct, district_pct)
    return Line(timesheet_id, pairing_id, program, account_code, district, kind, quantity, rate, gross, shares)


def pairing_totals(session, timesheet_id: str) -> list[dict]:
    """Per pairing of an approved timesheet: coaching hours and each payer's cost (JSON strings)."""
    totals: dict[str, dict[str, Decimal]] = {}
    for row in session.execute(lines_query(Timesheet.id == timesheet_id)):
        line = price(row)
        total = totals.setdefault(line.pairing_id, dict.fromkeys(("hours", *money.PAYERS), Decimal("0.00")))
        if line.kind == COACHING:
            total["hours"] += line.quantity
        for payer, share in line.shares.items():
            total[payer] += share
    return [{"pairing_id": pairing_id, "hours": str(total["hours"]),
             "federation_amount": str(total["federation"]), "district_amount": str(total["district"])}
            for pairing_id, total in sorted(totals.items())]
