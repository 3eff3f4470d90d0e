"""Extensions of a pairing's hours: requested by its coach or the coordinator, decided by the coordinator."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matching.api.inputs import amount
from matching.usecases import pairings
from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import Timestamp, text
from peercoach.web.paging import PageQuery, page_schema

blp = Blueprint("extensions", __name__, description="Extensions of a pairing's approved hours")


class ExtensionSchema(Schema):
    id = fields.String(dump_only=True)
    pairing_id = fields.String(dump_only=True)
    hours = amount(positive=True, required=True)
    reason = text(2000, shortest=1, required=True)
    requested_by = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    requested_at = Timestamp(dump_only=True)
    decided_at = Timestamp(dump_only=True, allow_none=True)


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
            return pairings.extensions_of(session, current_principal(), pairing_id)

    @require("coordinator", "coach")
    @blp.arguments(ExtensionSchema)
    @blp.response(201, ExtensionSchema)
    def post(self, data, pairing_id):
        with context().db.transaction() as session:
            return pairings.request_extension(session, current_principal(), pairing_id, data["hours"],
                                              data["reason"])


@blp.route("/extensions")
class Extensions(MethodView):
    @require("coordinator")
    @blp.arguments(ExtensionQuery, location="query")
    @blp.response(200, page_schema(ExtensionSchema))
    def get(self, query):
        """Oldest request first, a page at a time."""
        with context().db.transaction() as session:
            return pairings.extensions_page(session, **query)


@blp.route("/extensions/<extension_id>/decision")
class ExtensionDecision(MethodView):
    @require("coordinator")
    @blp.arguments(ExtensionDecisionSchema)
    @blp.response(200, ExtensionSchema)
    def post(self, data, extension_id):
        with context().db.transaction() as session:
            return pairings.decide_extension(session, current_principal(), extension_id,
                                             data["decision"] == "approve")
