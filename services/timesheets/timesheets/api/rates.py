"""Rates per district (and, where a program is paid differently, per program), each in force from
its `effective_from` date until the next one."""
from __future__ import annotations

from flask.views import MethodView

from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.blueprint import Blueprint
from timesheets.api.schemas import RateIn, RateOut
from timesheets.usecases import paying

blp = Blueprint("rates", __name__, description="Hourly and release half-day rates per district")


@blp.route("/rates/<string(maxlength=100):district>")
class Rates(MethodView):
    @require("coordinator")
    @blp.arguments(RateIn)
    @blp.response(200, RateOut)
    def put(self, body, district):
        """Set the rates from a date on, for every program or (with `program`) for one program.

        A program's own rate, where one is in force, comes before the rate for every program.
        Approved months keep the rates they were approved with.
        """
        with context().db.transaction() as session:
            return paying.set_rates(session, district, **body)

    @require("coordinator", "payroll", "finance")
    @blp.response(200, RateOut(many=True))
    def get(self, district):
        with context().db.transaction() as session:
            return paying.rates(session, district)
