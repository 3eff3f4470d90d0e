"""The panel's reviews (coordinator): pending ones with ranked suggestions, and the decision."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import abort
from sqlalchemy import select

from matching.api.review_schemas import DecisionSchema, ReviewQuery, ReviewSchema, starts_too_far
from matching.decisions import decide
from matching.models import Review
from matching.suggestions import rankings
from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.blueprint import Blueprint

blp = Blueprint("reviews", __name__, description="The panel's reviews of applications")


def with_suggestions(session, reviews: list[Review]) -> list[Review]:
    ranked = rankings(session, reviews)
    for review in reviews:
        ranking = ranked.get(review.id)
        review.suggestions = ranking.suggestions if ranking else []
        review.requested_coach = ranking.requested if ranking else None
    return reviews


@blp.route("/reviews")
class Reviews(MethodView):
    @require("coordinator")
    @blp.arguments(ReviewQuery, location="query")
    @blp.response(200, ReviewSchema(many=True))
    def get(self, query):
        with context().db.transaction() as session:
            reviews = session.scalars(select(Review).where(Review.status == query["status"])
                                      .order_by(Review.submitted_at, Review.id)).all()
            return with_suggestions(session, list(reviews))


@blp.route("/reviews/<review_id>")
class ReviewById(MethodView):
    @require("coordinator")
    @blp.response(200, ReviewSchema)
    def get(self, review_id):
        with context().db.transaction() as session:
            review = session.get(Review, review_id)
            if review is None:
                abort(404, message="No review with this id.")
            return with_suggestions(session, [review])[0]


@blp.route("/reviews/<review_id>/decision")
class Decision(MethodView):
    @require("coordinator")
    @blp.arguments(DecisionSchema)
    @blp.response(200, ReviewSchema)
    def post(self, decision, review_id):
        """A decision the program's rules refuse is answered 422 with code `program_rules`; a start more
        than a year from today, 422 `starts_on_out_of_range`."""
        if decision["decision"] == "approve" and starts_too_far(decision):
            abort(422, message="A pairing starts within a year of today.", code="starts_on_out_of_range",
                  errors={"starts_on": ["A pairing starts within a year of today."]})
        with context().db.transaction() as session:
            return with_suggestions(session, [decide(session, review_id, decision)])[0]
