"""Request and response shapes. Decimals travel as strings."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from marshmallow import Schema, ValidationError, fields, validate

from peercoach.periods import INVALID, PATTERN
from timesheets.rules import ACTIVITIES

PERIOD = validate.Regexp(PATTERN, error=INVALID)
AMOUNT = dict(as_string=True, places=2)


def whole_cents(value: Decimal) -> None:
    try:
        cents = value.quantize(Decimal("0.01"))
    except InvalidOperation:
        return  # too many digits to be an amount at all: the range check refuses it
    if value != cents:
        raise ValidationError("Use at most two decimal places.")


def money_in(minimum_exclusive: bool) -> fields.Decimal:
    """A JSON number or string, more than (or at least) 0 and at most 100,000, in whole cents."""
    return fields.Decimal(required=True, allow_nan=False, validate=[
        validate.Range(min=0, min_inclusive=not minimum_exclusive, max=100000), whole_cents])


class EntryIn(Schema):
    date = fields.Date(required=True)
    minutes = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=1440))
    activity = fields.String(required=True, validate=validate.OneOf(ACTIVITIES))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5000))


class EntryPatch(EntryIn):
    """Only the fields to change (used with `partial=True`)."""


class EntryOut(Schema):
    id = fields.String()
    pairing_id = fields.String()
    date = fields.Date(attribute="day")
    minutes = fields.Integer()
    activity = fields.String()
    note = fields.String(allow_none=True)


class HoursOut(Schema):
    pairing_id = fields.String()
    program = fields.String()
    started_on = fields.Date()
    closed_on = fields.Date(allow_none=True)
    approved = fields.Decimal(**AMOUNT)
    used = fields.Decimal(**AMOUNT)
    remaining = fields.Decimal(**AMOUNT)
    release_half_days_approved = fields.Integer()
    release_half_days_used = fields.Integer()


class PairingSheet(Schema):
    pairing_id = fields.String()
    program = fields.String()
    entries = fields.List(fields.Nested(EntryOut))
    hours = fields.Decimal(**AMOUNT)
    release_half_days = fields.Integer()


class TimesheetOut(Schema):
    id = fields.String(allow_none=True)
    coach_id = fields.String()
    period = fields.String()
    status = fields.String()
    reject_reason = fields.String(allow_none=True)
    batch_id = fields.String(allow_none=True)
    pairings = fields.List(fields.Nested(PairingSheet))
    hours = fields.Decimal(**AMOUNT)
    release_half_days = fields.Integer()


class RejectIn(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class RateIn(Schema):
    hourly_rate = money_in(minimum_exclusive=True)
    release_half_day_rate = money_in(minimum_exclusive=False)
    effective_from = fields.Date(required=True)


class RateOut(Schema):
    district = fields.String()
    hourly_rate = fields.Decimal(**AMOUNT)
    release_half_day_rate = fields.Decimal(**AMOUNT)
    effective_from = fields.Date()


class ExportIn(Schema):
    period = fields.String(required=True, validate=PERIOD)


class BatchOut(Schema):
    batch_id = fields.String(attribute="id")
    period = fields.String()
    created_at = fields.DateTime()
    rows = fields.Integer()
    gross_total = fields.Decimal(**AMOUNT)
    lines = fields.List(fields.Dict())


class StatementQuery(Schema):
    payer = fields.String(required=True, validate=validate.OneOf(("federation", "district")))
    period = fields.String(required=True, validate=PERIOD)


class StatementLine(Schema):
    pairing_id = fields.String()
    program = fields.String()
    account_code = fields.String()
    coaching_hours = fields.Decimal(**AMOUNT)
    coaching_amount = fields.Decimal(**AMOUNT)
    release_half_days = fields.Integer()
    release_amount = fields.Decimal(**AMOUNT)
    amount = fields.Decimal(**AMOUNT)


class StatementTotals(Schema):
    coaching_amount = fields.Decimal(**AMOUNT)
    release_amount = fields.Decimal(**AMOUNT)
    amount = fields.Decimal(**AMOUNT)


class StatementOut(Schema):
    payer = fields.String()
    period = fields.String()
    lines = fields.List(fields.Nested(StatementLine))
    totals = fields.Nested(StatementTotals)
