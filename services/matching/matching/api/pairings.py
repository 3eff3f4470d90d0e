"""Pairings: the coordinator sees all, a coach their own; the coordinator closes one."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matching.usecases import pairings
from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import text
from peercoach.web.paging import PageQuery, page_schema

blp = Blueprint("pairings", __name__, description="Teacher and coach pairings")


class PairingFundingSchema(Schema):
    federation_pct = fields.Decimal(as_string=True)
    district_pct = fields.Decimal(as_string=True)


class PairingSchema(Schema):
    id = fields.String()
    review_id = fields.String()
    application_id = fields.String()
    coach_id = fields.String()
    program = fields.String()
    referral = fields.String()
    teacher = fields.Dict()
    learning_partner = fields.Dict(allow_none=True)
    hours_approved = fields.Decimal(as_string=True)
    release_half_days = fields.Integer()
    funding = fields.Function(lambda p: PairingFundingSchema().dump(p))
    account_code = fields.String()
    status = fields.String()
    started_on = fields.Date()
    closed_on = fields.Date(allow_none=True)


class PairingQuery(PageQuery):
    status = fields.String(validate=validate.OneOf(("active", "closed")))
    coach_id = text(36)


@blp.route("/pairings")
class Pairings(MethodView):
    @require("coordinator", "coach")
    @blp.arguments(PairingQuery, location="query")
    @blp.response(200, page_schema(PairingSchema))
    def get(self, query):
        """Newest first, a page at a time; a coach sees only their own."""
        with context().db.transaction() as session:
            return pairings.pairings_page(session, current_principal(), **query)


@blp.route("/pairings/<pairing_id>")
class PairingById(MethodView):
    @require("coordinator", "coach", "teacher")
    @blp.response(200, PairingSchema)
    def get(self, pairing_id):
        with context().db.transaction() as session:
            return pairings.visible_pairing(session, current_principal(), pairing_id)


@blp.route("/pairings/<pairing_id>/close")
class ClosePairing(MethodView):
    @require("coordinator")
    @blp.response(200, PairingSchema)
    def post(self, pairing_id):
        with context().db.transaction() as session:
            return pairings.close(session, current_principal(), pairing_id)
