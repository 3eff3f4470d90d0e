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
from timesheets.models import PayrollBatch, Rate


def set_rates(session: Session, district: str, effective_from: date, hourly_rate: Decimal,
              release_half_day_rate: Decimal) -> Rate:
    """Set the rates from a date on. Approved months keep the rates they were approved with."""
    rate = session.get(Rate, (district, effective_from), with_for_update=True)
    if rate is None:
        rate = Rate(district=district, effective_from=effective_from)
        session.add(rate)
    rate.hourly_rate, rate.release_half_day_rate = hourly_rate, release_half_day_rate
    try:
        session.flush()
    except IntegrityError:
        raise Conflict("These rates were being set by another request at the same moment; try again.",
                       "concurrent_change") from None
    return rate


def rates(session: Session, district: str) -> list[Rate]:
    return list(session.scalars(select(Rate).where(Rate.district == district).order_by(Rate.effective_from)))


def export(session: Session, period: str) -> PayrollBatch:
    """Lock the month's approved, not yet exported timesheets into a batch (`payroll.exported`)."""
    return payroll.export(session, period)


def batch(session: Session, batch_id: str) -> PayrollBatch:
    found = session.get(PayrollBatch, batch_id)
    if found is None:
        raise NotFound(f"No payroll batch {batch_id}.")
    return found


def statement(session: Session, principal: Principal, payer: str, period: str) -> dict:
    """What `payer` owes for the month; finance reads its own payer's statement only."""
    if principal.role == "finance" and principal.payer != payer:
        raise Forbidden(f"This token may read the {principal.payer} statement only.")
    return statements.statement(session, payer, period)
