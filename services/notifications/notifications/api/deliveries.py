"""`GET /notifications?recipient=` and `POST /notifications/{id}/resend` (admin)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from notifications import usecases
from notifications.models import STATES
from peercoach.web.app import context
from peercoach.web.auth import require

blp = Blueprint("notifications", __name__, description="The delivery log of emails")


class DeliverySchema(Schema):
    id = fields.String()
    event_id = fields.String()
    event_type = fields.String()
    recipient = fields.String()
    template = fields.String()
    subject = fields.String()
    state = fields.String(metadata={"description": "queued, sent or failed"})
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    resend_of = fields.String(allow_none=True, metadata={"description": "the delivery this one resends"})
    created_at = fields.DateTime()
    next_attempt_at = fields.DateTime()
    sent_at = fields.DateTime(allow_none=True)


class DeliveryQuery(Schema):
    recipient = fields.Email(metadata={"description": "only emails to this address (any letter case)"})
    state = fields.String(validate=validate.OneOf(STATES), metadata={"description": "only emails in this state"})


@blp.route("/notifications")
class Notifications(MethodView):
    @require("admin")
    @blp.arguments(DeliveryQuery, location="query")
    @blp.response(200, DeliverySchema(many=True))
    @blp.paginate(page_size=50, max_page_size=500)
    def get(self, query, pagination_parameters):
        """The delivery log, newest first, by recipient and state; paging in the `X-Pagination` header."""
        with context().db.transaction() as session:
            pagination_parameters.item_count, found = usecases.deliveries(
                session, pagination_parameters.first_item, pagination_parameters.page_size, **query)
        return found


@blp.route("/notifications/<delivery_id>/resend")
class Resend(MethodView):
    @require("admin")
    @blp.response(202, DeliverySchema)
    def post(self, delivery_id):
        """Send a sent or failed email again, as a new delivery recorded beside the first."""
        with context().db.transaction() as session:
            return usecases.resend(session, delivery_id)
