"""The panel's decision from the review page: approve with terms, or deny with a reason (one use case,
`reviews.decide`, as the JSON API's). A review someone decided first is a message, not an error."""
from __future__ import annotations

from flask import request, url_for
from marshmallow import ValidationError

from matching.api.review_schemas import DecisionSchema
from matching.usecases import coaches, reviews
from matching.web.common import blueprint, teacher_name
from matching.web.reviews import review_page
from peercoach.labels import label
from peercoach.refusals import Conflict, RuleBroken
from peercoach.web.app import context
from peercoach.web.formats import hours
from peercoach.web.forms import done, errors_of, field_errors
from peercoach.web.pages import for_roles

APPROVAL = ("coach_id", "hours_approved", "release_half_days", "account_code", "starts_on")
FIELDS = frozenset(APPROVAL + ("funding", "federation_pct", "district_pct", "reason"))
NAMES = {"funding.federation_pct": "federation_pct", "funding.district_pct": "district_pct"}


def decision_from(form) -> dict:
    """The JSON body the form stands for; empty fields are left out (the program's default, or missing)."""
    if form.get("decision") != "approve":
        reason = form.get("reason", "").strip()
        return {"decision": "deny", **({"reason": reason} if reason else {})}
    body = {"decision": "approve", **{name: form[name].strip() for name in APPROVAL if form.get(name, "").strip()}}
    shares = {name: form[name].strip() for name in ("federation_pct", "district_pct") if form.get(name, "").strip()}
    if shares:
        body["funding"] = shares
    return body


def outcome(session, review_id: str) -> str:
    """What was decided on the review, and by whom (from its audit entry)."""
    entry = reviews.decision_of(session, review_id)
    review = reviews.review(session, review_id)
    if entry is None:
        return f"This review is {review.status} now; nothing was changed."
    if entry.action == "application.denied":
        return f"{entry.actor} had already denied this review; nothing was changed."
    coach_id = entry.details.get("coach_id")
    coach = coaches.names(session, [coach_id]).get(coach_id, "a coach")
    return (f"{entry.actor} had already approved this review, pairing the teacher with {coach} for "
            f"{hours(entry.details.get('hours_approved', 0))}; nothing was changed.")


@blueprint.post("/reviews/<review_id>/decision")
@for_roles("coordinator")
def decide(principal, review_id):
    try:
        decision = DecisionSchema().load(decision_from(request.form))
        with context().db.transaction() as session:
            review = reviews.decide(session, principal, review_id, decision)
    except ValidationError as error:
        return review_page(review_id, field_errors(error.messages, NAMES), 422)
    except Conflict as refusal:
        if refusal.code != "review_not_pending":
            return review_page(review_id, {"coach_id": [refusal.message]}, 409)
        with context().db.transaction() as session:
            message = outcome(session, review_id)
        return done(url_for("coordinator.show", review_id=review_id), message, "notice")
    except RuleBroken as refusal:
        return review_page(review_id, errors_of(refusal, FIELDS), 422)
    who = teacher_name(review.teacher)
    if review.status == "approved":
        return done(url_for("coordinator.pairing", pairing_id=review.pairing_id),
                    f"Approved: {who} is paired ({label('program', review.program)}).")
    return done(url_for("coordinator.queue"), f"Denied the application of {who}.")

