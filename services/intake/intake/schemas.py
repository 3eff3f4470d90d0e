"""What the JSON API accepts and returns; the program rules are checked along with the fields."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from intake import rules
from peercoach.events.contracts import EMPLOYMENT_STATUSES, FOCUS_AREAS, PROGRAMS, REASONS, REFERRALS, SUPPORT_TYPES
from peercoach.web.fields import Flag, Pattern, Timestamp, utc
from peercoach.web.paging import PageQuery

STATUSES = ("submitted", "approved", "denied", "withdrawn")
PLAIN_LINE = Pattern(r"^[^\x00-\x1f\x7f]*$", error="Must be plain text on one line.")
# Python's str.strip() removes these (besides the control characters a line has none of).
SPACES = "\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
WORDED_LINE = Pattern(f"^[^\\x00-\\x1f\\x7f]*[^\\x00-\\x1f\\x7f{SPACES}][^\\x00-\\x1f\\x7f]*$",
                      error="Must be plain text on one line, not only spaces.")
PLAIN_TEXT = Pattern(r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$", error="Must be plain text.")
EMPLOYEE_ID = Pattern(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
                      error="Use 1 to 40 letters, digits, dots, dashes or underscores.")


class Line(fields.String):
    """One line of text with something besides spaces, 1 to `max_length` characters as sent; kept trimmed."""

    def __init__(self, max_length: int, **kwargs):
        super().__init__(validate=[validate.Length(min=1, max=max_length), WORDED_LINE], **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        self._validate(text)  # what was sent is what the document describes
        return text.strip()


def email(**kwargs) -> fields.Email:
    return fields.Email(validate=validate.Length(max=254), **kwargs)


def codes(choices, **kwargs) -> fields.List:
    """A non-empty list of codes; a code listed twice counts once."""
    return fields.List(fields.String(validate=validate.OneOf(choices)), required=True,
                       validate=validate.Length(min=1, max=len(choices)), **kwargs)


class TeacherSchema(Schema):
    employee_id = fields.String(required=True, validate=EMPLOYEE_ID)
    first_name = Line(80, required=True)
    last_name = Line(80, required=True)
    email = email(required=True)
    school = Line(120, required=True)
    district = Line(80, required=True)
    employment_status = fields.String(required=True, validate=validate.OneOf(EMPLOYMENT_STATUSES))
    grade_levels = fields.List(Line(20), required=True, validate=validate.Length(min=1, max=20))
    subjects = fields.List(Line(60), required=True, validate=validate.Length(min=1, max=20))


class PartnerSchema(Schema):
    name = Line(160, required=True)
    email = email(required=True)


class ConsentSchema(Schema):
    confidentiality_acknowledged = Flag(required=True, validate=validate.Equal(True, error=rules.CONSENT_REQUIRED))


class ApplicationInSchema(Schema):
    program = fields.String(required=True, validate=validate.OneOf(PROGRAMS))
    referral = fields.String(required=True, validate=validate.OneOf(REFERRALS))
    teacher = fields.Nested(TeacherSchema, required=True)
    reasons = codes(REASONS)
    reason_details = fields.String(load_default="", validate=[validate.Length(max=4000), PLAIN_TEXT],
                                   metadata={"description": "Free text; kept by intake only, never shared."})
    focus_area = fields.String(required=True, validate=validate.OneOf(FOCUS_AREAS))
    support_types = codes(SUPPORT_TYPES)
    requested_coach_id = Line(64, load_default=None, allow_none=True)
    learning_partner = fields.Nested(PartnerSchema, load_default=None, allow_none=True)
    consent = fields.Nested(ConsentSchema, required=True)

    @staticmethod
    def openapi_constraints() -> dict:
        """Each program's referrals, employment statuses and focus areas, as `rules` checks them."""
        return {"oneOf": [{"properties": {
            "program": {"enum": [rule.key]}, "referral": {"enum": list(rule.referrals)},
            "focus_area": {"enum": list(rule.focus_areas)},
            "teacher": {"type": "object",
                        "properties": {"employment_status": {"enum": list(rule.employment_statuses)}}},
        }} for rule in rules.PROGRAM_RULES.values()]}

    @validates_schema(skip_on_field_errors=False)
    def eligible(self, data: dict, **_kwargs) -> None:
        problems = rules.problems(data)
        problems.pop("consent", None)  # its field says so already
        if problems:
            raise ValidationError(problems)

    @post_load
    def once_each(self, data: dict, **_kwargs) -> dict:
        for name in ("reasons", "support_types"):
            data[name] = list(dict.fromkeys(data[name]))
        return data


class ApplicationSchema(ApplicationInSchema):
    openapi_constraints = None  # what was stored kept the rules
    id = fields.String(dump_only=True)
    status = fields.String(dump_only=True, metadata={"enum": list(STATUSES)})
    consent = fields.Function(lambda application: {
        "confidentiality_acknowledged": True,
        "acknowledged_at": utc(application.consent_acknowledged_at).isoformat()}, dump_only=True)
    submitted_at = Timestamp(dump_only=True)
    status_changed_at = Timestamp(dump_only=True, allow_none=True)
    withdrawn_by = fields.String(dump_only=True, allow_none=True)


class ListQuerySchema(PageQuery):
    status = fields.String(validate=validate.OneOf(STATUSES))
    program = fields.String(validate=validate.OneOf(PROGRAMS))


class PageSchema(Schema):
    items = fields.List(fields.Nested(ApplicationSchema))
    total = fields.Integer()
    page = fields.Integer()
    page_size = fields.Integer()
