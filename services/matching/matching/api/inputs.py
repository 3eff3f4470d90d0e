"""Request fields: exact amounts with at most two decimals, and text a database can store."""
from __future__ import annotations

from decimal import Decimal

from marshmallow import ValidationError, fields, validate


def cents(value: Decimal) -> None:
    if value.normalize().as_tuple().exponent < -2:
        raise ValidationError("At most 2 decimal places.")


def printable(value: str) -> None:
    if "\x00" in value:
        raise ValidationError("Text may not contain NUL characters.")


def amount(required: bool = False, min: int = 0, max: int | None = None,  # noqa: A002 (as validate.Range)
           min_inclusive: bool = True) -> fields.Decimal:
    """A Decimal field (a JSON number or string) in that range, at most two decimals."""
    return fields.Decimal(as_string=True, required=required,
                          validate=[cents, validate.Range(min=min, max=max, min_inclusive=min_inclusive)])


def text(longest: int, shortest: int = 0, **kwargs) -> fields.String:
    """A string field of that length, free of NUL characters."""
    return fields.String(validate=[printable, validate.Length(min=shortest, max=longest)], **kwargs)
