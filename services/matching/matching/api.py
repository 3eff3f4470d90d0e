"""The JSON API of matching."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import select

from matching.models import Review
from peercoach.web.app import context
from peercoach.web.auth import require

blp = Blueprint("reviews", __name__, description="The panel's reviews of applications")


class ReviewSchema(Schema):
    id = fields.String()
    application_id = fields.String()
    program = fields.String()
    status = fields.String()


class ReviewQuery(Schema):
    status = fields.String(load_default="pending")


@blp.route("/reviews")
class Reviews(MethodView):
    @require("coordinator")
    @blp.arguments(ReviewQuery, location="query")
    @blp.response(200, ReviewSchema(many=True))
    def get(self, query):
        with context().db.transaction() as session:
            return session.scalars(select(Review).where(Review.status == query["status"])).all()
