"""Propose a coach for every pending review at once (suggestions until a coordinator decides)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.assignment import Proposal, propose
from matching.models import Review
from matching.profiles import applicant, loads, roster


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
