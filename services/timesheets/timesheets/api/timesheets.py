"""Monthly timesheets: read, submit (the coach), list, approve or reject (the coordinator)."""
from __future__ import annotations

from flask.views import MethodView

from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from timesheets.api.schemas import RejectIn, SheetPage, SheetQuery, TimesheetOut
from timesheets.usecases import timesheets

blp = Blueprint("timesheets", __name__, description="A coach's monthly timesheet")
PATH = "/timesheets/<coach_id>/<period:period>"


def decided(action, *args) -> dict:
    """Do `action`, then answer with the month as it now stands."""
    db = context().db
    with db.transaction() as session:
        sheet = action(session, *args)
    with db.transaction() as session:
        return timesheets.sheet_of(session, sheet.coach_id, sheet.period)


@blp.route("/timesheets")
class Timesheets(MethodView):
    @require("coordinator")
    @blp.arguments(SheetQuery, location="query")
    @blp.response(200, SheetPage)
    def get(self, query):
        """Timesheets by status and month, oldest submission first, a page at a time
        (`?status=submitted` is what waits for approval). Totals only: no entries, no notes."""
        with context().db.transaction() as session:
            return timesheets.listed(session, **query)


@blp.route(PATH)
class Timesheet(MethodView):
    @require("coach", "coordinator")
    @blp.response(200, TimesheetOut)
    def get(self, coach_id, period):
        with context().db.transaction() as session:
            return timesheets.timesheet(session, current_principal(), coach_id, period)


@blp.route(f"{PATH}/submit")
class Submit(MethodView):
    @require("coach")
    @blp.response(200, TimesheetOut)
    def post(self, coach_id, period):
        return decided(timesheets.submit, current_principal(), coach_id, period)


@blp.route(f"{PATH}/approve")
class Approve(MethodView):
    @require("coordinator")
    @blp.response(200, TimesheetOut)
    def post(self, coach_id, period):
        return decided(timesheets.approve, coach_id, period)


@blp.route(f"{PATH}/reject")
class Reject(MethodView):
    @require("coordinator")
    @blp.arguments(RejectIn)
    @blp.response(200, TimesheetOut)
    def post(self, body, coach_id, period):
        return decided(timesheets.reject, coach_id, period, body["reason"])
