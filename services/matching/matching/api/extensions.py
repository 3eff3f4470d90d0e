"""Extensions of a pairing's hours: requested by its coach or the coordinator, decided by the coordinator."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from matching.api.inputs import amount, text
from matching.models import Extension
from matching.pairing_changes import decide_extension, request_extension, visible_pairing
from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.paging import PageQuery, page_schema, paged, split

blp = Blueprint("extensions", __name__, description="Extensions of a pairing's approved hours")


class ExtensionSchema(Schema):
    id = fields.String(dump_only=True)
    pairing_id = fields.String(dump_only=True)
    hours = amount(min=0, min_inclusive=False, required=True)
    reason = text(2000, shortest=1, required=True)
    requested_by = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    requested_at = fields.DateTime(dump_only=True)
    decided_at = fields.DateTime(dump_only=True, allow_none=True)


class ExtensionDecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(("approve", "deny")))


class ExtensionQuery(PageQuery):
    status = fields.String(load_default="pending", validate=validate.OneOf(("pending", "approved", "denied")))


@blp.route("/pairings/<pairing_id>/extensions")
class PairingExtensions(MethodView):
    @require("coordinator", "coach")
    @blp.response(200, ExtensionSchema(many=True))
    def get(self, pairing_id):
        with context().db.transaction() as session:
            pairing = visible_pairing(session, pairing_id)
            return session.scalars(select(Extension).where(Extension.pairing_id == pairing.id)
                                   .order_by(Extension.requested_at)).all()

    @require("coordinator", "coach")
    @blp.arguments(ExtensionSchema)
    @blp.response(201, ExtensionSchema)
    def post(self, data, pairing_id):
        with context().db.transaction() as session:
            return request_extension(session, pairing_id, data["hours"], data["reason"])


@blp.route("/extensions")
class Extensions(MethodView):
    @require("coordinator")
    @blp.arguments(ExtensionQuery, location="query")
    @blp.response(200, page_schema(ExtensionSchema))
    def get(self, query):
        """Oldest request first, a page at a time."""
        filters, paging = split(query)
        with context().db.transaction() as session:
            return paged(session, select(Extension).where(Extension.status == filters["status"])
                         .order_by(Extension.requested_at, Extension.id), **paging)


@blp.route("/extensions/<extension_id>/decision")
class ExtensionDecision(MethodView):
    @require("coordinator")
    @blp.arguments(ExtensionDecisionSchema)
    @blp.response(200, ExtensionSchema)
    def post(self, data, extension_id):
        with context().db.transaction() as session:
            return decide_extension(session, extension_id, data["decision"] == "approve")
