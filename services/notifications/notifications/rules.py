"""Pure rules of notifications: retry timing."""
from __future__ import annotations

from datetime import date, timedelta

REMINDERS_FROM_DAY = 25

def retry_delay(attempts: int, base_seconds: float, cap_seconds: float) -> timedelta:
    """Capped exponential backoff after the `attempts`-th failed attempt (1, 2, ...)."""
    return timedelta(seconds=min(cap_seconds, base_seconds * 2 ** (attempts - 1)))

def gives_up(attempts: int, max_attempts: int) -> bool:
    return attempts >= max_attempts

def reminders_due(day: date) -> bool:
    """Month-end reminders go out from the 25th of the month on."""
    return day.day >= REMINDERS_FROM_DAY
