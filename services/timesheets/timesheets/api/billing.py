"""Billing statements per payer and month."""
from __future__ import annotations

from flask.views import MethodView

from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from timesheets.api.schemas import StatementOut, StatementQuery
from timesheets.usecases import paying

blp = Blueprint("billing", __name__, description="What each payer owes")


@blp.route("/billing/statements")
class Statements(MethodView):
    @require("finance", "coordinator")
    @blp.arguments(StatementQuery, location="query")
    @blp.response(200, StatementOut)
    def get(self, query):
        """Finance reads its own payer's statement only (and, when scoped to districts, only their
        lines); the coordinator reads both, every district. With `district`, that district's lines only."""
        with context().db.transaction() as session:
            return paying.statement(session, current_principal(), query["payer"], query["period"],
                                    query.get("district"))
