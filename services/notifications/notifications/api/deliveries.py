"""`GET /notifications?recipient=` and `POST /notifications/{id}/resend` (admin)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from notifications.deliveries import pending_resend, requeue
from notifications.models import STATES, Delivery
from peercoach.refusals import Conflict, NotFound
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
        statement = select(Delivery)
        if "recipient" in query:
            statement = statement.where(func.lower(Delivery.recipient) == query["recipient"].lower())
        if "state" in query:
            statement = statement.where(Delivery.state == query["state"])
        with context().db.transaction() as session:
            pagination_parameters.item_count = session.scalar(
                select(func.count()).select_from(statement.subquery()))
            return session.scalars(
                statement.order_by(Delivery.created_at.desc(), Delivery.id)
                .offset(pagination_parameters.first_item).limit(pagination_parameters.page_size)).all()


@blp.route("/notifications/<delivery_id>/resend")
class Resend(MethodView):
    @require("admin")
    @blp.response(202, DeliverySchema)
    def post(self, delivery_id):
        """Send a sent or failed email again, as a new delivery recorded beside the first."""
        try:
            with context().db.transaction() as session:
                original = session.get(Delivery, delivery_id)
                if original is None:
                    raise NotFound(f"No email {delivery_id} in the delivery log.")
                if pending_resend(session, original):
                    raise Conflict("This email is already queued to be sent.", "already_queued")
                return requeue(session, original)
        except IntegrityError:
            raise Conflict("This email is already queued to be sent.", "already_queued")
