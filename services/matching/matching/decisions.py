"""The panel's decision on a review: exactly one decision wins, and approval respects capacity.

The review is claimed with a conditional UPDATE (`... WHERE status = 'pending'`): a second
coordinator deciding at the same time waits for the first to commit, then finds nothing to
claim (409). On approval the coach's row is locked (SELECT ... FOR UPDATE) before its load is
counted, so concurrent approvals for one coach cannot overfill it.
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask_smorest import abort
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from matching import audit, payloads, rules
from matching.db import outbox
from matching.models import Coach, Pairing, Review
from matching.profiles import applicant, coach_profile, loads
from matching.scoring import exclusion


def decide(session: Session, review_id: str, decision: dict) -> Review:
    review = session.get(Review, review_id)
    if review is None:
        abort(404, message="No review with this id.")
    _ensure_pending(review)
    if decision["decision"] == "deny":
        return deny(session, review, decision["reason"])
    return approve(session, review, decision)


def deny(session: Session, review: Review, reason: str) -> Review:
    _claim(session, review, "denied", decision_reason=reason)
    outbox.record(session, "application.denied", payloads.denied(review))
    audit.record(session, "application.denied", review_id=review.id, application_id=review.application_id)
    return review


def approve(session: Session, review: Review, decision: dict) -> Review:
    funding = decision.get("funding")
    try:
        terms = rules.approval_terms(
            review.program, review.referral, decision.get("hours_approved"), decision.get("release_half_days"),
            (funding["federation_pct"], funding["district_pct"]) if funding else None, decision.get("account_code"))
    except rules.RuleViolation as violation:
        abort(422, message="The approval breaks the program's rules.", errors=violation.errors)
    if session.get(Coach, decision["coach_id"]) is None:
        abort(422, message="Unknown coach.", errors={"coach_id": ["No coach with this id is on the roster."]})
    _claim(session, review, "approved")
    coach = _locked_eligible_coach(session, review, decision["coach_id"])
    pairing = Pairing(
        review_id=review.id, application_id=review.application_id, coach_id=coach.id, program=review.program,
        referral=review.referral, teacher=review.teacher, learning_partner=review.learning_partner,
        hours_approved=terms.hours_approved, release_half_days=terms.release_half_days,
        federation_pct=terms.federation_pct, district_pct=terms.district_pct, account_code=terms.account_code,
        started_on=decision.get("starts_on") or datetime.now(timezone.utc).date())
    session.add(pairing)
    session.flush()
    review.pairing_id = pairing.id
    outbox.record(session, "application.approved", payloads.approved(review, pairing))
    outbox.record(session, "pairing.created", payloads.pairing_created(pairing, coach), version=2)
    audit.record(session, "application.approved", pairing.id, review_id=review.id,
                 application_id=review.application_id, coach_id=coach.id,
                 hours_approved=payloads.amount(pairing.hours_approved))
    return review


def _ensure_pending(review: Review) -> None:
    if review.status != "pending":
        abort(409, message=f"The review is {review.status}, no longer pending.", code="review_not_pending")


def _claim(session: Session, review: Review, status: str, **values) -> None:
    claimed = session.execute(
        update(Review).where(Review.id == review.id, Review.status == "pending")
        .values(status=status, decided_at=datetime.now(timezone.utc), **values)
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        abort(409, message="Another decision on this review was recorded first.", code="review_not_pending")
    session.refresh(review)


def _locked_eligible_coach(session: Session, review: Review, coach_id: str) -> Coach:
    coach = session.scalars(select(Coach).where(Coach.id == coach_id)
                            .with_for_update().execution_options(populate_existing=True)).one()
    taken = loads(session, coach_id=coach.id, without_review=review.id).get(coach.id, 0)
    why = exclusion(applicant(review), coach_profile(coach), taken)
    if why is not None:
        abort(409, message=why.message, code=why.code)
    return coach
