"""`GET /notifications?recipient=` and `POST /notifications/{id}/resend` (admin)."""
from __future__ import annotations

import json

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from notifications import usecases
from notifications.models import STATES
from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import Timestamp

LAST_PAGE = 100_000
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
    created_at = Timestamp()
    next_attempt_at = Timestamp()
    sent_at = Timestamp(allow_none=True)


class DeliveryQuery(Schema):
    recipient = fields.Email(metadata={"description": "only emails to this address (any letter case)"})
    state = fields.String(validate=validate.OneOf(STATES), metadata={"description": "only emails in this state"})
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=LAST_PAGE))
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


PAGINATION = {"X-Pagination": {"description": "The paging, as a JSON object: total, total_pages, first_page, "
                                              "last_page, page, and previous_page and next_page where they exist",
                               "schema": {"type": "string"}}}


def paging(total: int, page: int, page_size: int) -> str:
    """What flask-smorest's pagination header said, for the same clients."""
    pages = -(-total // page_size)
    described = {"total": total, "total_pages": pages}
    if pages:
        described.update(first_page=1, last_page=pages)
        if page <= pages:
            described["page"] = page
            if page > 1:
                described["previous_page"] = page - 1
            if page < pages:
                described["next_page"] = page + 1
    return json.dumps(described)


@blp.route("/notifications")
class Notifications(MethodView):
    @require("admin")
    @blp.arguments(DeliveryQuery, location="query")
    @blp.response(200, DeliverySchema(many=True), headers=PAGINATION)
    def get(self, query):
        """The delivery log, newest first, by recipient and state; paging in the `X-Pagination` header."""
        page, size = query.pop("page"), query.pop("page_size")
        with context().db.transaction() as session:
            total, deliveries = usecases.deliveries(session, (page - 1) * size, size, **query)
        return deliveries, {"X-Pagination": paging(total, page, size)}


@blp.route("/notifications/<delivery_id>/resend")
class Resend(MethodView):
    @require("admin")
    @blp.response(202, DeliverySchema)
    def post(self, delivery_id):
        """Send a sent or failed email again, as a new delivery recorded beside the first."""
        with context().db.transaction() as session:
            return usecases.resend(session, delivery_id)
