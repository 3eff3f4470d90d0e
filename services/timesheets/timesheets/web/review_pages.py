"""The coordinator's timesheets waiting for approval: the list by month and coach, one month's entries
and cost, and approving or rejecting it (the same use cases as the JSON API)."""
from __future__ import annotations

from flask import Blueprint, request, url_for
from werkzeug.datastructures import MultiDict

from peercoach.periods import is_period
from peercoach.refusals import Conflict, RuleBroken
from peercoach.web import formats
from peercoach.web.app import context
from peercoach.web.forms import FORM, done, errors_of
from peercoach.web.pages import for_roles, page, page_number, problem
from timesheets.api.schemas import RejectIn
from timesheets.listing import STATUSES
from timesheets.usecases import timesheets
from timesheets.web.review_forms import loaded

blueprint = Blueprint("review_pages", __name__)
PAGE_SIZE = 20
MONTH = "/pages/timesheets/<coach_id>/<period>"
MISSING_RATE = "A day logged has no rate in force, so the month cannot be priced: set the rates named below first."


@blueprint.get("/pages/timesheets")
@for_roles("coordinator")
def waiting(principal):
    """Timesheets by status (submitted first of all) and month, oldest submission first."""
    status = request.args.get("status", "submitted")
    status = status if status in STATUSES else "submitted"
    period = request.args.get("period", "").strip()
    errors = {} if not period or is_period(period) else {"period": ["Give the month as YYYY-MM, e.g. 2026-11."]}
    with context().db.transaction() as session:
        found = timesheets.listed(session, status, period if period and not errors else None, page_number(),
                                  PAGE_SIZE)
    return page("review_list.html", found=found, shown=status, statuses=STATUSES, period=period,
                values=request.args, errors=errors)


def month_page(principal, coach_id: str, period: str, values: MultiDict | None = None,
               errors: dict | None = None, status: int = 200):
    if not is_period(period):
        return problem(404, "Not found", f"There is no month {period}; months read like 2026-11.")
    with context().db.transaction() as session:
        sheet = timesheets.review(session, principal, coach_id, period)
    return page("review_month.html", status, sheet=sheet, values=values or MultiDict(), errors=errors or {})


@blueprint.get(MONTH)
@for_roles("coordinator")
def month(principal, coach_id, period):
    return month_page(principal, coach_id, period)


@blueprint.post(f"{MONTH}/approve")
@for_roles("coordinator")
def approve(principal, coach_id, period):
    try:
        with context().db.transaction() as session:
            sheet = timesheets.approve(session, coach_id, period)
    except (Conflict, RuleBroken) as refusal:
        errors = {FORM: [MISSING_RATE]} if refusal.code == "missing_rate" else errors_of(refusal, {"reason"})
        return month_page(principal, coach_id, period, errors=errors, status=refusal.status)
    return done(url_for(".waiting", period=period),
                f"Approved: {sheet.coach_name}'s timesheet for {formats.month(period)}, {formats.hours(sheet.hours)}.")


@blueprint.post(f"{MONTH}/reject")
@for_roles("coordinator")
def reject(principal, coach_id, period):
    body, errors = loaded(RejectIn(), request.form)
    if errors:
        return month_page(principal, coach_id, period, request.form, errors, 422)
    try:
        with context().db.transaction() as session:
            sheet = timesheets.reject(session, coach_id, period, body["reason"])
    except (Conflict, RuleBroken) as refusal:
        return month_page(principal, coach_id, period, request.form, errors_of(refusal, {"reason"}),
                          refusal.status)
    return done(url_for(".waiting", period=period),
                f"Sent back to {sheet.coach_name}: the timesheet for {formats.month(period)}, with your reason.")
