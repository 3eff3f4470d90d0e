"""Hours approved, used and remaining per pairing."""
from __future__ import annotations

from flask.views import MethodView

from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from timesheets.api.schemas import HoursOut
from timesheets.usecases import entries

blp = Blueprint("hours", __name__, description="Hours approved and used per pairing")


@blp.route("/pairings/<pairing_id>/hours")
class Hours(MethodView):
    @require("coach", "coordinator")
    @blp.response(200, HoursOut)
    def get(self, pairing_id):
        with context().db.transaction() as session:
            return entries.hours(session, current_principal(), pairing_id)
