"""Pure rules of notifications: retry timing and timesheet periods."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
REMINDERS_FROM_DAY = 25


def retry_delay(attempts: int, base_seconds: float, cap_seconds: float) -> timedelta:
    """Capped exponential backoff after the `attempts`-th failed attempt (1, 2, ...)."""
    return timedelta(seconds=min(cap_seconds, base_seconds * 2 ** (attempts - 1)))


def gives_up(attempts: int, max_attempts: int) -> bool:
    return attempts >= max_attempts


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def reminders_due(day: date) -> bool:
    """Month-end reminders go out from the 25th of the month on."""
    return day.day >= REMINDERS_FROM_DAY


def period_end(period: str) -> date:
    """The last day of a `YYYY-MM` period."""
    if not PERIOD.match(period):
        raise ValueError(f"period must be YYYY-MM, not {period!r}")
    year, month = int(period[:4]), int(period[5:])
    return date(year, month, calendar.monthrange(year, month)[1])
