"""The finance officer's pages: their payer's statement for a month (only their districts when scoped to
some), per pairing, and the same statement printable as the bill a district files."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, request
from werkzeug.datastructures import MultiDict

from peercoach.periods import is_period
from peercoach.web.app import context
from peercoach.web.pages import for_roles, page, problem
from timesheets.usecases import paying
from timesheets.web.payroll_pages import last_month

blueprint = Blueprint("statement_pages", __name__)
MONTH_FORMAT = ["Give the month as YYYY-MM, e.g. 2026-11."]


def statement_of(principal, period: str, district: str | None) -> dict:
    with context().db.transaction() as session:
        return paying.statement(session, principal, principal.payer, period, district)


def districts_of(principal, statement: dict) -> list[str]:
    """The districts the officer may choose among: those they are scoped to, else those on the statement."""
    return list(principal.districts) or sorted({line["district"] for line in statement["lines"]})


@blueprint.get("/pages/statements")
@for_roles("finance")
def statement(principal):
    period = request.args.get("period", "").strip() or last_month()
    district = request.args.get("district", "").strip() or None
    values = MultiDict({"period": period, "district": district or ""})
    if not is_period(period):
        return page("statement.html", 422, statement=None, period=period, district=district, districts=[],
                    values=values, errors={"period": MONTH_FORMAT})
    found = statement_of(principal, period, district)
    everywhere = found if district is None else statement_of(principal, period, None)
    return page("statement.html", statement=found, period=period, district=district,
                districts=districts_of(principal, everywhere), values=values, errors={})


@blueprint.get("/pages/statements/<period>/print")
@for_roles("finance")
def printable(principal, period):
    if not is_period(period):
        return problem(404, "Not found", f"There is no month {period}; months read like 2026-11.")
    district = request.args.get("district", "").strip() or None
    found = statement_of(principal, period, district)
    return page("statement_print.html", statement=found, district=district, districts=districts_of(principal, found),
                issued=date.today())
