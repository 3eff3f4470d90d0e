"""The coordinator's reports: the year-end program report (/pages/reports/program) and the audit trail
(/pages/audit), the same use cases as GET /reports/program and GET /audit."""
from __future__ import annotations

import math
from datetime import date

from flask import Blueprint, request

from matching.program_report import DIMENSIONS, FIGURES
from matching.usecases import reports
from peercoach.principal import Principal
from peercoach.web.app import context
from peercoach.web.pages import for_roles, page

blueprint = Blueprint("report_pages", __name__)
FIRST_YEAR = 2000
DIMENSION_NAMES = {"program": "By program", "focus_area": "By focus area", "school": "By school"}
AUDIT_PAGE_SIZE = 25


def chosen_year() -> int | None:
    text = request.args.get("year", "").strip()
    if not text:
        return date.today().year
    return int(text) if text.isdigit() and FIRST_YEAR <= int(text) <= date.today().year + 1 else None


@blueprint.get("/pages/reports/program")
@for_roles("coordinator")
def program_report(_principal: Principal):
    year = chosen_year()
    if year is None:
        errors = {"year": [f"Enter a year from {FIRST_YEAR} to {date.today().year + 1}, like {date.today().year}."]}
        return page("program_report.html", 422, report=None, year=request.args.get("year"), errors=errors,
                    values=request.args)
    with context().db.transaction() as session:
        report = reports.program(session, date(year, 1, 1), date(year, 12, 31))
    return page("program_report.html", report=report, year=year, dimensions=DIMENSIONS,
                dimension_names=DIMENSION_NAMES, figures=FIGURES, errors={}, values=request.args)


@blueprint.get("/pages/audit")
@for_roles("coordinator")
def audit(_principal: Principal):
    number = request.args.get("page", "1")
    number = int(number) if number.isdigit() and int(number) >= 1 else 1
    action = request.args.get("action", "").strip() or None
    pairing = request.args.get("pairing", "").strip() or None
    with context().db.transaction() as session:
        found = reports.audit_trail_page(session, pairing, action, number, AUDIT_PAGE_SIZE, newest_first=True)
    pages = max(1, math.ceil(found["total"] / AUDIT_PAGE_SIZE))
    return page("audit.html", entries=found["items"], total=found["total"], page=number, pages=pages,
                action=action or "", pairing=pairing or "")
