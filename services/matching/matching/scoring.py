"""How well a coach suits an application, and why; who is excluded outright. Pure: no Flask, no database.

A score is the sum of points with a reason for each (out of 100):
focus area 35, grade band overlap 20, subject overlap 15, support types 15, program 5,
remaining capacity 10 (so that the load spreads). Exclusions are absolute: an inactive coach,
a coach at capacity (active pairings and pending proposals), a program the coach does not
serve, and the teacher themself (same employee id).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

FOCUS_POINTS, GRADE_POINTS, SUBJECT_POINTS, SUPPORT_POINTS, PROGRAM_POINTS, CAPACITY_POINTS = 35, 20, 15, 15, 5, 10
GRADE_BANDS = {"K": "primary", **{str(g): "primary" for g in range(1, 4)},
               **{str(g): "intermediate" for g in range(4, 8)}, **{str(g): "secondary" for g in range(8, 13)}}
GRADES = tuple(GRADE_BANDS)


def grade_bands(grades) -> frozenset[str]:
    """K, 1-3 primary; 4-7 intermediate; 8-12 secondary; anything else is a band of its own."""
    bands = set()
    for grade in grades:
        code = grade.strip().upper().lstrip("0") or "0"
        code = "K" if code in ("K", "KINDERGARTEN", "0") else code
        bands.add(GRADE_BANDS.get(code, code.lower()))
    return frozenset(bands)


def words(values) -> frozenset[str]:
    return frozenset(value.strip().lower() for value in values)


@dataclass(frozen=True)
class Applicant:
    key: str
    program: str
    employee_id: str
    focus_area: str
    grade_bands: frozenset[str]
    subjects: frozenset[str]
    support_types: frozenset[str]
    requested_coach_id: str | None = None


@dataclass(frozen=True)
class CoachProfile:
    id: str
    employee_id: str
    active: bool
    programs: frozenset[str]
    focus_areas: frozenset[str]
    grade_bands: frozenset[str]
    subjects: frozenset[str]
    support_types: frozenset[str]
    max_active_pairings: int


class Reason(NamedTuple):
    """Points and what earned them; `shared` of `wanted` items matched, when that is the measure."""
    points: int
    text: str
    shared: frozenset[str] = frozenset()
    wanted: int = 0

    def __str__(self) -> str:
        matched = f" {', '.join(sorted(self.shared))} ({len(self.shared)} of {self.wanted})" if self.wanted else ""
        return f"{self.text}{matched} (+{self.points})"


@dataclass(frozen=True)
class Exclusion:
    code: str
    message: str


def pair_exclusion(applicant: Applicant, coach: CoachProfile) -> Exclusion | None:
    """Why this coach can never take this application, whatever the load; or None."""
    if not coach.active:
        return Exclusion("coach_inactive", "The coach is inactive.")
    if applicant.program not in coach.programs:
        return Exclusion("program_not_served", f"The coach does not serve {applicant.program}.")
    if coach.employee_id == applicant.employee_id:
        return Exclusion("coach_is_the_teacher", "The coach is the applying teacher.")
    return None


def exclusion(applicant: Applicant, coach: CoachProfile, load: int) -> Exclusion | None:
    """`pair_exclusion`, or at capacity given `load` (active pairings plus pending proposals)."""
    if (why := pair_exclusion(applicant, coach)) is not None:
        return why
    if load >= coach.max_active_pairings:
        return Exclusion("coach_at_capacity",
                         f"The coach is at capacity ({load} of {coach.max_active_pairings} taken).")
    return None


def match_reasons(applicant: Applicant, coach: CoachProfile) -> list[Reason]:
    """The points a coach earns for the application itself (everything but capacity)."""
    reasons = []
    if applicant.focus_area in coach.focus_areas:
        reasons.append(Reason(FOCUS_POINTS, f"focus area {applicant.focus_area}"))
    for points, label, wanted, offered in (
            (GRADE_POINTS, "grade bands", applicant.grade_bands, coach.grade_bands),
            (SUBJECT_POINTS, "subjects", applicant.subjects, coach.subjects),
            (SUPPORT_POINTS, "support types", applicant.support_types, coach.support_types)):
        shared = wanted & offered
        if shared:
            reasons.append(Reason(round(points * len(shared) / len(wanted)), label, shared, len(wanted)))
    reasons.append(Reason(PROGRAM_POINTS, f"serves {applicant.program}"))
    return reasons


def match_points(applicant: Applicant, coach: CoachProfile) -> int:
    return sum(reason.points for reason in match_reasons(applicant, coach))


def capacity_reason(remaining: int, capacity: int) -> Reason:
    return Reason(capacity_points(remaining, capacity), f"{remaining} of {capacity} places free")


def capacity_points(remaining: int, capacity: int) -> int:
    return round(CAPACITY_POINTS * remaining / capacity) if capacity > 0 else 0
