"""Request and response shapes. Decimals travel as strings."""
from __future__ import annotations

from marshmallow import Schema, fields, post_dump, validate

from peercoach.events.contracts import PROGRAMS
from peercoach.periods import INVALID, PATTERN
from peercoach.web.fields import Amount, Day, Pattern, Timestamp, text
from peercoach.web.paging import PageQuery, page_schema
from timesheets.listing import STATUSES
from timesheets.rules import ACTIVITIES, MAX_RELEASE_MINUTES, RELEASE

PERIOD = Pattern(PATTERN, error=INVALID)
AMOUNT = dict(as_string=True, places=2)
MOST_MONEY = 100_000


class EntryIn(Schema):
    date = Day(required=True)
    minutes = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=1440))
    activity = fields.String(required=True, validate=validate.OneOf(ACTIVITIES))
    note = text(5000, load_default=None, allow_none=True)
    ticket_number = fields.String(load_default=None, allow_none=True, validate=[
        validate.Length(min=1, max=40), Pattern(r"^[A-Za-z0-9][A-Za-z0-9 ./#-]*$", error=(
            "Use the ticket number as the helpdesk gave it: letters, digits, spaces and . / # -."))],
        metadata={"description": "Release (`release_day`) entries only: the substitute booking's ticket."})

    @staticmethod
    def openapi_constraints() -> dict:
        """A release day entry is at most one day (the rule `release_too_long` checks); only a release day
        entry carries a ticket number (`ticket_without_release`)."""
        return {"anyOf": [{"properties": {"activity": {"enum": [a for a in ACTIVITIES if a != RELEASE]},
                                          "ticket_number": {"enum": [None]}}},
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
    ticket_number = fields.String(allow_none=True)


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


class SheetQuery(PageQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES))
    period = fields.String(load_default=None, validate=PERIOD)


class SheetSummary(Schema):
    id = fields.String()
    coach_id = fields.String()
    coach_name = fields.String()
    employee_id = fields.String()
    period = fields.String()
    status = fields.String()
    hours = fields.Decimal(**AMOUNT)
    submitted_at = Timestamp()
    decided_at = Timestamp(allow_none=True)
    reject_reason = fields.String(allow_none=True)
    batch_id = fields.String(allow_none=True)


SheetPage = page_schema(SheetSummary)


class RejectIn(Schema):
    reason = text(2000, 1, required=True)


class RateIn(Schema):
    program = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(PROGRAMS), metadata={
        "description": "Only for this program (e.g. the curriculum development rate of voluntary peer "
                       "coaching); left out, for every program without a rate of its own."})
    hourly_rate = Amount(MOST_MONEY, positive=True, required=True)
    release_half_day_rate = Amount(MOST_MONEY, required=True)
    effective_from = Day(required=True)


class RateOut(Schema):
    district = fields.String()
    program = fields.String(allow_none=True, metadata={"description": "Null: for every program."})
    hourly_rate = fields.Decimal(**AMOUNT)
    release_half_day_rate = fields.Decimal(**AMOUNT)
    effective_from = fields.Date()

    @post_dump
    def every_program_as_null(self, data: dict, **_) -> dict:
        return {**data, "program": data["program"] or None}


class ExportIn(Schema):
    period = fields.String(required=True, validate=PERIOD)


class BatchOut(Schema):
    batch_id = fields.String(attribute="id")
    period = fields.String()
    created_at = Timestamp()
    created_by = fields.String(allow_none=True)
    rows = fields.Integer()
    gross_total = fields.Decimal(**AMOUNT)
    lines = fields.List(fields.Dict())


class BatchQuery(PageQuery):
    period = fields.String(load_default=None, validate=PERIOD)


class PayerTotals(Schema):
    federation = fields.Decimal(**AMOUNT)
    district = fields.Decimal(**AMOUNT)


class BatchSummary(Schema):
    batch_id = fields.String(attribute="batch.id")
    period = fields.String(attribute="batch.period")
    created_at = Timestamp(attribute="batch.created_at")
    created_by = fields.String(attribute="batch.created_by", allow_none=True)
    rows = fields.Integer(attribute="batch.rows")
    totals = fields.Nested(PayerTotals, metadata={
        "description": "What each payer the caller may read owes in this batch (its districts only, "
                       "for a finance officer scoped to districts)."})


BatchPage = page_schema(BatchSummary)


class StatementQuery(Schema):
    payer = fields.String(required=True, validate=validate.OneOf(("federation", "district")))
    period = fields.String(required=True, validate=PERIOD)
    district = text(40, 1, metadata={"description": "only this district's lines (403 for a finance officer scoped to "
                                             "other districts)"})


class ReleaseBooking(Schema):
    date = fields.Date()
    half_days = fields.Integer()
    ticket_number = fields.String(allow_none=True)


class StatementLine(Schema):
    pairing_id = fields.String()
    program = fields.String()
    account_code = fields.String()
    district = fields.String(metadata={"description": "The district of the pairing's teacher."})
    coaching_hours = fields.Decimal(**AMOUNT)
    coaching_amount = fields.Decimal(**AMOUNT)
    release_half_days = fields.Integer()
    release_amount = fields.Decimal(**AMOUNT)
    amount = fields.Decimal(**AMOUNT)
    release_bookings = fields.List(fields.Nested(ReleaseBooking), metadata={
        "description": "District statements only: each release day with its substitute booking's ticket "
                       "number (book it with the line's account code)."})


class StatementTotals(Schema):
    coaching_amount = fields.Decimal(**AMOUNT)
    release_amount = fields.Decimal(**AMOUNT)
    amount = fields.Decimal(**AMOUNT)


class StatementOut(Schema):
    payer = fields.String()
    period = fields.String()
    lines = fields.List(fields.Nested(StatementLine))
    totals = fields.Nested(StatementTotals)
