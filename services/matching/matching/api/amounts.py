"""Decimal amounts in requests: exact, at most two decimal places, within a range."""
from __future__ import annotations

from decimal import Decimal

from marshmallow import ValidationError, fields, validate


def cents(value: Decimal) -> None:
    if value.normalize().as_tuple().exponent < -2:
        raise ValidationError("At most 2 decimal places.")


def amount(required: bool = False, **limits) -> fields.Decimal:
    """`amount(min=0, max=100)`: a Decimal field (a JSON number or string) with those limits."""
    return fields.Decimal(as_string=True, required=required, validate=[cents, validate.Range(**limits)])
