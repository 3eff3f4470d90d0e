"""Months as `YYYY-MM` periods: timesheets, payroll batches, billing statements and reminders."""
from __future__ import annotations

import calendar
import re
from datetime import date

PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"  # ASCII digits only, as the OpenAPI documents say
PERIOD = re.compile(PATTERN)
INVALID = "Use a month as YYYY-MM."


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def is_period(text: str) -> bool:
    return PERIOD.fullmatch(text) is not None


def period_end(period: str) -> date:
    """The last day of a `YYYY-MM` period."""
    if not is_period(period):
        raise ValueError(f"period must be YYYY-MM, not {period!r}")
    year, month = int(period[:4]), int(period[5:])
    return date(year, month, calendar.monthrange(year, month)[1])
