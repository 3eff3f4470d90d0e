"""Roles granted by email (admin): list, grant, revoke. Each change is audited and announced to every
service (`role.granted`, `role.revoked`), which honours it from the event on."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from matching.usecases import grants
from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import Timestamp, text
from peercoach.web.grants import GRANTABLE

blp = Blueprint("grants", __name__, description="Roles an admin grants by email, for providers that send no role claim")


class GrantSchema(Schema):
    id = fields.String(dump_only=True)
    email = fields.Email(required=True, validate=validate.Length(max=254))
    role = fields.String(required=True, validate=validate.OneOf(GRANTABLE))
    districts = fields.List(text(40, shortest=1), load_default=list, validate=validate.Length(max=50),
                            metadata={"description": "for finance:district only: the districts it may read"})
    granted_at = Timestamp(dump_only=True)
    granted_by = fields.String(dump_only=True)

    @staticmethod
    def openapi_constraints() -> dict:
        """Only a finance officer of the district payer is limited to districts."""
        return {"anyOf": [{"properties": {"role": {"enum": ["finance:district"]}}},
                          {"properties": {"districts": {"maxItems": 0}}}]}

    @validates_schema
    def districts_for_district_finance_only(self, data, **_):
        if data.get("districts") and data.get("role") != "finance:district":
            raise ValidationError("Only a finance officer of the district payer is limited to districts.",
                                  "districts")


@blp.route("/grants")
class Grants(MethodView):
    @require("admin")
    @blp.response(200, GrantSchema(many=True))
    def get(self):
        """Every current grant, by email then role."""
        with context().db.transaction() as session:
            return grants.listed(session)

    @require("admin")
    @blp.arguments(GrantSchema)
    @blp.response(201, GrantSchema)
    @blp.alt_response(409, description="that email holds that role already")
    def post(self, data):
        """Grant a role to whoever signs in with this email (as their provider verifies it)."""
        with context().db.transaction() as session:
            return grants.grant(session, current_principal(), data["email"], data["role"],
                                tuple(data["districts"]))


@blp.route("/grants/<grant_id>")
class Grant(MethodView):
    @require("admin")
    @blp.response(204)
    @blp.alt_response(404, description="no such grant")
    def delete(self, grant_id):
        """Revoke a grant: every service stops honouring it once the event arrives."""
        with context().db.transaction() as session:
            grants.revoke(session, current_principal(), grant_id)
