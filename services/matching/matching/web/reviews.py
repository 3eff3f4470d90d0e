"""The review queue (`/pages/reviews`) and one review with its suggestions (`/pages/reviews/<id>`)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from matching import rules
from matching.api.review_schemas import STATUSES
from matching.usecases import coaches, reviews
from matching.web.common import PAGE_SIZE, PROGRAM_CHOICES, blueprint, choice, typed_over
from peercoach.events.contracts import PROGRAMS
from peercoach.web.app import context
from peercoach.web.pages import for_roles, page, page_number


def days_waiting(submitted_at: datetime | None) -> int:
    if submitted_at is None:
        return 0
    moment = submitted_at if submitted_at.tzinfo else submitted_at.replace(tzinfo=timezone.utc)
    return (datetime.now(timezone.utc) - moment).days


@blueprint.get("/reviews")
@for_roles("coordinator")
def queue(_principal):
    status, program = choice("status", STATUSES) or "pending", choice("program", PROGRAMS)
    with context().db.transaction() as session:
        found = reviews.reviews_page(session, status, program, page_number(), PAGE_SIZE)
        names = coaches.names(session, [review.requested_coach_id for review in found["items"]])
        rows = [{"review": review, "days": days_waiting(review.submitted_at)} for review in found["items"]]
    return page("coordinator/queue.html", found=found, rows=rows, names=names, shown_status=status, program=program,
                statuses=[(code, code.capitalize()) for code in STATUSES],
                programs=PROGRAM_CHOICES)


def defaults(review) -> dict:
    """A fresh approval form: the requested coach (when eligible) or the proposal, and the program's terms."""
    rule = rules.RULES[review.program]
    funding = rules.default_funding(review.program, review.referral) or (None, None)
    requested = review.requested_coach
    coach_id = requested.coach_id if requested and requested.eligible else review.proposed_coach_id
    return {"coach_id": coach_id, "hours_approved": rule.default_hours, "release_half_days": rule.default_release,
            "federation_pct": funding[0], "district_pct": funding[1], "account_code": "",
            "starts_on": date.today().isoformat()}


def coach_choices(review, names: dict) -> list[tuple[str, str, str]]:
    """The approval's choice of coach: the suggestions, each with its score and reasons."""
    def marks(s) -> str:
        return " (requested)" * s.requested + " (proposed)" * (s.coach_id == review.proposed_coach_id)
    return [(s.coach_id, f"{names.get(s.coach_id, s.coach_id)}: score {s.score}{marks(s)}", "; ".join(s.reasons))
            for s in review.suggestions]


def review_page(review_id: str, errors: dict | None = None, status: int = 200):
    """The review as it stands now; with `errors`, the form as it was typed."""
    with context().db.transaction() as session:
        review = reviews.review(session, review_id)
        decided = reviews.decision_of(session, review_id)
        ids = [s.coach_id for s in review.suggestions] + [e.coach_id for e in review.excluded]
        decided_coach = decided.details.get("coach_id") if decided else None
        names = coaches.names(session, ids + [review.requested_coach_id, review.proposed_coach_id, decided_coach])
    values = typed_over(defaults(review) if review.status == "pending" else {})
    return page("coordinator/review.html", status, review=review, decided=decided, names=names,
                pairing_coach=names.get(decided_coach), values=values, errors=errors or {},
                coach_choices=coach_choices(review, names),
                rule=rules.RULES[review.program], waiting=days_waiting(review.submitted_at))


@blueprint.get("/reviews/<review_id>")
@for_roles("coordinator")
def show(_principal, review_id):
    return review_page(review_id)
