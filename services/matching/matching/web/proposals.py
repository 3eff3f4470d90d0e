"""Proposals (`/pages/proposals`): run the optimal proposal over every pending review, then accept the
proposed pairs one at a time or all together, each an ordinary decision (`reviews.decide`), so capacity
and a decision made meanwhile are checked as for any approval."""
from __future__ import annotations

from flask import flash, request, url_for

from matching.models import Review
from matching.usecases import reviews
from matching.usecases.proposals import propose_all, proposed
from matching.web.common import blueprint, teacher_name
from peercoach.refusals import Conflict, NotFound, RuleBroken
from peercoach.web.app import context
from peercoach.web.forms import done
from peercoach.web.pages import for_roles, page


@blueprint.get("/proposals")
@for_roles("coordinator")
def proposals(_principal):
    with context().db.transaction() as session:
        found = proposed(session)
        waiting = reviews.reviews_page(session, "pending", page_size=1)["total"]
    return page("coordinator/proposals.html", proposals=found, waiting=waiting)


@blueprint.post("/proposals/run")
@for_roles("coordinator")
def run(_principal):
    with context().db.transaction() as session:
        outcome = propose_all(session)
    left = f"; no coach could take {len(outcome.unassigned)}" if outcome.unassigned else ""
    return done(url_for("coordinator.proposals"),
                f"Proposed a coach for {len(outcome.proposals)} pending reviews{left}.")


def accept(principal, review_id: str, coach_id: str) -> tuple[bool, str]:
    """Approve one proposed pair with the program's default terms; whether it was, and what to tell."""
    with context().db.transaction() as session:
        found = session.get(Review, review_id)
        who = teacher_name(found.teacher) if found else "a review no longer there"
    try:
        with context().db.transaction() as session:
            reviews.decide(session, principal, review_id, {"decision": "approve", "coach_id": coach_id})
    except RuleBroken as refusal:
        if refusal.code == "program_rules":
            return False, f"Not approved, {who}: the program has no default terms; set them on the review."
        return False, f"Not approved, {who}: {refusal.message}"
    except (Conflict, NotFound) as refusal:
        return False, f"Not approved, {who}: {refusal.message}"
    return True, f"Approved: {who} is paired."


@blueprint.post("/proposals/accept")
@for_roles("coordinator")
def accept_one(principal):
    accepted, message = accept(principal, request.form.get("review_id", ""), request.form.get("coach_id", ""))
    return done(url_for("coordinator.proposals"), message, "success" if accepted else "notice")


@blueprint.post("/proposals/accept-all")
@for_roles("coordinator")
def accept_all(principal):
    """Each pair on the page as the coordinator saw it, one decision (and transaction) each."""
    results = [accept(principal, *pair.partition(":")[::2]) for pair in request.form.getlist("proposal")]
    approved = sum(1 for accepted, _message in results if accepted)
    for accepted, message in results:
        if not accepted:
            flash(message, "notice")
    return done(url_for("coordinator.proposals"), f"Approved {approved} of {len(results)} proposals.")


