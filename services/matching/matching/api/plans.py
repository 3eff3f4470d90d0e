"""The development plan and its calendar: the pairing's teacher and coach write, the coordinator reads."""
from __future__ import annotations

import datetime as dt

from flask import Response
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from matching import calendar
from matching.participants import PARTICIPANTS
from matching.usecases import plans
from peercoach.events.contracts import FOCUS_AREAS, SUPPORT_TYPES
from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import ClockTime, Day, Timestamp, text

blp = Blueprint("plans", __name__, description="A pairing's professional development plan and calendar")


class PlanEventSchema(Schema):
    id = fields.String(dump_only=True)
    kind = fields.String(required=True, validate=validate.OneOf(tuple(calendar.KINDS)))
    date = Day(required=True, attribute="day", data_key="date")
    start_time = ClockTime(load_default=None, allow_none=True, attribute="starts_at", data_key="start_time")
    minutes = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=480))


class PlanSchema(Schema):
    pairing_id = fields.String(dump_only=True)
    focus_area = fields.String(required=True, validate=validate.OneOf(FOCUS_AREAS))
    goals = text(5000, load_default="")
    support_types = fields.List(fields.String(validate=validate.OneOf(SUPPORT_TYPES)), load_default=list)
    events = fields.List(fields.Nested(PlanEventSchema), load_default=list, validate=validate.Length(max=100))
    updated_at = Timestamp(dump_only=True)
    updated_by = fields.String(dump_only=True)


@blp.route("/pairings/<pairing_id>/plan")
class PairingPlan(MethodView):
    @require(*PARTICIPANTS)
    @blp.response(200, PlanSchema)
    def get(self, pairing_id):
        with context().db.transaction() as session:
            return plans.read(session, current_principal(), pairing_id)

    @require("teacher", "coach")
    @blp.arguments(PlanSchema)
    @blp.response(200, PlanSchema)
    def put(self, data, pairing_id):
        with context().db.transaction() as session:
            return plans.write(session, current_principal(), pairing_id, data)


@blp.route("/pairings/<pairing_id>/calendar.ics")
class PairingCalendar(MethodView):
    @require(*PARTICIPANTS)
    @blp.response(200, content_type="text/calendar", description="The plan's calendar of events (iCalendar).")
    def get(self, pairing_id):
        with context().db.transaction() as session:
            body = plans.calendar_of(session, current_principal(), pairing_id, dt.datetime.now(dt.timezone.utc))
        return Response(body, mimetype="text/calendar", headers={
            "Content-Disposition": f'attachment; filename="pairing-{pairing_id}.ics"', "Cache-Control": "no-store"})
