"""The year-end program report (`/pages/report`) and the audit trail (`/pages/audit`), as pages over the same
use cases as `GET /reports/program` and `GET /audit` (small groups suppressed; ids and figures only)."""
from __future__ import annotations

from datetime import date

from flask import request

from matching.program_report import DIMENSIONS
from matching.usecases import reports
from matching.web.common import PAGE_SIZE, blueprint
from peercoach.web.app import context
from peercoach.web.pages import for_roles, page, page_number

ACTIONS = ("application.approved", "application.denied", "extension.requested", "extension.approved",
           "extension.denied", "pairing.closed", "disclosure.agreed", "disclosure.released", "disclosure.refused",
           "role.granted", "role.revoked")


def year_asked() -> int:
    """The `year` of the query string (this year when missing or out of range)."""
    year = request.args.get("year", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else date.today().year


@blueprint.get("/report")
@for_roles("coordinator")
def report(_principal):
    year = year_asked()
    with context().db.transaction() as session:
        result = reports.program(session, date(year, 1, 1), date(year, 12, 31))
    sections = [("Totals", "", [result["totals"]])] + [
        (f"By {dimension.replace('_', ' ')}", dimension, result[f"by_{dimension}"]) for dimension in DIMENSIONS]
    return page("coordinator/report.html", result=result, year=year, sections=sections)


@blueprint.get("/audit")
@for_roles("coordinator")
def audit(_principal):
    action = request.args.get("action") if request.args.get("action") in ACTIONS else None
    pairing_id = request.args.get("pairing_id", "").strip()[:36] or None
    with context().db.transaction() as session:
        found = reports.audit_trail_page(session, pairing_id, action, page_number(), PAGE_SIZE, newest_first=True)
    return page("coordinator/audit.html", found=found, action=action, pairing_id=pairing_id,
                actions=[(code, code.replace(".", ": ").replace("_", " ")) for code in ACTIONS])
