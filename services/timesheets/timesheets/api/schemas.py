"""Request and response shapes. Decimals travel as strings."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from peercoach.web.fields import PERIOD as MONTH, Amount, Day, Pattern, Timestamp, no_nul
from timesheets.rules import ACTIVITIES, MAX_RELEASE_MINUTES, RELEASE

PERIOD = Pattern(MONTH, error="Use a month as YYYY-MM.")
AMOUNT = dict(as_string=True, places=2)
MOST_MONEY = 100_000


class EntryIn(Schema):
    date = Day(required=True)
    minutes = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=1440))
    activity = fields.String(required=True, validate=validate.OneOf(ACTIVITIES))
    note = fields.String(load_default=None, allow_none=True, validate=[no_nul(), validate.Length(max=5000)])

    @staticmethod
    def openapi_constraints() -> dict:
        """A release day entry is at most one day (the rule `release_too_long` checks)."""
        return {"anyOf": [{"properties": {"activity": {"enum": [a for a in ACTIVITIES if a != RELEASE]}}},
                          {"properties": {"activity": {"enum": [RELEASE]},
                                          "minutes": {"maximum": MAX_RELEASE_MINUTES}}}]}


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
    reason = fields.String(required=True, validate=[no_nul(), validate.Length(min=1, max=2000)])


class RateIn(Schema):
    hourly_rate = Amount(MOST_MONEY, positive=True, required=True)
    release_half_day_rate = Amount(MOST_MONEY, required=True)
    effective_from = Day(required=True)


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
    created_at = Timestamp()
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
