"""The JSON API of notifications: the delivery log for operators."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import select

from notifications.models import Delivery
from peercoach.web.app import context
from peercoach.web.auth import require

blp = Blueprint("notifications", __name__, description="The delivery log of emails")


class DeliverySchema(Schema):
    id = fields.String()
    event_id = fields.String()
    recipient = fields.String()
    template = fields.String()
    subject = fields.String()
    state = fields.String()
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    sent_at = fields.DateTime(allow_none=True)


class DeliveryQuery(Schema):
    recipient = fields.String()


@blp.route("/notifications")
class Notifications(MethodView):
    @require("admin")
    @blp.arguments(DeliveryQuery, location="query")
    @blp.response(200, DeliverySchema(many=True))
    def get(self, query):
        statement = select(Delivery).order_by(Delivery.created_at)
        if "recipient" in query:
            statement = statement.where(Delivery.recipient == query["recipient"])
        with context().db.transaction() as session:
            return session.scalars(statement).all()
