"""The coach's time log on a phone: /pages/log (one entry in three actions: minutes, activity, save),
and changing or deleting an entry while its month is open (/pages/entries/<id>/...)."""
from __future__ import annotations

import uuid
from datetime import date

from flask import Blueprint, request, url_for
from werkzeug.datastructures import MultiDict

from peercoach.periods import period_of
from peercoach.principal import Principal
from peercoach.refusals import Conflict, RuleBroken
from peercoach.web.app import context
from peercoach.web.forms import done, errors_of
from peercoach.web.pages import for_roles, page
from timesheets import ledger
from timesheets.usecases import coaching, entries, timesheets
from timesheets.web import coach_form, coach_labels

blueprint = Blueprint("coach_log", __name__)
RECENT = 5


@blueprint.context_processor
def labels() -> dict:
    return {"activity_label": coach_labels.activity, "activities": list(coach_labels.ACTIVITIES.items())}


def default_pairing(session, principal: Principal, mine: list[dict]) -> str | None:
    """The pairing asked for, else the only or last used one, else the first open one."""
    asked = request.args.get("pairing")
    if asked:
        return coaching.pairing(session, principal, asked).id
    if len(mine) == 1:
        return mine[0]["pairing_id"]
    return coaching.last_used_pairing(session, principal) or (mine[0]["pairing_id"] if mine else None)


def recent_entries(session, principal: Principal) -> list:
    sheet = timesheets.timesheet(session, principal, principal.sub, period_of(date.today()))
    logged = [entry for pairing in sheet["pairings"] for entry in pairing["entries"]]
    return sorted(logged, key=lambda entry: entry.created_at, reverse=True)[:RECENT]


def log_page(session, principal: Principal, values: MultiDict, errors: dict | None = None, status: int = 200,
             mine: list[dict] | None = None):
    mine = coaching.pairings(session, principal) if mine is None else mine
    return page("coach_log.html", status, values=values, errors=errors or {}, pairings=mine,
                recent=recent_entries(session, principal), today=date.today())


@blueprint.get("/pages/log")
@for_roles("coach")
def show_log(principal: Principal):
    with context().db.transaction() as session:
        mine = coaching.pairings(session, principal)
        values = MultiDict({"date": date.today().isoformat(), "form_key": uuid.uuid4().hex,
                            "pairing": default_pairing(session, principal, mine) or ""})
        return log_page(session, principal, values, mine=mine)


@blueprint.post("/pages/log")
@for_roles("coach")
def log_time(principal: Principal):
    form = request.form
    entry, errors = coach_form.read(form)
    if not form.get("pairing"):
        errors["pairing"] = ["Choose the pairing."]
    if not errors:
        try:
            with context().db.transaction() as session:
                saved = entries.log(session, principal, form["pairing"], entry["date"], entry["minutes"],
                                    entry["activity"], entry["note"], entry["ticket_number"],
                                    form_key=(form.get("form_key") or "")[:64] or None)
                message = (f"Saved: {coach_labels.activity(saved.activity)}, {saved.minutes} min "
                           f"on {saved.day.day} {saved.day:%B %Y}.")
            return done(url_for("coach_log.show_log", pairing=form["pairing"]), message)
        except (RuleBroken, Conflict) as refusal:
            errors = refusal_messages(refusal)
    with context().db.transaction() as session:
        return log_page(session, principal, form, errors, 422)


def refusal_messages(refusal: RuleBroken | Conflict) -> dict[str, list[str]]:
    errors = errors_of(refusal, coach_form.FIELDS)
    return coach_labels.messages_for(refusal, errors) if isinstance(refusal, RuleBroken) else errors


def entry_page(template: str, session, principal: Principal, entry_id: str, values: MultiDict | None = None,
               errors: dict | None = None, status: int = 200):
    entry = coaching.entry(session, principal, entry_id)
    return page(template, status, entry=entry, pairing=coaching.pairing(session, principal, entry.pairing_id),
                locked=ledger.is_locked(session, entry.coach_id, entry.period),
                values=values if values is not None else coach_form.values_of(entry), errors=errors or {})


@blueprint.get("/pages/entries/<entry_id>/edit")
@for_roles("coach")
def show_entry(principal: Principal, entry_id: str):
    with context().db.transaction() as session:
        return entry_page("coach_entry.html", session, principal, entry_id)


@blueprint.post("/pages/entries/<entry_id>/edit")
@for_roles("coach")
def change_entry(principal: Principal, entry_id: str):
    entry, errors = coach_form.read(request.form)
    if not errors:
        try:
            with context().db.transaction() as session:
                changed = entries.change(session, principal, entry_id, entry)
                period = changed.period
            return done(url_for("coach_month.show_month", period=period), "The entry is changed.")
        except (RuleBroken, Conflict) as refusal:
            errors = refusal_messages(refusal)
    with context().db.transaction() as session:
        return entry_page("coach_entry.html", session, principal, entry_id, request.form, errors, 422)


@blueprint.get("/pages/entries/<entry_id>/delete")
@for_roles("coach")
def confirm_delete(principal: Principal, entry_id: str):
    with context().db.transaction() as session:
        return entry_page("coach_delete.html", session, principal, entry_id)


@blueprint.post("/pages/entries/<entry_id>/delete")
@for_roles("coach")
def delete_entry(principal: Principal, entry_id: str):
    try:
        with context().db.transaction() as session:
            period = coaching.entry(session, principal, entry_id).period
            entries.remove(session, principal, entry_id)
        return done(url_for("coach_month.show_month", period=period), "The entry is deleted.")
    except (RuleBroken, Conflict) as refusal:
        with context().db.transaction() as session:
            return entry_page("coach_delete.html", session, principal, entry_id,
                              errors=errors_of(refusal), status=422)
