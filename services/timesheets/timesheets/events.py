"""The payloads of the events timesheets publishes (JSON: decimals as strings).

Payloads carry figures and names only: never a note or any other coaching content.
"""
from __future__ import annotations

from decimal import Decimal

from timesheets.models import Pairing, PayrollBatch, Timesheet

THRESHOLD_PCT = 80


def timesheet(sheet: Timesheet, **extra) -> dict:
    return {"timesheet_id": sheet.id, "coach_id": sheet.coach_id, "period": sheet.period,
            "coach": {"name": sheet.coach_name, "email": sheet.coach_email}, "hours": str(sheet.hours), **extra}


def threshold_reached(pairing: Pairing, used: Decimal) -> dict:
    return {"pairing_id": pairing.id,
            "coach": {"coach_id": pairing.coach_id, "employee_id": pairing.coach_employee_id,
                      "name": pairing.coach_name, "email": pairing.coach_email, "district": pairing.coach_district},
            "hours_approved": str(pairing.hours_approved), "hours_used": str(used), "threshold_pct": THRESHOLD_PCT}


def payroll_exported(batch: PayrollBatch, timesheet_ids: list[str]) -> dict:
    return {"batch_id": batch.id, "period": batch.period, "timesheet_ids": timesheet_ids, "rows": batch.rows,
            "gross_total": str(batch.gross_total)}
