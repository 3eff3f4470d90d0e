"""The coach's time log: add, list, change and remove entries while their month is open."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.paging import PageQuery, page_schema, paged
from timesheets import ledger, rules
from timesheets.api import access
from timesheets.api.schemas import EntryIn, EntryOut, EntryPatch
from timesheets.models import Entry
from timesheets.periods import period_of

blp = Blueprint("entries", __name__, description="A pairing's time log (by its coach)")


def enforce(session, pairing, candidate: rules.Entry, leaving_out: str | None = None) -> None:
    try:
        rules.check(ledger.terms(pairing), ledger.logged(session, pairing.id, leaving_out), candidate,
                    date.today(), ledger.locked_periods(session, pairing.coach_id))
    except rules.RuleBroken as broken:
        abort(422, message=broken.message, code=broken.code, errors={broken.field: [broken.message]})


def ensure_open(session, entry: Entry) -> None:
    if ledger.is_locked(session, entry.coach_id, entry.period):
        abort(422, message=f"The timesheet for {entry.period} is submitted or approved; "
                           "its entries can no longer change.", code="month_locked")


@blp.route("/pairings/<pairing_id>/entries")
class PairingEntries(MethodView):
    @require("coach", "coordinator")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, page_schema(EntryOut))
    def get(self, query, pairing_id):
        """Oldest first, a page at a time."""
        with context().db.transaction() as session:
            pairing = access.pairing(session, pairing_id)
            access.ensure_coach_or_coordinator(pairing.coach_id)
            return paged(session, select(Entry).where(Entry.pairing_id == pairing_id)
                         .order_by(Entry.day, Entry.created_at, Entry.id), **query)

    @require("coach")
    @blp.arguments(EntryIn)
    @blp.response(201, EntryOut)
    def post(self, body, pairing_id):
        with context().db.transaction() as session:
            pairing = access.pairing(session, pairing_id, lock=True)
            access.ensure_coach(pairing.coach_id)
            enforce(session, pairing, rules.Entry(body["date"], body["minutes"], body["activity"],
                                                  body["ticket_number"]))
            entry = Entry(id=str(uuid.uuid4()), pairing_id=pairing.id, coach_id=pairing.coach_id,
                          day=body["date"], period=period_of(body["date"]), minutes=body["minutes"],
                          activity=body["activity"], note=body["note"], ticket_number=body["ticket_number"],
                          created_at=datetime.now(timezone.utc))
            session.add(entry)
            session.flush()
            ledger.announce_threshold(session, pairing)
            return entry


@blp.route("/entries/<entry_id>")
class OneEntry(MethodView):
    @require("coach")
    @blp.arguments(EntryPatch(partial=True))
    @blp.response(200, EntryOut)
    def patch(self, body, entry_id):
        with context().db.transaction() as session:
            pairing = access.pairing(session, access.entry(session, entry_id).pairing_id, lock=True)
            entry = access.entry(session, entry_id)
            access.ensure_coach(pairing.coach_id)
            ensure_open(session, entry)
            changed = rules.Entry(body.get("date", entry.day), body.get("minutes", entry.minutes),
                                  body.get("activity", entry.activity), body.get("ticket_number", entry.ticket_number))
            enforce(session, pairing, changed, leaving_out=entry.id)
            entry.day, entry.minutes, entry.activity = changed.day, changed.minutes, changed.activity
            entry.ticket_number = changed.ticket_number
            entry.period = period_of(entry.day)
            if "note" in body:
                entry.note = body["note"]
            session.flush()
            ledger.announce_threshold(session, pairing)
            return entry

    @require("coach")
    @blp.response(204)
    def delete(self, entry_id):
        with context().db.transaction() as session:
            pairing = access.pairing(session, access.entry(session, entry_id).pairing_id, lock=True)
            entry = access.entry(session, entry_id)
            access.ensure_coach(pairing.coach_id)
            ensure_open(session, entry)
            session.delete(entry)
