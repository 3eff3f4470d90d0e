"""Rates per district for the coordinator: those in force today, their history, and a new rate from a
date on (for every program or one), set with the same use case as `PUT /rates/<district>`."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, redirect, request, url_for
from werkzeug.datastructures import MultiDict

from peercoach.events.contracts import PROGRAMS
from peercoach.refusals import Conflict
from peercoach.web.app import context
from peercoach.web.forms import done, errors_of
from peercoach.web.pages import for_roles, page, problem
from timesheets.api.schemas import RateIn
from timesheets.usecases import paying
from timesheets.web.review_forms import loaded

blueprint = Blueprint("rate_pages", __name__)
MAX_DISTRICT = 100  # as the API's path
READERS = ("coordinator", "payroll", "finance")  # as GET /rates/<district>; only the coordinator sets rates


@blueprint.get("/pages/rates")
@for_roles(*READERS)
def districts(principal):
    """The districts known (by a rate or a pairing); another one by its code."""
    chosen = request.args.get("district", "").strip()
    if chosen and len(chosen) <= MAX_DISTRICT:
        return redirect(url_for(".district", district=chosen))
    with context().db.transaction() as session:
        known = paying.districts(session)
    return page("rates_districts.html", known=known, values=MultiDict(), errors={})


def district_page(principal, district: str, values: MultiDict | None = None, errors: dict | None = None,
                  status: int = 200):
    if len(district) > MAX_DISTRICT:
        return problem(404, "Not found", "No district has a code that long.")
    today = date.today()
    with context().db.transaction() as session:
        history = paying.rates(session, district)
        in_force = paying.rates_in_force(session, district, today)
    return page("rates_district.html", status, district=district, history=history, in_force=in_force,
                today=today, programs=PROGRAMS, may_set=principal.role == "coordinator",
                values=values or MultiDict(), errors=errors or {})


@blueprint.get("/pages/rates/<district>")
@for_roles(*READERS)
def district(principal, district):
    return district_page(principal, district)


@blueprint.post("/pages/rates/<district>")
@for_roles("coordinator")
def set_rates(principal, district):
    body, errors = loaded(RateIn(), request.form)
    if errors or len(district) > MAX_DISTRICT:
        return district_page(principal, district, request.form, errors, 422)
    try:
        with context().db.transaction() as session:
            rate = paying.set_rates(session, district, **body)
    except Conflict as refusal:
        return district_page(principal, district, request.form, errors_of(refusal, set(RateIn().fields)),
                             refusal.status)
    return done(url_for(".district", district=district),
                f"Rates of {district} set from {rate.effective_from.isoformat()}.")
