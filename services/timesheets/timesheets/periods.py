"""Months as `YYYY-MM` periods."""
from __future__ import annotations

import re
from datetime import date

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def is_period(text: str) -> bool:
    return bool(PERIOD.match(text))
