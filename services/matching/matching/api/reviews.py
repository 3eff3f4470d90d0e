"""The panel's reviews (coordinator): pending ones with ranked suggestions, and the decision."""
from __future__ import annotations

from flask.views import MethodView

from matching.api.review_schemas import DecisionSchema, ReviewQuery, ReviewSchema
from matching.usecases import reviews
from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint

blp = Blueprint("reviews", __name__, description="The panel's reviews of applications")


@blp.route("/reviews")
class Reviews(MethodView):
    @require("coordinator")
    @blp.arguments(ReviewQuery, location="query")
    @blp.response(200, ReviewSchema(many=True))
    def get(self, query):
        with context().db.transaction() as session:
            return reviews.reviews(session, query["status"])


@blp.route("/reviews/<review_id>")
class ReviewById(MethodView):
    @require("coordinator")
    @blp.response(200, ReviewSchema)
    def get(self, review_id):
        with context().db.transaction() as session:
            return reviews.review(session, review_id)


@blp.route("/reviews/<review_id>/decision")
class Decision(MethodView):
    @require("coordinator")
    @blp.arguments(DecisionSchema)
    @blp.response(200, ReviewSchema)
    def post(self, decision, review_id):
        """A decision the program's rules refuse is answered 422 with code `program_rules`; a start more
        than a year from today, 422 `starts_on_out_of_range`."""
        with context().db.transaction() as session:
            return reviews.decide(session, current_principal(), review_id, decision)
