"""What reviews look like, and what a decision on one may say."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from matching.api.inputs import MOST_HALF_DAYS, amount
from peercoach.web.fields import Day, Timestamp, text

STATUSES = ("pending", "approved", "denied", "withdrawn")
APPROVE_ONLY = ("coach_id", "hours_approved", "release_half_days", "funding", "account_code", "starts_on")


class SuggestionSchema(Schema):
    coach_id = fields.String()
    score = fields.Integer()
    reasons = fields.List(fields.String())
    requested = fields.Boolean()


class RequestedCoachSchema(Schema):
    coach_id = fields.String()
    eligible = fields.Boolean()
    code = fields.String(allow_none=True)
    message = fields.String(allow_none=True)


class ProposalSchema(Schema):
    coach_id = fields.String(attribute="proposed_coach_id")
    score = fields.Integer(attribute="proposed_score")


class ReviewSchema(Schema):
    id = fields.String()
    application_id = fields.String()
    program = fields.String()
    referral = fields.String()
    status = fields.String()
    teacher = fields.Dict()
    focus_area = fields.String()
    support_types = fields.List(fields.String())
    requested_coach_id = fields.String(allow_none=True)
    learning_partner = fields.Dict(allow_none=True)
    submitted_at = Timestamp()
    suggestions = fields.List(fields.Nested(SuggestionSchema))
    requested_coach = fields.Nested(RequestedCoachSchema, allow_none=True)
    proposal = fields.Method("dump_proposal")
    decided_at = Timestamp(allow_none=True)
    decision_reason = fields.String(allow_none=True)
    pairing_id = fields.String(allow_none=True)

    def dump_proposal(self, review):
        return ProposalSchema().dump(review) if review.proposed_coach_id else None


class ReviewQuery(Schema):
    status = fields.String(load_default="pending", validate=validate.OneOf(STATUSES))


class FundingSchema(Schema):
    """Both shares, in percent (the program's rules say what they must add up to)."""
    federation_pct = amount(maximum=100, required=True)
    district_pct = amount(maximum=100, required=True)


def absent(*names: str) -> dict:
    return {name: {"not": {}} for name in names}


class DecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(("approve", "deny")))
    coach_id = text(36, shortest=1)
    hours_approved = amount(positive=True)
    release_half_days = fields.Integer(validate=validate.Range(min=0, max=MOST_HALF_DAYS))
    funding = fields.Nested(FundingSchema)
    account_code = text(100)
    starts_on = Day(metadata={"description": "When the pairing starts (default: today); at most "
                                             "a year before or after today."})
    reason = text(2000, shortest=1)

    @staticmethod
    def openapi_constraints() -> dict:
        """An approval names the coach and gives no reason; a denial gives its reason and nothing of an approval."""
        return {"oneOf": [
            {"properties": {"decision": {"enum": ["approve"]}, **absent("reason")}, "required": ["coach_id"]},
            {"properties": {"decision": {"enum": ["deny"]}, **absent(*APPROVE_ONLY)}, "required": ["reason"]},
        ]}

    @validates_schema
    def fits_the_decision(self, data, **_):
        if data["decision"] == "approve":
            if "coach_id" not in data:
                raise ValidationError("An approval names the coach.", "coach_id")
            if "reason" in data:
                raise ValidationError("Only a denial carries a reason.", "reason")
        else:
            if "reason" not in data:
                raise ValidationError("A denial gives its reason.", "reason")
            extra = [field for field in APPROVE_ONLY if field in data]
            if extra:
                raise ValidationError({field: ["Only an approval carries this."] for field in extra})
