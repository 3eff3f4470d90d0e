"""Who may apply to which program: pure rules, no Flask, no database.

`problems(application)` takes an application as the schema loaded it (possibly partial,
when some fields were already invalid) and returns the broken rules per field, shaped
like marshmallow's errors: {"referral": ["..."], "teacher": {"employment_status": ["..."]}}.
"""
from __future__ import annotations

from dataclasses import dataclass

from peercoach.events.contracts import EMPLOYMENT_STATUSES, FOCUS_AREAS, REFERRALS


@dataclass(frozen=True)
class ProgramRule:
    key: str
    title: str
    who_may_apply: str
    referrals: tuple[str, ...]
    employment_statuses: tuple[str, ...] = EMPLOYMENT_STATUSES
    focus_areas: tuple[str, ...] = FOCUS_AREAS


PROGRAM_RULES: dict[str, ProgramRule] = {rule.key: rule for rule in (
    ProgramRule(
        "voluntary_peer_coaching", "Voluntary peer coaching",
        "Permanent teachers, on their own initiative: no evaluator or administrator can require it.",
        referrals=("self",), employment_statuses=("permanent",)),
    ProgramRule(
        "district_coaching", "District instructional coaching",
        "Any classroom teacher who invites a coach, optionally with a learning partner.",
        referrals=("self",),
        focus_areas=("literacy", "numeracy", "social_emotional_learning", "adst", "complex_needs",
                     "instructional_technology")),
    ProgramRule(
        "peer_support_service", "Peer Support Service",
        "Federation members asking for help with their teaching, on a plan of assistance, "
        "or before an evaluation where concerns were raised.",
        referrals=REFERRALS),
)}

CONSENT_REQUIRED = "Please acknowledge the confidentiality terms to apply."


def problems(application: dict) -> dict:
    """Every program rule the application breaks, by field; {} when it is eligible."""
    errors: dict = {}
    consent = application.get("consent")
    if consent is not None and consent.get("confidentiality_acknowledged") is not True:
        errors["consent"] = {"confidentiality_acknowledged": [CONSENT_REQUIRED]}
    rule = PROGRAM_RULES.get(application.get("program"))
    if rule is None:
        return errors
    referral = application.get("referral")
    if referral is not None and referral not in rule.referrals:
        errors["referral"] = [f"{rule.title} accepts only these referrals: {', '.join(rule.referrals)}."]
    status = (application.get("teacher") or {}).get("employment_status")
    if status is not None and status not in rule.employment_statuses:
        errors["teacher"] = {"employment_status": [
            f"{rule.title} is open only to {' or '.join(rule.employment_statuses)} teachers."]}
    focus = application.get("focus_area")
    if focus is not None and focus not in rule.focus_areas:
        errors["focus_area"] = [f"{rule.title} offers coaching only in: {', '.join(rule.focus_areas)}."]
    return errors
