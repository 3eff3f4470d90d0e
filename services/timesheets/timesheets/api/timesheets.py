"""Monthly timesheets: read, submit (the coach), list, approve or reject (the coordinator)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from peercoach.web.app import context
from peercoach.web.auth import require
from timesheets import listing, rules, workflow
from timesheets.api import access
from timesheets.api.schemas import PERIOD, RejectIn, SheetPage, SheetQuery, TimesheetOut
from timesheets.models import Entry, Pairing
from timesheets.money import hours
from timesheets.periods import is_period

blp = Blueprint("timesheets", __name__, description="A coach's monthly timesheet")
PATH = "/timesheets/<coach_id>/<period>"


def checked(period: str) -> str:
    if not is_period(period):
        abort(422, message=PERIOD.error, errors={"period": [PERIOD.error]})
    return period


def view(session, coach_id: str, period: str) -> dict:
    sheet = workflow.find(session, coach_id, period)
    rows = session.execute(select(Entry, Pairing.program).join(Pairing, Entry.pairing_id == Pairing.id)
                           .where(Entry.coach_id == coach_id, Entry.period == period)
                           .order_by(Entry.pairing_id, Entry.day, Entry.created_at)).all()
    pairings: dict[str, dict] = {}
    for entry, program in rows:
        pairings.setdefault(entry.pairing_id, {"pairing_id": entry.pairing_id, "program": program,
                                               "entries": []})["entries"].append(entry)
    for item in pairings.values():
        item["hours"] = hours(rules.coaching_minutes(item["entries"]))
        item["release_half_days"] = rules.release_half_days(item["entries"])
    entries = [entry for entry, _ in rows]
    return {"id": sheet.id if sheet else None, "coach_id": coach_id, "period": period,
            "status": sheet.status if sheet else "open", "reject_reason": sheet.reject_reason if sheet else None,
            "batch_id": sheet.batch_id if sheet else None, "pairings": list(pairings.values()),
            "hours": hours(rules.coaching_minutes(entries)), "release_half_days": rules.release_half_days(entries)}


def decide(action, coach_id: str, period: str, *args) -> dict:
    with context().db.transaction() as session:
        try:
            action(session, coach_id, checked(period), *args)
        except workflow.WorkflowError as error:
            abort(error.status, message=error.message, code=error.code)
    with context().db.transaction() as session:
        return view(session, coach_id, period)


@blp.route("/timesheets")
class Timesheets(MethodView):
    @require("coordinator")
    @blp.arguments(SheetQuery, location="query")
    @blp.response(200, SheetPage)
    def get(self, query):
        """Timesheets by status and month, oldest submission first, a page at a time
        (`?status=submitted` is what waits for approval). Totals only: no entries, no notes."""
        with context().db.transaction() as session:
            return listing.page(session, **query)


@blp.route(PATH)
class Timesheet(MethodView):
    @require("coach", "coordinator")
    @blp.response(200, TimesheetOut)
    def get(self, coach_id, period):
        access.ensure_coach_or_coordinator(coach_id)
        with context().db.transaction() as session:
            return view(session, coach_id, checked(period))


@blp.route(f"{PATH}/submit")
class Submit(MethodView):
    @require("coach")
    @blp.response(200, TimesheetOut)
    def post(self, coach_id, period):
        access.ensure_coach(coach_id)
        return decide(workflow.submit, coach_id, period)


@blp.route(f"{PATH}/approve")
class Approve(MethodView):
    @require("coordinator")
    @blp.response(200, TimesheetOut)
    def post(self, coach_id, period):
        return decide(workflow.approve, coach_id, period)


@blp.route(f"{PATH}/reject")
class Reject(MethodView):
    @require("coordinator")
    @blp.arguments(RejectIn)
    @blp.response(200, TimesheetOut)
    def post(self, body, coach_id, period):
        return decide(workflow.reject, coach_id, period, body["reason"])
