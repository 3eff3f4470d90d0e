"""The panel's reviews, read with ranked suggestions, and the decision on one: exactly one decision
wins, and approval respects capacity.

The review is claimed with a conditional UPDATE (`... WHERE status = 'pending'`): a second
coordinator deciding at the same time waits for the first to commit, then finds nothing to
claim (409). On approval the coach's row is locked (SELECT ... FOR UPDATE) before its load is
counted, so concurrent approvals for one coach cannot overfill it.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from matching import audit, events, rules
from matching.audit import AuditEntry
from matching.models import Coach, Pairing, Review, outbox
from matching.profiles import applicant, coach_profile, loads
from matching.scoring import exclusion
from matching.suggestions import rankings
from peercoach.principal import Principal
from peercoach.refusals import Conflict, NotFound, RuleBroken
from peercoach.web.paging import paged

DECISIONS = ("application.approved", "application.denied")


def with_suggestions(session: Session, reviews: list[Review]) -> list[Review]:
    ranked = rankings(session, reviews)
    for review in reviews:
        ranking = ranked.get(review.id)
        review.suggestions = ranking.suggestions if ranking else []
        review.requested_coach = ranking.requested if ranking else None
        review.excluded = ranking.excluded if ranking else ()
    return reviews


def reviews(session: Session, status: str) -> list[Review]:
    """The reviews in `status`, oldest first, each with its ranked suggestions."""
    found = session.scalars(select(Review).where(Review.status == status).order_by(Review.submitted_at, Review.id))
    return with_suggestions(session, list(found))


def _queue(status: str, program: str | None) -> Select:
    statement = select(Review).where(Review.status == status).order_by(Review.submitted_at, Review.id)
    return statement if program is None else statement.where(Review.program == program)


def reviews_page(session: Session, status: str = "pending", program: str | None = None, page: int = 1,
                 page_size: int = 20) -> dict:
    """One page of the reviews in `status` (of one program when asked), oldest first, without suggestions."""
    return paged(session, _queue(status, program), page, page_size)


def decision_of(session: Session, review_id: str) -> AuditEntry | None:
    """Who decided the review, when and how (its audit entry), or None while it is undecided."""
    return session.scalars(select(AuditEntry).where(AuditEntry.action.in_(DECISIONS),
                                                    AuditEntry.details["review_id"].as_string() == review_id)
                           .order_by(AuditEntry.at.desc())).first()


def review(session: Session, review_id: str) -> Review:
    found = session.get(Review, review_id)
    if found is None:
        raise NotFound("No review with this id.")
    return with_suggestions(session, [found])[0]


START_WITHIN_A_YEAR = "A pairing starts within a year of today."


def starts_too_far(decision: dict) -> bool:
    """A pairing starts within a year of today: a rule of the day the decision is made, not of its shape."""
    return "starts_on" in decision and abs((decision["starts_on"] - date.today()).days) > 366


def decide(session: Session, principal: Principal, review_id: str, decision: dict) -> Review:
    """Approve (a pairing) or deny a pending review; the review comes back with its suggestions."""
    if decision["decision"] == "approve" and starts_too_far(decision):
        raise RuleBroken(START_WITHIN_A_YEAR, "starts_on_out_of_range", field="starts_on")
    review = session.get(Review, review_id)
    if review is None:
        raise NotFound("No review with this id.")
    _ensure_pending(review)
    if decision["decision"] == "deny":
        deny(session, principal, review, decision["reason"])
    else:
        approve(session, principal, review, decision)
    return with_suggestions(session, [review])[0]


def deny(session: Session, principal: Principal, review: Review, reason: str) -> Review:
    _claim(session, review, "denied", decision_reason=reason)
    outbox.record(session, "application.denied", events.denied(review))
    audit.record(session, principal, "application.denied", review_id=review.id,
                 application_id=review.application_id)
    return review


def approve(session: Session, principal: Principal, review: Review, decision: dict) -> Review:
    funding = decision.get("funding")
    terms = rules.approval_terms(
        review.program, review.referral, decision.get("hours_approved"), decision.get("release_half_days"),
        (funding["federation_pct"], funding["district_pct"]) if funding else None, decision.get("account_code"))
    if session.get(Coach, decision["coach_id"]) is None:
        raise RuleBroken("Unknown coach.", "unknown_coach",
                         fields={"coach_id": ["No coach with this id is on the roster."]})
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
    outbox.record(session, "application.approved", events.approved(review, pairing))
    outbox.record(session, "pairing.created", events.pairing_created(pairing, coach), version=2)
    audit.record(session, principal, "application.approved", pairing.id, review_id=review.id,
                 application_id=review.application_id, coach_id=coach.id,
                 hours_approved=events.amount(pairing.hours_approved))
    return review


def _ensure_pending(review: Review) -> None:
    if review.status != "pending":
        raise Conflict(f"The review is {review.status}, no longer pending.", "review_not_pending")


def _claim(session: Session, review: Review, status: str, **values) -> None:
    claimed = session.execute(
        update(Review).where(Review.id == review.id, Review.status == "pending")
        .values(status=status, decided_at=datetime.now(timezone.utc), **values)
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        raise Conflict("Another decision on this review was recorded first.", "review_not_pending")
    session.refresh(review)


def _locked_eligible_coach(session: Session, review: Review, coach_id: str) -> Coach:
    coach = session.scalars(select(Coach).where(Coach.id == coach_id)
                            .with_for_update().execution_options(populate_existing=True)).one()
    taken = loads(session, coach_id=coach.id, without_review=review.id).get(coach.id, 0)
    why = exclusion(applicant(review), coach_profile(coach), taken)
    if why is not None:
        raise Conflict(why.message, why.code)
    return coach
