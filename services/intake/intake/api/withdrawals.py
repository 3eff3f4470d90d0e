"""/applications/{id}/withdraw: GET is the emailed link's page; POST withdraws, with a bearer token (JSON) or
from that page (form)."""
from __future__ import annotations

from flask import request
from flask.views import MethodView

from intake import usecases
from intake.schemas import ApplicationSchema
from intake.web import withdraw_page
from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint

blp = Blueprint("withdrawals", __name__, description="Withdrawing an application")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
HTML = {"text/html": {"schema": {"type": "string"}}}


@blp.route("/applications/<application_id>/withdraw")
class Withdraw(MethodView):
    @blp.doc(security=[], parameters=[{
        "in": "query", "name": "token", "required": False, "schema": {"type": "string"},
        "description": "The emailed link's token (a bearer token is not accepted here)."}], responses={
        "200": {"description": "The application and a button whose form post withdraws it", "content": HTML},
        "4XX": {"description": "A page saying why the link opens nothing (not valid, expired, another's)",
                "content": HTML}})
    def get(self, application_id):
        """The page behind the emailed withdraw link (HTML): it only shows a button, since mail scanners
        follow links; the button's form post (below) withdraws."""
        return withdraw_page.show(application_id)

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
