"""POST /applications/{id}/withdraw: with a bearer token (JSON), or from the emailed link's page (form)."""
from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from intake import usecases
from intake.schemas import ApplicationSchema
from intake.web import withdraw_page
from peercoach.web.app import context
from peercoach.web.auth import current_principal, require

blp = Blueprint("withdrawals", __name__, description="Withdrawing an application")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@blp.route("/applications/<application_id>/withdraw")
class Withdraw(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.response(200, ApplicationSchema)
    @blp.alt_response(409, description="The application is denied or already withdrawn.")
    def post(self, application_id):
        """Withdraw a submitted or approved application: the coordinator, or the teacher who applied.

        A form post (the page behind the emailed link) carries the link's token and a CSRF token
        instead of an Authorization header, and is answered with an HTML page.
        """
        if request.mimetype in FORM_TYPES:
            return withdraw_page.confirm(application_id)
        return by_bearer(application_id)


@require("coordinator", "teacher")
def by_bearer(application_id):
    return usecases.withdraw(context().db, current_principal(), application_id)
