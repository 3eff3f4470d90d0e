"""Billing statements per payer and month."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort

from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from timesheets import statements
from timesheets.api.schemas import StatementOut, StatementQuery

blp = Blueprint("billing", __name__, description="What each payer owes")


@blp.route("/billing/statements")
class Statements(MethodView):
    @require("finance", "coordinator")
    @blp.arguments(StatementQuery, location="query")
    @blp.response(200, StatementOut)
    def get(self, query):
        """Finance reads its own payer's statement only (and, when scoped to districts, only their
        lines); the coordinator reads both, every district."""
        principal = current_principal()
        if principal.role == "finance" and principal.payer != query["payer"]:
            abort(403, message=f"This token may read the {principal.payer} statement only.")
        with context().db.transaction() as session:
            return statements.statement(session, query["payer"], query["period"], principal.districts)
