"""What the month's approved work costs: rates per district, payroll batches and billing statements."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peercoach.principal import Principal
from peercoach.refusals import Conflict, Forbidden, NotFound
from timesheets import payroll, statements
from timesheets.models import ANY_PROGRAM, Pairing, PayrollBatch, Rate
from timesheets.money import PAYERS


def set_rates(session: Session, district: str, effective_from: date, hourly_rate: Decimal,
              release_half_day_rate: Decimal, program: str | None = None) -> Rate:
    """Set the rates from a date on, for every program or (with `program`) for one program. Approved
    months keep the rates they were approved with."""
    program = program or ANY_PROGRAM
    rate = session.get(Rate, (district, program, effective_from), with_for_update=True)
    if rate is None:
        rate = Rate(district=district, program=program, effective_from=effective_from)
        session.add(rate)
    rate.hourly_rate, rate.release_half_day_rate = hourly_rate, release_half_day_rate
    try:
        session.flush()
    except IntegrityError:
        raise Conflict("These rates were being set by another request at the same moment; try again.",
                       "concurrent_change") from None
    return rate


def rates(session: Session, district: str) -> list[Rate]:
    return list(session.scalars(select(Rate).where(Rate.district == district)
                                .order_by(Rate.program, Rate.effective_from)))


def rates_in_force(session: Session, district: str, day: date) -> list[Rate]:
    """The district's rates in force on `day`: the one for every program and each program's own."""
    in_force: dict[str, Rate] = {}
    for rate in rates(session, district):
        if rate.effective_from <= day:
            in_force[rate.program] = rate
    return [in_force[program] for program in sorted(in_force, key=lambda program: program != ANY_PROGRAM)]


def districts(session: Session) -> list[str]:
    """The districts with a rate or a pairing, in order."""
    return sorted(set(session.scalars(select(Rate.district).distinct()))
                  | set(session.scalars(select(Pairing.district).distinct())))


def waiting(session: Session, period: str) -> dict:
    """What a payroll export of `period` would take now (timesheets, hours, each payer's total)."""
    return payroll.waiting(session, period)


def export(session: Session, period: str, created_by: str | None = None) -> PayrollBatch:
    """Lock the month's approved, not yet exported timesheets into a batch (`payroll.exported`)."""
    return payroll.export(session, period, created_by)[0]


def export_once(session: Session, principal: Principal, period: str, key: str | None) -> tuple[PayrollBatch, bool]:
    """`export`, made by `principal`; with an Idempotency-Key, a repeat gives the batch the key made
    (and False) whatever waits now."""
    return payroll.export(session, period, principal.email or principal.sub, key)


def batches(session: Session, principal: Principal, period: str | None = None, page: int = 1,
            page_size: int = 20) -> dict:
    """Batches, newest first, with each payer's total: payroll sees every payer's, finance only its
    own payer's (and, when scoped to districts, only theirs)."""
    payers = (principal.payer,) if principal.role == "finance" else PAYERS
    return payroll.listing(session, period, page, page_size, payers, principal.districts)


def batch(session: Session, batch_id: str) -> PayrollBatch:
    found = session.get(PayrollBatch, batch_id)
    if found is None:
        raise NotFound(f"No payroll batch {batch_id}.")
    return found


def statement(session: Session, principal: Principal, payer: str, period: str, district: str | None = None) -> dict:
    """What `payer` owes for the month (with `district`, for that district's pairings only); finance reads
    its own payer's statement only (and, when scoped to districts, only their lines)."""
    if principal.role == "finance" and principal.payer != payer:
        raise Forbidden(f"This token may read the {principal.payer} statement only.")
    if district is None:
        return statements.statement(session, payer, period, principal.districts)
    if principal.districts and district not in principal.districts:
        raise Forbidden(f"This token may not read the statement of district {district}.")
    return statements.statement(session, payer, period, (district,))
