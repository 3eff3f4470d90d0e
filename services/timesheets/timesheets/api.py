"""The JSON API of timesheets."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields

from peercoach.web.app import context
from peercoach.web.auth import require
from timesheets.models import Pairing

blp = Blueprint("hours", __name__, description="Hours approved and used per pairing")


class HoursSchema(Schema):
    pairing_id = fields.String()
    approved = fields.Decimal(as_string=True)


@blp.route("/pairings/<pairing_id>/hours")
class Hours(MethodView):
    @require("coach", "coordinator")
    @blp.response(200, HoursSchema)
    def get(self, pairing_id):
        with context().db.transaction() as session:
            pairing = session.get(Pairing, pairing_id)
            if pairing is None:
                abort(404, message=f"No pairing {pairing_id}.")
            return {"pairing_id": pairing.id, "approved": pairing.hours_approved}
