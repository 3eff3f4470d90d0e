"""Pairings (`/pages/pairings`): active and closed ones with their hours, extensions requested and decided,
closing a pairing. Hours used belong to timesheets: matching shows the hours of the timesheets approved so far
(from `timesheet.approved`) and links each pairing to timesheets' own live figure."""
from __future__ import annotations

from decimal import Decimal

from flask import request, url_for
from marshmallow import ValidationError

from matching.api.extensions import ExtensionSchema
from matching.usecases import coaches, pairings
from matching.web.common import PAGE_SIZE, blueprint, choice, typed_over
from peercoach.programs import HOURS_MARK
from peercoach.refusals import Conflict, RuleBroken
from peercoach.web.app import context
from peercoach.web.forms import done, errors_of, field_errors
from peercoach.web.pages import for_roles, page, page_number

STATUSES = (("active", "Active"), ("closed", "Closed"))


def usage(session, found: list) -> dict[str, dict]:
    """Per pairing: hours in approved timesheets, the share of approved hours, and whether past the mark."""
    used = pairings.hours_in_approved_timesheets(session, [pairing.id for pairing in found])
    result = {}
    for pairing in found:
        hours = used.get(pairing.id, Decimal(0))
        share = hours / pairing.hours_approved if pairing.hours_approved else Decimal(0)
        result[pairing.id] = {"hours": hours, "percent": int(share * 100), "past_mark": share >= HOURS_MARK}
    return result


@blueprint.get("/pairings")
@for_roles("coordinator")
def pairings_list(principal):
    status = choice("status", dict(STATUSES))
    with context().db.transaction() as session:
        found = pairings.pairings_page(session, principal, status, page=page_number(), page_size=PAGE_SIZE)
        waiting = pairings.extensions_page(session, "pending", page_size=50)["items"]
        of = {extension.id: pairings.visible_pairing(session, principal, extension.pairing_id) for extension in waiting}
        names = coaches.names(session, [p.coach_id for p in found["items"]] + [p.coach_id for p in of.values()])
        used = usage(session, found["items"])
    return page("coordinator/pairings.html", found=found, used=used, names=names, extensions=waiting, of=of,
                shown_status=status, statuses=STATUSES)


def pairing_page(principal, pairing_id: str, errors: dict | None = None, status: int = 200):
    with context().db.transaction() as session:
        pairing = pairings.visible_pairing(session, principal, pairing_id)
        extensions = pairings.extensions_of(session, principal, pairing_id)
        names = coaches.names(session, [pairing.coach_id])
        used = usage(session, [pairing])[pairing.id]
    return page("coordinator/pairing.html", status, pairing=pairing, extensions=extensions, names=names, used=used,
                values=typed_over({}), errors=errors or {})


@blueprint.get("/pairings/<pairing_id>")
@for_roles("coordinator")
def pairing(principal, pairing_id):
    return pairing_page(principal, pairing_id)


@blueprint.post("/pairings/<pairing_id>/close")
@for_roles("coordinator")
def close(principal, pairing_id):
    here = url_for("coordinator.pairing", pairing_id=pairing_id)
    try:
        with context().db.transaction() as session:
            pairings.close(session, principal, pairing_id)
    except Conflict as refusal:
        return done(here, f"Nothing changed: {refusal.message}", "notice")
    return done(here, "The pairing is closed; the teacher and the coach are told and asked for a reflection.")


@blueprint.post("/pairings/<pairing_id>/extensions")
@for_roles("coordinator")
def request_extension(principal, pairing_id):
    try:
        data = ExtensionSchema().load({name: request.form.get(name, "").strip() for name in ("hours", "reason")})
        with context().db.transaction() as session:
            pairings.request_extension(session, principal, pairing_id, data["hours"], data["reason"])
    except ValidationError as error:
        return pairing_page(principal, pairing_id, field_errors(error.messages), 422)
    except (RuleBroken, Conflict) as refusal:
        return pairing_page(principal, pairing_id, errors_of(refusal, {"hours", "reason"}), refusal.status)
    return done(url_for("coordinator.pairing", pairing_id=pairing_id), f"Requested {data['hours']} more hours.")


@blueprint.post("/extensions/<extension_id>/decision")
@for_roles("coordinator")
def decide_extension(principal, extension_id):
    approve = request.form.get("decision") == "approve"
    try:
        with context().db.transaction() as session:
            extension = pairings.decide_extension(session, principal, extension_id, approve)
            pairing_id = extension.pairing_id
    except Conflict as refusal:
        return done(url_for("coordinator.pairings_list"), f"Nothing changed: {refusal.message}", "notice")
    back = url_for("coordinator.pairings_list") if request.form.get("back") == "list" \
        else url_for("coordinator.pairing", pairing_id=pairing_id)
    return done(back, f"{'Approved' if approve else 'Denied'} the extension of {extension.hours} hours.")
