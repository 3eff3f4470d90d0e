"""Propose a coach for every pending review at once (suggestions until a coordinator decides)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.assignment import Proposal, propose
from matching.models import Coach, Review
from matching.profiles import applicant, coach_profile, loads, roster
from matching.scoring import match_reasons


@dataclass(frozen=True)
class Outcome:
    proposals: dict[str, Proposal]
    unassigned: list[str]

    @property
    def total_score(self) -> int:
        return sum(proposal.score for proposal in self.proposals.values())


def propose_all(session: Session) -> Outcome:
    """Replace every pending review's proposal with the optimal one given the active pairings."""
    pending = list(session.scalars(select(Review).where(Review.status == "pending")
                                   .order_by(Review.submitted_at, Review.id).with_for_update()))
    proposals = propose([applicant(review) for review in pending], roster(session),
                        loads(session, with_proposals=False))
    for review in pending:
        proposal = proposals.get(review.id)
        review.proposed_coach_id = proposal.coach_id if proposal else None
        review.proposed_score = proposal.score if proposal else None
    return Outcome(proposals, [review.id for review in pending if review.id not in proposals])


@dataclass(frozen=True)
class Proposed:
    """A pending review's current proposal, with the reasons for its score."""
    review: Review
    coach: Coach
    score: int
    reasons: tuple[str, ...]


def proposed(session: Session) -> list[Proposed]:
    """Every pending review that has a proposal, oldest first: the match points earned, and the rest of the
    score for the coach's free places as the proposal counted them."""
    found = session.execute(select(Review, Coach).join(Coach, Coach.id == Review.proposed_coach_id)
                            .where(Review.status == "pending").order_by(Review.submitted_at, Review.id))
    result = []
    for review, coach in found:
        reasons = match_reasons(applicant(review), coach_profile(coach))
        places = review.proposed_score - sum(reason.points for reason in reasons)
        result.append(Proposed(review, coach, review.proposed_score,
                               tuple(str(reason) for reason in reasons) + (f"free places (+{places})",)))
    return result
