"""Peer support cases: each party's advance agreement to a recipient, and reports released only to those."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matching.participants import PARTICIPANTS
from matching.usecases import disclosure
from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import Timestamp, text, worded


def recipient() -> fields.String:
    """Who a report goes to, as agreed; kept trimmed, so more than spaces."""
    return fields.String(required=True, validate=[worded(), validate.Length(min=1, max=200)])


blp = Blueprint("disclosure", __name__, description="Consent-gated reports of peer support cases (document 003)")


class AgreementSchema(Schema):
    id = fields.String(dump_only=True)
    pairing_id = fields.String(dump_only=True)
    party = fields.String(dump_only=True)
    recipient = recipient()
    president_name = text(200, shortest=1, load_default=None)
    recorded_by = fields.String(dump_only=True)
    agreed_at = Timestamp(dump_only=True)


class ReportSchema(Schema):
    id = fields.String(dump_only=True)
    pairing_id = fields.String(dump_only=True)
    recipient = recipient()
    content = text(20000, shortest=1, required=True)
    released_by = fields.String(dump_only=True)
    released_at = Timestamp(dump_only=True)


@blp.route("/pairings/<pairing_id>/agreements")
class Agreements(MethodView):
    @require(*PARTICIPANTS)
    @blp.response(200, AgreementSchema(many=True))
    def get(self, pairing_id):
        with context().db.transaction() as session:
            return disclosure.agreements(session, current_principal(), pairing_id)

    @require(*PARTICIPANTS)
    @blp.arguments(AgreementSchema)
    @blp.response(201, AgreementSchema)
    def post(self, data, pairing_id):
        """Agree in advance that reports may go to `recipient`: the member (teacher), the consultant (coach),
        or the coordinator on behalf of the local president named in `president_name`."""
        with context().db.transaction() as session:
            return disclosure.agree(session, current_principal(), pairing_id, data["recipient"],
                                    data["president_name"])


@blp.route("/pairings/<pairing_id>/reports")
class Reports(MethodView):
    @require(*PARTICIPANTS)
    @blp.response(200, ReportSchema(many=True))
    def get(self, pairing_id):
        with context().db.transaction() as session:
            return disclosure.reports(session, current_principal(), pairing_id)

    @require("coach")
    @blp.arguments(ReportSchema)
    @blp.response(201, ReportSchema)
    @blp.alt_response(403, description="Not all three parties agreed to this recipient in advance (audited).")
    def post(self, data, pairing_id):
        """Release a report (the consultant): only to a recipient member, local president and consultant agreed to."""
        with context().db.transaction() as session:
            released = disclosure.release(session, current_principal(), pairing_id, data["recipient"], data["content"])
        if isinstance(released, list):
            raise disclosure.not_agreed(released)
        return released
