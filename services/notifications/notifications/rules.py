"""Pure rules of notifications: retry timing."""
from __future__ import annotations

from datetime import timedelta


def retry_delay(attempts: int, base_seconds: float, cap_seconds: float) -> timedelta:
    """Capped exponential backoff after the `attempts`-th failed attempt (1, 2, ...)."""
    return timedelta(seconds=min(cap_seconds, base_seconds * 2 ** (attempts - 1)))


def gives_up(attempts: int, max_attempts: int) -> bool:
    return attempts >= max_attempts

