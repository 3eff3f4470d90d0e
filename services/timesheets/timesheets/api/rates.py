"""Rates per district (and, where a program is paid differently, per program), each in force from
its `effective_from` date until the next one."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from peercoach.web.app import context
from peercoach.web.auth import require
from timesheets.api.schemas import RateIn, RateOut
from timesheets.models import ANY_PROGRAM, Rate

blp = Blueprint("rates", __name__, description="Hourly and release half-day rates per district")


@blp.route("/rates/<district>")
class Rates(MethodView):
    @require("coordinator")
    @blp.arguments(RateIn)
    @blp.response(200, RateOut)
    def put(self, body, district):
        """Set the rates from a date on, for every program or (with `program`) for one program.

        A program's own rate, where one is in force, comes before the rate for every program.
        Approved months keep the rates they were approved with.
        """
        program = body["program"] or ANY_PROGRAM
        try:
            with context().db.transaction() as session:
                rate = session.get(Rate, (district, program, body["effective_from"]), with_for_update=True)
                if rate is None:
                    rate = Rate(district=district, program=program, effective_from=body["effective_from"])
                    session.add(rate)
                rate.hourly_rate = body["hourly_rate"]
                rate.release_half_day_rate = body["release_half_day_rate"]
        except IntegrityError:
            abort(409, message="These rates were being set by another request at the same moment; try again.",
                  code="concurrent_change")
        return rate

    @require("coordinator", "payroll", "finance")
    @blp.response(200, RateOut(many=True))
    def get(self, district):
        with context().db.transaction() as session:
            return list(session.scalars(select(Rate).where(Rate.district == district)
                                        .order_by(Rate.program, Rate.effective_from)))
