"""The coach's time log: add, list, change and remove entries while their month is open."""
from __future__ import annotations

from flask.views import MethodView

from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from peercoach.web.paging import PageQuery, page_schema
from timesheets.api.schemas import EntryIn, EntryOut, EntryPatch
from timesheets.usecases import entries

blp = Blueprint("entries", __name__, description="A pairing's time log (by its coach)")


@blp.route("/pairings/<pairing_id>/entries")
class PairingEntries(MethodView):
    @require("coach", "coordinator")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, page_schema(EntryOut))
    def get(self, query, pairing_id):
        """Oldest first, a page at a time."""
        with context().db.transaction() as session:
            return entries.entries_page(session, current_principal(), pairing_id, **query)

    @require("coach")
    @blp.arguments(EntryIn)
    @blp.response(201, EntryOut)
    def post(self, body, pairing_id):
        with context().db.transaction() as session:
            return entries.log(session, current_principal(), pairing_id, body["date"], body["minutes"],
                               body["activity"], body["note"], body["ticket_number"])


@blp.route("/entries/<entry_id>")
class OneEntry(MethodView):
    @require("coach")
    @blp.arguments(EntryPatch(partial=True))
    @blp.response(200, EntryOut)
    def patch(self, body, entry_id):
        with context().db.transaction() as session:
            return entries.change(session, current_principal(), entry_id, body)

    @require("coach")
    @blp.response(204)
    def delete(self, entry_id):
        with context().db.transaction() as session:
            entries.remove(session, current_principal(), entry_id)
