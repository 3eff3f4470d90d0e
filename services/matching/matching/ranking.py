"""Ranked suggestions for one application, the requested coach first when eligible. Pure."""
from __future__ import annotations

from dataclasses import dataclass

from matching.scoring import Applicant, CoachProfile, capacity_reason, exclusion, match_reasons


@dataclass(frozen=True)
class Suggestion:
    coach_id: str
    score: int
    reasons: tuple[str, ...]
    requested: bool


@dataclass(frozen=True)
class RequestedCoach:
    coach_id: str
    eligible: bool
    code: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class Excluded:
    """A coach who cannot take the application now, and why (an exclusion's code and message)."""
    coach_id: str
    code: str
    message: str


@dataclass(frozen=True)
class Ranking:
    suggestions: tuple[Suggestion, ...]
    requested: RequestedCoach | None
    excluded: tuple[Excluded, ...] = ()


def suggest(applicant: Applicant, coach: CoachProfile, load: int) -> Suggestion:
    reasons = match_reasons(applicant, coach)
    reasons.append(capacity_reason(max(coach.max_active_pairings - load, 0), coach.max_active_pairings))
    return Suggestion(coach.id, sum(r.points for r in reasons), tuple(str(r) for r in reasons),
                      coach.id == applicant.requested_coach_id)


def rank(applicant: Applicant, coaches: list[CoachProfile], loads: dict[str, int], limit: int = 10) -> Ranking:
    """The best `limit` eligible coaches by score (ties by id), the requested one first if eligible; and
    every coach excluded, with why."""
    eligible, excluded = [], []
    for coach in coaches:
        why = exclusion(applicant, coach, loads.get(coach.id, 0))
        if why is None:
            eligible.append(suggest(applicant, coach, loads.get(coach.id, 0)))
        else:
            excluded.append(Excluded(coach.id, why.code, why.message))
    eligible.sort(key=lambda s: (not s.requested, -s.score, s.coach_id))
    return Ranking(tuple(eligible[:limit]), _requested(applicant, coaches, loads), tuple(excluded))


def _requested(applicant: Applicant, coaches: list[CoachProfile], loads: dict[str, int]) -> RequestedCoach | None:
    wanted = applicant.requested_coach_id
    if wanted is None:
        return None
    coach = next((c for c in coaches if c.id == wanted), None)
    if coach is None:
        return RequestedCoach(wanted, False, "unknown_coach", "No coach with this id is on the roster.")
    why = exclusion(applicant, coach, loads.get(coach.id, 0))
    if why is None:
        return RequestedCoach(wanted, True)
    return RequestedCoach(wanted, False, why.code, why.message)
