"""The payload contract of every routing key and version, checked on publish and on consume.

Payloads are JSON: decimals and dates travel as strings. No free text written by a
teacher or a coach (reason details, coaching notes, reflections) belongs in any of them.
"""
from __future__ import annotations

import functools

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from peercoach.periods import PATTERN

PROGRAMS = ("voluntary_peer_coaching", "district_coaching", "peer_support_service")
REFERRALS = ("self", "plan_of_assistance", "pre_evaluation_concern")
EMPLOYMENT_STATUSES = ("permanent", "probationary", "temporary", "on_call")
REASONS = ("new_grade_level", "new_subject", "new_school", "outside_credential", "improve_practice",
           "pd_needs_unmet", "other")
FOCUS_AREAS = ("literacy", "numeracy", "social_emotional_learning", "adst", "complex_needs",
               "instructional_technology", "classroom_management", "curriculum_planning", "other")
SUPPORT_TYPES = ("model_teaching", "team_teaching", "collaborative_planning", "observation_feedback")
MONEY = dict(as_string=True, places=2)
HOURS = dict(as_string=True, places=2)


class Strict(Schema):
    class Meta:
        unknown = RAISE


class Person(Strict):
    """Who an email may go to: a participant named on the application or pairing."""
    name = fields.String(required=True)
    email = fields.Email(required=True)


class Teacher(Strict):
    employee_id = fields.String(required=True)
    first_name = fields.String(required=True)
    last_name = fields.String(required=True)
    email = fields.Email(required=True)
    school = fields.String(required=True)
    district = fields.String(required=True)
    employment_status = fields.String(required=True, validate=validate.OneOf(EMPLOYMENT_STATUSES))
    grade_levels = fields.List(fields.String(), required=True)
    subjects = fields.List(fields.String(), required=True)


class Coach(Strict):
    coach_id = fields.String(required=True)
    employee_id = fields.String(required=True)
    name = fields.String(required=True)
    email = fields.Email(required=True)
    district = fields.String(required=True)


class Funding(Strict):
    federation_pct = fields.Decimal(required=True, **MONEY)
    district_pct = fields.Decimal(required=True, **MONEY)


class ApplicationSubmitted(Strict):
    application_id = fields.String(required=True)
    program = fields.String(required=True, validate=validate.OneOf(PROGRAMS))
    referral = fields.String(required=True, validate=validate.OneOf(REFERRALS))
    teacher = fields.Nested(Teacher, required=True)
    reasons = fields.List(fields.String(validate=validate.OneOf(REASONS)), required=True)
    focus_area = fields.String(required=True, validate=validate.OneOf(FOCUS_AREAS))
    support_types = fields.List(fields.String(validate=validate.OneOf(SUPPORT_TYPES)), required=True)
    requested_coach_id = fields.String(load_default=None, allow_none=True)
    learning_partner = fields.Nested(Person, load_default=None, allow_none=True)
    submitted_at = fields.AwareDateTime(required=True)


class ApplicationWithdrawn(Strict):
    application_id = fields.String(required=True)
    program = fields.String(required=True, validate=validate.OneOf(PROGRAMS))
    teacher = fields.Nested(Person, required=True)
    withdrawn_by = fields.String(required=True, validate=validate.OneOf(("teacher", "coordinator")))


class ApplicationApproved(Strict):
    application_id = fields.String(required=True)
    review_id = fields.String(required=True)
    pairing_id = fields.String(required=True)
    program = fields.String(required=True, validate=validate.OneOf(PROGRAMS))
    teacher = fields.Nested(Person, required=True)
    coach_id = fields.String(required=True)
    hours_approved = fields.Decimal(required=True, **HOURS)


class ApplicationDenied(Strict):
    application_id = fields.String(required=True)
    review_id = fields.String(required=True)
    program = fields.String(required=True, validate=validate.OneOf(PROGRAMS))
    teacher = fields.Nested(Person, required=True)
    reason = fields.String(required=True)


class PairingCreated(Strict):
    pairing_id = fields.String(required=True)
    application_id = fields.String(required=True)
    program = fields.String(required=True, validate=validate.OneOf(PROGRAMS))
    referral = fields.String(required=True, validate=validate.OneOf(REFERRALS))
    teacher = fields.Nested(Teacher, required=True)
    coach = fields.Nested(Coach, required=True)
    learning_partner = fields.Nested(Person, load_default=None, allow_none=True)
    hours_approved = fields.Decimal(required=True, **HOURS)
    release_half_days = fields.Integer(required=True, validate=validate.Range(min=0))
    funding = fields.Nested(Funding, required=True)
    account_code = fields.String(required=True)
    started_on = fields.Date(required=True)


class PairingCreatedV2(PairingCreated):
    """Version 2 carries no referral: timesheets has no need of it, and notifications keeps it from
    `application.submitted` (the only service that does). Version 1 is still read."""
    class Meta:
        exclude = ("referral",)


class PairingHoursExtended(Strict):
    pairing_id = fields.String(required=True)
    extension_id = fields.String(required=True)
    hours_added = fields.Decimal(required=True, **HOURS)
    hours_approved = fields.Decimal(required=True, **HOURS)
    teacher = fields.Nested(Person, required=True)
    coach = fields.Nested(Coach, required=True)


class PairingClosed(Strict):
    pairing_id = fields.String(required=True)
    program = fields.String(required=True, validate=validate.OneOf(PROGRAMS))
    closed_on = fields.Date(required=True)
    teacher = fields.Nested(Person, required=True)
    coach = fields.Nested(Coach, required=True)
    teacher_employee_id = fields.String(load_default=None, allow_none=True)


