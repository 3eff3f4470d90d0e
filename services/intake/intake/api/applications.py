"""POST /applications (public), GET /applications and GET /applications/{id}."""
from __future__ import annotations

import functools
from datetime import timedelta

from flask import current_app, jsonify, request
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from werkzeug.exceptions import BadRequest

from intake import records, submission
from intake.api import refuse
from intake.refusals import Refused
from intake.schemas import ApplicationInSchema, ApplicationSchema, ListQuerySchema, PageSchema
from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.idempotency import KeyHeaderSchema

blp = Blueprint("applications", __name__, description="Applications to a coaching program")


def json_only(view):
    """415 for a body not declared as JSON, 400 for one that does not parse (before validation)."""
    @functools.wraps(view)
    def checked(*args, **kwargs):
        if not request.is_json:
            abort(415, message="Send the application as JSON with Content-Type: application/json.")
        try:
            request.get_json()
        except BadRequest:
            abort(400, message="The body is not valid JSON.", code="invalid_json")
        return view(*args, **kwargs)
    return checked


def key_ttl() -> timedelta:
    return timedelta(hours=current_app.config["IDEMPOTENCY_KEY_HOURS"])


@blp.route("/applications")
class Applications(MethodView):
    @json_only
    @blp.arguments(KeyHeaderSchema, location="headers")
    @blp.arguments(ApplicationInSchema)
    @blp.response(201, ApplicationSchema, description="The application was created.")
    @blp.alt_response(200, schema=ApplicationSchema, description=(
        "Nothing new was created: a repeat. Either the same Idempotency-Key and body as an earlier "
        "request (the application it led to is given again), or, without a key, a double submit: "
        "the very same body (every field) was posted within the last 10 minutes and that "
        "application is still submitted; the answer is that application. A post that differs in "
        "anything is a new application."))
    def post(self, headers, data):
        """Apply to a coaching program (no token: web forms post here).

        Each invalid or ineligible field is named in `error.fields` (422). An `Idempotency-Key`
        header makes a repeat with the same body answer with the same application; the same key
        with a different body is refused (422, code `idempotency_key_reused`). Keys are
        remembered for `IDEMPOTENCY_KEY_HOURS` (24 by default), without the body. A request that
        fails validation is not remembered under its key. `reason_details` stays in intake: it
        is in no event.
        """
        try:
            answer = submission.submit(context().db, data, headers.get("idempotency_key"), key_ttl())
        except Refused as refusal:
            refuse(refusal)
        response = jsonify(answer.body)
        response.status_code = answer.status_code
        return response

    @require("coordinator")
    @blp.arguments(ListQuerySchema, location="query")
    @blp.response(200, PageSchema)
    def get(self, query):
        """Applications, oldest first, filtered by status and program, a page at a time (coordinator)."""
        with context().db.transaction() as session:
            return records.page(session, **query)


@blp.route("/applications/<application_id>")
class ApplicationById(MethodView):
    @require("coordinator", "teacher")
    @blp.response(200, ApplicationSchema)
    def get(self, application_id):
        """One application: the coordinator, or the teacher who applied (token sub = employee id)."""
        try:
            with context().db.transaction() as session:
                return records.visible(session, application_id, current_principal())
        except Refused as refusal:
            refuse(refusal)
