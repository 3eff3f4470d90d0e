"""Fields and validators whose OpenAPI description is exactly what they accept and what they give.

A pattern here is checked on the whole value (Python's `$` also matches before a final newline,
JSON Schema's does not), in ASCII classes (Python's `\\d` takes any script's digits), so a value the
document calls invalid is one the service refuses, and the other way round.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from decimal import Decimal

from marshmallow import ValidationError, fields, validate

from peercoach.periods import PATTERN

NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot store a NUL character in text
PERIOD = PATTERN  # a `YYYY-MM` month
PATH_SEGMENT = r"^[^/\x00]+$"
DAY = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


class Pattern(validate.Regexp):
    """`validate.Regexp` on the whole string; apispec documents it as the field's `pattern`."""

    def __call__(self, value: str) -> str:
        if not isinstance(value, str) or self.regex.fullmatch(value) is None:
            raise ValidationError(self._format_error(value))
        return value


# What Python's str.strip() removes.
STRIPPED = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"


def worded(**kwargs) -> Pattern:
    """Text with something besides spaces (for text kept trimmed), and no NUL."""
    return Pattern(f"^[^\\x00]*[^\\x00{STRIPPED}][^\\x00]*$",
                   error=kwargs.get("error", "Must have more than spaces, and no NUL characters."))


def no_nul(**kwargs) -> Pattern:
    return Pattern(NO_NUL, error=kwargs.get("error", "Text may not contain NUL characters."))


def text(longest: int, shortest: int = 0, **kwargs) -> fields.String:
    """A string field of that length, free of NUL characters."""
    return fields.String(validate=[no_nul(), validate.Length(min=shortest, max=longest)], **kwargs)


def utc(moment: datetime) -> datetime:
    """The same moment in UTC with its offset; a naive value (SQLite keeps no offset) is UTC already."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


class Timestamp(fields.DateTime):
    """A moment, always given in UTC with its offset (RFC 3339 `date-time`), on every database."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else super()._serialize(utc(value), attr, obj, **kwargs)


def _same_length(low: str, high: str) -> str:
    """A regex for the integers from `low` to `high`, written with the same number of digits."""
    if low == high:
        return low
    if len(low) == 1:
        return f"[{low}-{high}]"
    if low[0] == high[0]:
        return low[0] + _same_length(low[1:], high[1:])
    rest = len(low) - 1
    parts, first, last = [], int(low[0]), int(high[0])
    if low[1:] != "0" * rest:
        parts.append(f"{low[0]}({_same_length(low[1:], '9' * rest)})")
        first += 1
    tail = None
    if high[1:] != "9" * rest:
        tail = f"{high[0]}({_same_length('0' * rest, high[1:])})"
        last -= 1
    if first <= last:
        parts.append(f"[{first}-{last}][0-9]{{{rest}}}")
    return "(" + "|".join(parts + ([tail] if tail else [])) + ")"


def integers(low: int, high: int) -> str:
    """A regex for the integers from `low` to `high` (0 <= low <= high), without leading zeros."""
    parts = []
    for digits in range(len(str(low)), len(str(high)) + 1):
        first, last = max(low, 10 ** (digits - 1) if digits > 1 else 0), min(high, 10 ** digits - 1)
        if first <= last:
            parts.append(_same_length(str(first), str(last)))
    return "(" + "|".join(parts) + ")"


def amount_pattern(maximum: int, positive: bool) -> str:
    """Digits with at most two decimals, from 0 (or above 0 when `positive`) to `maximum` (an integer >= 2)."""
    below = f"{integers(1 if positive else 0, maximum - 1)}(\\.[0-9]{{1,2}})?"
    small = "0\\.(0[1-9]|[1-9][0-9]?)"
    return f"^({below}|{small + '|' if positive else ''}{maximum}(\\.0{{1,2}})?)$"


class Amount(fields.Decimal):
    """An exact amount: a JSON string such as "10", "10.5" or "10.50" (no leading zeros, at most two
    decimals), or a whole JSON number, from 0 (above 0 when `positive`) up to `maximum`. The document gives
    the pattern and the bounds this field checks, so a client built from it sends only amounts it takes."""

    def __init__(self, maximum: int, positive: bool = False, **kwargs):
        self.maximum, self.positive = maximum, positive
        self.pattern = amount_pattern(maximum, positive)
        super().__init__(as_string=True, validate=[
            validate.Range(min=0, max=maximum, min_inclusive=not positive)], **kwargs)
        self._exact = re.compile(self.pattern)
        self.error_messages["invalid"] = (f"Use a string of digits with at most two decimals (or a whole "
                                          f"number), {'above' if positive else 'from'} 0 and at most {maximum}.")

    def _deserialize(self, value, attr, data, **kwargs) -> Decimal:
        whole = isinstance(value, int) and not isinstance(value, bool) or \
            isinstance(value, float) and value.is_integer()
        if whole and not abs(value) > self.maximum:
            return Decimal(int(value))
        if not isinstance(value, str) or self._exact.fullmatch(value) is None:
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)

    def openapi(self) -> dict:
        """A string of that pattern, or a whole number in range."""
        return {"anyOf": [
            {"type": "string", "format": "decimal", "pattern": self.pattern},
            {"type": "integer", "minimum": 1 if self.positive else 0, "maximum": self.maximum}]}


class Day(fields.Date):
    """A calendar date `YYYY-MM-DD` from 2000 to 2100 (the years any program's records can concern)."""

    def __init__(self, **kwargs):
        super().__init__(validate=[validate.Range(min=FIRST_DAY, max=LAST_DAY)], **kwargs)
        self.metadata = {**self.metadata, "pattern": DAY}

    def _deserialize(self, value, attr, data, **kwargs) -> date:
        if not isinstance(value, str) or re.fullmatch(DAY, value) is None:
            raise self.make_error("invalid", input=value, obj_type=self.OBJ_TYPE)
        return super()._deserialize(value, attr, data, **kwargs)


class ClockTime(fields.Time):
    """A time of day `HH:MM` or `HH:MM:SS`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.metadata = {**self.metadata, "pattern": CLOCK}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or re.fullmatch(CLOCK, value) is None:
            raise self.make_error("invalid", input=value, obj_type=self.OBJ_TYPE)
        return super()._deserialize(value, attr, data, **kwargs)


class Flag(fields.Boolean):
    """A JSON `true` or `false`, nothing that merely compares equal to one (0, 1, "yes")."""

    def _deserialize(self, value, attr, data, **kwargs) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def flag(**kwargs) -> Flag:
    return Flag(**kwargs)


def query_flag(**kwargs) -> fields.Boolean:
    """`true` or `false` in a query string."""
    return fields.Boolean(truthy={"true"}, falsy={"false"}, **kwargs)
