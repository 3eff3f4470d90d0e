"""The coach's pairings (/pages/pairings) and month (/pages/months/<period>): entries by pairing, totals,
and submitting the month with the JSON API's use case."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, url_for

from peercoach.periods import period_of
from peercoach.principal import Principal
from peercoach.refusals import Conflict, RuleBroken
from peercoach.web.app import context
from peercoach.web.formats import month
from peercoach.web.forms import done, errors_of
from peercoach.web.pages import for_roles, page
from timesheets.usecases import coaching, timesheets
from timesheets.web import coach_labels

blueprint = Blueprint("coach_month", __name__)
OPEN = ("open", "rejected")


@blueprint.context_processor
def labels() -> dict:
    return {"activity_label": coach_labels.activity}


@blueprint.get("/pages/pairings")
@for_roles("coach")
def show_pairings(principal: Principal):
    with context().db.transaction() as session:
        return page("coach_pairings.html", pairings=coaching.pairings(session, principal),
                    period=period_of(date.today()))


def neighbours(period: str) -> tuple[str, str]:
    year, number = int(period[:4]), int(period[5:])
    before = f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"
    after = f"{year + 1}-01" if number == 12 else f"{year}-{number + 1:02d}"
    return before, after


def month_page(principal: Principal, period: str, errors: dict | None = None, status: int = 200):
    with context().db.transaction() as session:
        sheet = timesheets.timesheet(session, principal, principal.sub, period)
        teachers = {item["pairing_id"]: coaching.pairing(session, principal, item["pairing_id"])
                    for item in sheet["pairings"]}
        before, after = neighbours(period)
        return page("coach_month.html", status, sheet=sheet, pairings=teachers, editable=sheet["status"] in OPEN,
                    before=before, after=after if after <= period_of(date.today()) else None,
                    errors=errors or {})


@blueprint.get("/pages/months/<period:period>")
@for_roles("coach")
def show_month(principal: Principal, period: str):
    return month_page(principal, period)


@blueprint.post("/pages/months/<period:period>/submit")
@for_roles("coach")
def submit_month(principal: Principal, period: str):
    try:
        with context().db.transaction() as session:
            timesheets.submit(session, principal, principal.sub, period)
    except (RuleBroken, Conflict) as refusal:
        return month_page(principal, period, errors_of(refusal), refusal.status)
    return done(url_for("coach_month.show_month", period=period),
                f"Your timesheet for {month(period)} is submitted. The coordinator will approve it or send it back.")
