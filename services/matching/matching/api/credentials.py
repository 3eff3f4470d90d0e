"""Machine credentials (admin): create (the secret is in this one answer only), list with last use, revoke."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matching.usecases import credentials
from peercoach.web.app import context
from peercoach.web.auth import PAYERS, current_principal, require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import query_flag, text, worded
from peercoach.web.paging import PageQuery, page_schema

blp = Blueprint("credentials", __name__, description=(
    "Machine credentials: a secret an integration sends as `Authorization: Bearer <secret>`, acting as "
    "payroll or as finance of one payer"))


class CredentialIn(Schema):
    name = fields.String(required=True, validate=[worded(), validate.Length(min=1, max=100)])
    role = fields.String(required=True, validate=validate.OneOf(credentials.ROLES))
    payer = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(PAYERS))
    districts = fields.List(text(100, shortest=1), load_default=list,
                            validate=validate.Length(max=credentials.MAX_DISTRICTS))

    @staticmethod
    def openapi_constraints() -> dict:
        """Payroll has no payer; finance has one; only the district payer's is limited to districts."""
        none = {"maxItems": 0}
        return {"anyOf": [
            {"properties": {"role": {"enum": ["payroll"]}, "payer": {"enum": [None]}, "districts": none}},
            {"properties": {"role": {"enum": ["finance"]}, "payer": {"enum": ["federation"]}, "districts": none},
             "required": ["payer"]},
            {"properties": {"role": {"enum": ["finance"]}, "payer": {"enum": ["district"]}}, "required": ["payer"]}]}


class CredentialSchema(Schema):
    id = fields.String()
    name = fields.String()
    role = fields.String()
    payer = fields.String(allow_none=True)
    districts = fields.List(fields.String())
    created_at = fields.AwareDateTime()
    created_by = fields.String(allow_none=True)
    revoked_at = fields.AwareDateTime(allow_none=True)
    last_used_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "The latest call made with it in any service (noted at most once a minute)."})
    active = fields.Boolean()


class CreatedSchema(CredentialSchema):
    secret = fields.String(metadata={"description": "Shown in this answer only: it is not kept, only its hash."})


class CredentialQuery(PageQuery):
    active = query_flag()


@blp.route("/credentials")
class Credentials(MethodView):
    @require("admin")
    @blp.arguments(CredentialQuery, location="query")
    @blp.response(200, page_schema(CredentialSchema))
    def get(self, query):
        """Active credentials first, then newest first; filter by `active`."""
        with context().db.transaction() as session:
            return credentials.listing(session, **query)

    @require("admin")
    @blp.arguments(CredentialIn)
    @blp.response(201, CreatedSchema)
    def post(self, data):
        """Create a credential: the answer holds its secret, which is never shown again."""
        with context().db.transaction() as session:
            created = credentials.create(session, current_principal(), **data)
        return {**created.credential, "secret": created.secret}


@blp.route("/credentials/<credential_id>")
class CredentialById(MethodView):
    @require("admin")
    @blp.response(200, CredentialSchema)
    def delete(self, credential_id):
        """Revoke the credential (every service refuses it once the event arrives); others are untouched."""
        with context().db.transaction() as session:
            return credentials.revoke(session, credential_id)
