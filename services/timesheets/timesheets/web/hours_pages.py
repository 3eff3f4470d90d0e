"""/pages/hours (coordinator): every pairing's time as timesheets logs it, entry by entry: hours used of
approved with the 80% mark, release time, lesson cycles. Matching's pairing pages link here."""
from __future__ import annotations

from flask import Blueprint, request

from peercoach.principal import Principal
from peercoach.web.app import context
from peercoach.web.pages import for_roles, page, page_number
from timesheets.usecases import coaching

blueprint = Blueprint("hours_pages", __name__)
PAGE_SIZE = 20


@blueprint.get("/pages/hours")
@for_roles("coordinator")
def hours(principal: Principal):
    pairing_id = request.args.get("pairing", "").strip()[:36] or None
    with context().db.transaction() as session:
        found = coaching.standing_page(session, principal, pairing_id, page_number(), PAGE_SIZE)
    return page("pairing_hours.html", found=found, pairing_id=pairing_id)
