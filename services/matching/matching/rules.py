"""The programs' rules for an approval: defaults, limits, who pays. Pure: no Flask, no database.

Sources (shared/program-documents): voluntary peer coaching gives up to 10 hours, more only
with the panel's approval, and 1 substitute day (= 2 release half-days); district coaching
gives at most 4 half-days of TOC release and books it with an account code; the Peer Support
Service sets the allowance case by case, the federation pays for self-referrals and the
district for plans of assistance unless a split is negotiated.

Choices of ours, where the documents are silent:
- HARD_MAX_HOURS (40) caps any approval and any single extension, against typing mistakes;
  within it the panel's explicit `hours_approved` is the decision.
- District coaching has no documented coaching-hour allowance: the default is 10 hours as in
  voluntary peer coaching; the panel may set more.
- The Peer Support Service needs explicit `hours_approved` and `release_half_days` (at most
  MAX_PSS_RELEASE_HALF_DAYS), and an explicit funding split for a pre-evaluation referral,
  which no document assigns to a payer.
- The voluntary and district programs are paid by the district alone: another split is refused.
- `account_code` is required for district coaching and optional otherwise ("" when not given).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from peercoach.programs import (
    DISTRICT_COACHING,
    DISTRICT_RELEASE_HALF_DAYS,
    PEER_SUPPORT,
    VOLUNTARY,
    VOLUNTARY_RELEASE_HALF_DAYS,
)
from peercoach.refusals import RuleBroken

HARD_MAX_HOURS = Decimal("40")
MAX_PSS_RELEASE_HALF_DAYS = 20
HUNDRED = Decimal("100")
ALL_DISTRICT = (Decimal("0"), HUNDRED)
ALL_FEDERATION = (HUNDRED, Decimal("0"))


@dataclass(frozen=True)
class ProgramRule:
    default_hours: Decimal | None
    default_release: int | None
    max_release: int
    account_code_required: bool
    district_only: bool


RULES = {
    VOLUNTARY: ProgramRule(Decimal("10"), VOLUNTARY_RELEASE_HALF_DAYS, VOLUNTARY_RELEASE_HALF_DAYS, False, True),
    DISTRICT_COACHING: ProgramRule(Decimal("10"), DISTRICT_RELEASE_HALF_DAYS, DISTRICT_RELEASE_HALF_DAYS, True, True),
    PEER_SUPPORT: ProgramRule(None, None, MAX_PSS_RELEASE_HALF_DAYS, False, False),
}


@dataclass(frozen=True)
class Terms:
    hours_approved: Decimal
    release_half_days: int
    federation_pct: Decimal
    district_pct: Decimal
    account_code: str


def approval_terms(program: str, referral: str, hours: Decimal | None = None, release: int | None = None,
                   funding: tuple[Decimal, Decimal] | None = None, account_code: str | None = None) -> Terms:
    """The terms of an approval: the panel's values where given, else the program's defaults.

    Refused with every broken rule in `fields` (RuleBroken) when the terms break the program's rules."""
    rule = RULES[program]
    errors: dict[str, list[str]] = {}
    hours = _checked(errors, "hours_approved", hours if hours is not None else rule.default_hours,
                     _hours_problem, program)
    release = _checked(errors, "release_half_days", release if release is not None else rule.default_release,
                       lambda value: _release_problem(value, rule), program)
    shares = _checked(errors, "funding", funding or default_funding(program, referral),
                      lambda value: _funding_problem(value, rule, program), program)
    if rule.account_code_required and not account_code:
        errors["account_code"] = [f"{program} books release time with an account code: give one."]
    if errors:
        raise RuleBroken("The approval breaks the program's rules.", "program_rules", fields=errors)
    return Terms(hours, release, shares[0], shares[1], account_code or "")


def default_funding(program: str, referral: str) -> tuple[Decimal, Decimal] | None:
    if RULES[program].district_only or referral == "plan_of_assistance":
        return ALL_DISTRICT
    if referral == "self":
        return ALL_FEDERATION
    return None


def extension_problem(hours: Decimal) -> str | None:
    """Why an extension of `hours` cannot be granted, or None."""
    if hours <= 0:
        return "An extension adds a positive number of hours."
    if hours > HARD_MAX_HOURS:
        return f"One extension adds at most {HARD_MAX_HOURS} hours."
    return None


def _checked(errors: dict, field: str, value, problem, program: str):
    if value is None:
        errors[field] = [f"{program} has no default here: the panel must set it."]
    elif (why := problem(value)) is not None:
        errors[field] = [why]
    return value


def _hours_problem(hours: Decimal) -> str | None:
    if hours <= 0:
        return "Approved hours must be more than 0."
    if hours > HARD_MAX_HOURS:
        return f"At most {HARD_MAX_HOURS} hours can be approved at once; extend later if needed."
    return None


def _release_problem(release: int, rule: ProgramRule) -> str | None:
    if release < 0:
        return "Release half-days cannot be negative."
    if release > rule.max_release:
        return f"This program allows at most {rule.max_release} release half-days."
    return None


def _funding_problem(shares: tuple[Decimal, Decimal], rule: ProgramRule, program: str) -> str | None:
    federation, district = shares
    if min(shares) < 0 or max(shares) > HUNDRED:
        return "Each share is a percentage between 0 and 100."
    if federation + district != HUNDRED:
        return f"federation_pct and district_pct must sum to exactly 100 (they sum to {federation + district})."
    if rule.district_only and shares != ALL_DISTRICT:
        return f"{program} is paid by the district alone (federation_pct 0, district_pct 100)."
    return None
