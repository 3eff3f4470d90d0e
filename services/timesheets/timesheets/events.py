"""The events timesheets publishes, recorded through the outbox in the caller's transaction.

Payloads carry figures and names only: never a note or any other coaching content.
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from timesheets.models import Pairing, PayrollBatch, Timesheet, outbox

THRESHOLD_PCT = 80


def timesheet(session: Session, type_: str, sheet: Timesheet, **extra) -> None:
    outbox.record(session, type_, {
        "timesheet_id": sheet.id, "coach_id": sheet.coach_id, "period": sheet.period,
        "coach": {"name": sheet.coach_name, "email": sheet.coach_email},
        "hours": str(sheet.hours), **extra})


def threshold_reached(session: Session, pairing: Pairing, used: Decimal) -> None:
    outbox.record(session, "hours.threshold_reached", {
        "pairing_id": pairing.id,
        "coach": {"coach_id": pairing.coach_id, "employee_id": pairing.coach_employee_id,
                  "name": pairing.coach_name, "email": pairing.coach_email,
                  "district": pairing.coach_district},
        "hours_approved": str(pairing.hours_approved), "hours_used": str(used),
        "threshold_pct": THRESHOLD_PCT})


def payroll_exported(session: Session, batch: PayrollBatch, timesheet_ids: list[str]) -> None:
    outbox.record(session, "payroll.exported", {
        "batch_id": batch.id, "period": batch.period, "timesheet_ids": timesheet_ids,
        "rows": batch.rows, "gross_total": str(batch.gross_total)})
