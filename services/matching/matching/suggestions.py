"""Ranked suggestions for pending reviews, computed from the roster and loads as they are now."""
from __future__ import annotations

from sqlalchemy.orm import Session

from matching.models import Review
from matching.profiles import applicant, loads, roster
from matching.ranking import Ranking, rank


def rankings(session: Session, reviews: list[Review]) -> dict[str, Ranking]:
    """Each pending review's ranking; a review's own proposal does not count against its coach."""
    pending = [review for review in reviews if review.status == "pending"]
    if not pending:
        return {}
    coaches, taken = roster(session), loads(session)
    return {review.id: rank(applicant(review), coaches, _without_own_proposal(taken, review)) for review in pending}


def _without_own_proposal(taken: dict[str, int], review: Review) -> dict[str, int]:
    if review.proposed_coach_id is None:
        return taken
    return {**taken, review.proposed_coach_id: taken.get(review.proposed_coach_id, 1) - 1}
