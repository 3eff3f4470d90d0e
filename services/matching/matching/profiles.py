"""From stored rows to the pure scoring profiles, and how loaded each coach is."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matching.models import Coach, Pairing, Review
from matching.scoring import Applicant, CoachProfile, grade_bands, words


def applicant(review: Review) -> Applicant:
    teacher = review.teacher or {}
    return Applicant(
        key=review.id, program=review.program, employee_id=teacher.get("employee_id", ""),
        focus_area=review.focus_area or "", grade_bands=grade_bands(teacher.get("grade_levels", [])),
        subjects=words(teacher.get("subjects", [])), support_types=frozenset(review.support_types),
        requested_coach_id=review.requested_coach_id)


def coach_profile(coach: Coach) -> CoachProfile:
    return CoachProfile(
        id=coach.id, employee_id=coach.employee_id, active=coach.active, programs=frozenset(coach.programs),
        focus_areas=frozenset(coach.focus_areas), grade_bands=grade_bands(coach.grade_levels),
        subjects=words(coach.subjects), support_types=frozenset(coach.support_types),
        max_active_pairings=coach.max_active_pairings)


def roster(session: Session) -> list[CoachProfile]:
    return [coach_profile(coach) for coach in session.scalars(select(Coach).order_by(Coach.id))]


def loads(session: Session, with_proposals: bool = True, coach_id: str | None = None,
          without_review: str | None = None) -> dict[str, int]:
    """Places taken per coach (or just `coach_id`): active pairings, plus the proposals on pending
    reviews other than `without_review`."""
    active = select(Pairing.coach_id, func.count()).where(Pairing.status == "active")
    proposed = select(Review.proposed_coach_id, func.count()).where(
        Review.status == "pending", Review.proposed_coach_id.is_not(None), Review.id != (without_review or ""))
    if coach_id is not None:
        active = active.where(Pairing.coach_id == coach_id)
        proposed = proposed.where(Review.proposed_coach_id == coach_id)
    taken: dict[str, int] = dict(session.execute(active.group_by(Pairing.coach_id)).all())
    if with_proposals:
        for coach, count in session.execute(proposed.group_by(Review.proposed_coach_id)):
            taken[coach] = taken.get(coach, 0) + count
    return taken
