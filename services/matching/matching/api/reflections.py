"""Reflections: JSON with a bearer token, or the page behind the emailed link (`?token=`) and its form post."""
from __future__ import annotations

from flask import request
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields

from matching import pages
from matching.participants import PARTICIPANTS
from matching.usecases import reflections
from peercoach.refusals import RuleBroken
from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import Timestamp, text

blp = Blueprint("reflections", __name__, description="Reflections of teacher and coach at the close of a pairing")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
HTML = {"text/html": {"schema": {"type": "string"}}}
PAGE_ERRORS = {"4XX": {"description": "The JSON error, or for the link's page an HTML page saying what went wrong",
                       "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}, **HTML}}}


class ReflectionSchema(Schema):
    id = fields.String(dump_only=True)
    pairing_id = fields.String(dump_only=True)
    author_role = fields.String(dump_only=True)
    text = text(10000, shortest=1, required=True)
    submitted_at = Timestamp(dump_only=True)


class ReflectionFormSchema(Schema):
    token = fields.String(required=True)
    csrf_token = fields.String(required=True)
    text = text(10000, shortest=1, required=True)


@blp.route("/pairings/<pairing_id>/reflections")
class PairingReflections(MethodView):
    @blp.doc(security=[{"bearerAuth": []}], parameters=[{
        "in": "query", "name": "token", "schema": {"type": "string"}, "required": False,
        "description": "The emailed link's token: answers the HTML page with the form instead."}],
        responses=PAGE_ERRORS)
    @blp.response(200, ReflectionSchema(many=True))
    @blp.alt_response(200, schema={"type": "string"}, content_type="text/html", success=True,
                      description="The reflections (JSON); with `?token=`, the page with the form (HTML)")
    def get(self, pairing_id):
        """The pairing's reflections (its teacher, its coach, the coordinator); with `?token=`, the form page."""
        if "token" in request.args:
            return pages.show(pairing_id)
        return listing(pairing_id)

    @blp.doc(security=[{"bearerAuth": []}], requestBody={"required": True, "content": {
        "application/json": {"schema": ReflectionSchema},
        "application/x-www-form-urlencoded": {"schema": ReflectionFormSchema}}}, responses=PAGE_ERRORS)
    @blp.response(201, ReflectionSchema)
    @blp.alt_response(200, schema={"type": "string"}, content_type="text/html", success=True,
                      description="A form post: the page thanking the author")
    @blp.alt_response(409, description="The pairing has not closed yet.")
    def post(self, pairing_id):
        """Send or replace your reflection (the pairing's teacher or coach, once it has closed).

        A form post (the emailed link's page) carries the link's token and a CSRF token and is
        answered with an HTML page.
        """
        if request.mimetype in FORM_TYPES:
            return pages.submit(pairing_id)
        return by_bearer(pairing_id)


@require(*PARTICIPANTS)
def listing(pairing_id):
    with context().db.transaction() as session:
        return reflections.of_pairing(session, current_principal(), pairing_id)


@require(*reflections.AUTHORS)
def by_bearer(pairing_id):
    try:
        data = ReflectionSchema().load(request.get_json(silent=True) or {})
    except ValidationError as error:
        raise RuleBroken("Some fields are missing or invalid.", fields=error.messages)
    with context().db.transaction() as session:
        return reflections.submit(session, current_principal(), pairing_id, data["text"])