class Timesheet(Strict):
    timesheet_id = fields.String(required=True)
    coach_id = fields.String(required=True)
    period = fields.String(required=True, validate=validate.Regexp(PATTERN))
    coach = fields.Nested(Person, required=True)
    hours = fields.Decimal(required=True, **HOURS)


class TimesheetLine(Strict):
    """One pairing's share of an approved timesheet: coaching hours and cost per payer (release included)."""
    pairing_id = fields.String(required=True)
    hours = fields.Decimal(required=True, **HOURS)
    federation_amount = fields.Decimal(required=True, **MONEY)
    district_amount = fields.Decimal(required=True, **MONEY)


class TimesheetApproved(Timesheet):
    lines = fields.List(fields.Nested(TimesheetLine), load_default=list)


class TimesheetRejected(Timesheet):
    reason = fields.String(required=True)


class HoursThresholdReached(Strict):
    pairing_id = fields.String(required=True)
    coach = fields.Nested(Coach, required=True)
    hours_approved = fields.Decimal(required=True, **HOURS)
    hours_used = fields.Decimal(required=True, **HOURS)
    threshold_pct = fields.Integer(required=True)


class PayrollExported(Strict):
    batch_id = fields.String(required=True)
    period = fields.String(required=True)
    timesheet_ids = fields.List(fields.String(), required=True)
    rows = fields.Integer(required=True)
    gross_total = fields.Decimal(required=True, **MONEY)


class SessionEnded(Strict):
    """A browser session was signed out: every service refuses its cookie from now on."""
    session_id = fields.String(required=True, validate=validate.Length(min=16, max=64))
    expires_at = fields.AwareDateTime(required=True)


GRANTABLE = ("admin", "coordinator", "payroll", "finance:district", "finance:federation")


class RoleGranted(Strict):
    """An admin granted a role to whoever signs in with this (provider-verified) email."""
    grant_id = fields.String(required=True, validate=validate.Length(equal=36))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    role = fields.String(required=True, validate=validate.OneOf(GRANTABLE))
    districts = fields.List(fields.String(validate=validate.Length(min=1, max=40)), required=True)
    granted_by = fields.String(required=True, validate=validate.Length(min=1, max=254))
    granted_at = fields.AwareDateTime(required=True)


class RoleRevoked(Strict):
    """An admin revoked a grant: no service honours it from now on."""
    grant_id = fields.String(required=True, validate=validate.Length(equal=36))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    role = fields.String(required=True, validate=validate.OneOf(GRANTABLE))


class CredentialIssued(Strict):
    """An admin created a machine credential: only the SHA-256 of its secret travels, never the secret."""
    id = fields.String(required=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    role = fields.String(required=True, validate=validate.OneOf(("payroll", "finance")))
    payer = fields.String(required=True, allow_none=True, validate=validate.OneOf(("federation", "district")))
    districts = fields.List(fields.String(), required=True)
    secret_hash = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"))
    created_at = fields.AwareDateTime(required=True)


class CredentialRevoked(Strict):
    """A machine credential was revoked: every service refuses it from now on."""
    id = fields.String(required=True)
    revoked_at = fields.AwareDateTime(required=True)


class CredentialUsed(Strict):
    """A service served a call made with a machine credential (at most one event a minute per credential)."""
    id = fields.String(required=True)
    used_at = fields.AwareDateTime(required=True)


CONTRACTS: dict[tuple[str, int], type[Schema]] = {
    ("application.submitted", 1): ApplicationSubmitted,
    ("application.withdrawn", 1): ApplicationWithdrawn,
    ("application.approved", 1): ApplicationApproved,
    ("application.denied", 1): ApplicationDenied,
    ("pairing.created", 1): PairingCreated,
    ("pairing.created", 2): PairingCreatedV2,
    ("pairing.hours_extended", 1): PairingHoursExtended,
    ("pairing.closed", 1): PairingClosed,
    ("timesheet.submitted", 1): Timesheet,
    ("timesheet.approved", 1): TimesheetApproved,
    ("timesheet.rejected", 1): TimesheetRejected,
    ("hours.threshold_reached", 1): HoursThresholdReached,
    ("payroll.exported", 1): PayrollExported,
    ("session.ended", 1): SessionEnded,
    ("role.granted", 1): RoleGranted,
    ("role.revoked", 1): RoleRevoked,
    ("credential.issued", 1): CredentialIssued,
    ("credential.revoked", 1): CredentialRevoked,
    **{(f"credential.used.{service}", 1): CredentialUsed for service in ("intake", "timesheets", "notifications")},
}


@functools.cache
def schema_for(type_: str, version: int) -> Schema:
    """The (stateless, shared) schema of an event type and version."""
    try:
        return CONTRACTS[(type_, version)]()
    except KeyError:
        raise ValueError(f"no contract for event {type_!r} version {version}") from None


def validate_payload(type_: str, version: int, payload: dict) -> dict:
    """Return the JSON payload unchanged if it satisfies its contract, else raise ValueError."""
    errors = schema_for(type_, version).validate(payload)
    if errors:
        raise ValueError(f"{type_} v{version} payload breaks its contract: {errors}")
    return payload


def load_payload(type_: str, version: int, payload: dict) -> dict:
    """The payload with typed values (Decimal, date, datetime)."""
    try:
        return schema_for(type_, version).load(payload)
    except ValidationError as exc:
        raise ValueError(f"{type_} v{version} payload breaks its contract: {exc.messages}") from exc
