"""The audit trail (coordinator): status changes and disclosures, who, when and what; never any text."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from matching.usecases import reports
from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import Timestamp, text
from peercoach.web.paging import PageQuery, page_schema

blp = Blueprint("audit", __name__, description="Who changed a status or touched a disclosure, and when")


class AuditEntrySchema(Schema):
    id = fields.String()
    at = Timestamp()
    actor_role = fields.String()
    actor = fields.String()
    action = fields.String()
    pairing_id = fields.String(allow_none=True)
    details = fields.Dict()


class AuditQuery(PageQuery):
    pairing_id = text(36)
    action = text(60)


@blp.route("/audit")
class Audit(MethodView):
    @require("coordinator")
    @blp.arguments(AuditQuery, location="query")
    @blp.response(200, page_schema(AuditEntrySchema))
    def get(self, query):
        """Oldest first, a page at a time; filter by `pairing_id` or `action`."""
        with context().db.transaction() as session:
            return reports.audit_trail_page(session, **query)
