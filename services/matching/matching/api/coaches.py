"""The coach roster (coordinator): create, list, read, update, deactivate (PATCH active=false)."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from matching.scoring import GRADES
from matching.usecases import coaches
from peercoach.events.contracts import FOCUS_AREAS, PROGRAMS, SUPPORT_TYPES
from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import flag, query_flag, text
from peercoach.web.paging import PageQuery, page_schema

CONSULTING = "peer_support_service"
blp = Blueprint("coaches", __name__, description="The roster of coaches and peer support consultants")


def codes(choices):
    return fields.List(fields.String(validate=validate.OneOf(choices)), load_default=list)


class CoachSchema(Schema):
    id = fields.String(dump_only=True)
    employee_id = text(40, shortest=1, required=True)
    name = text(200, shortest=1, required=True)
    email = fields.Email(required=True)
    school = text(200, load_default="")
    district = text(100, shortest=1, required=True)
    focus_areas = codes(FOCUS_AREAS)
    grade_levels = codes(GRADES)
    subjects = fields.List(text(100, shortest=1), load_default=list)
    support_types = codes(SUPPORT_TYPES)
    programs = fields.List(fields.String(validate=validate.OneOf(PROGRAMS)), required=True,
                           validate=validate.Length(min=1))
    max_active_pairings = fields.Integer(required=True, validate=validate.Range(min=1, max=50))
    active = flag(load_default=True)
    active_pairings = fields.Integer(dump_only=True)
    places_free = fields.Integer(dump_only=True)

    @staticmethod
    def openapi_constraints() -> dict:
        """A consultant's programs are peer_support_service alone; a district coach's, the others."""
        district = [program for program in PROGRAMS if program != CONSULTING]
        return {"anyOf": [{"properties": {"programs": {"items": {"enum": [CONSULTING]}}}},
                          {"properties": {"programs": {"items": {"enum": district}}}}]}

    @validates_schema
    def consultants_are_separate(self, data, **_):
        """Peer support consultants (federation) are a roster apart from district coaches."""
        programs = set(data.get("programs", ()))
        if CONSULTING in programs and len(programs) > 1:
            raise ValidationError("A peer support consultant serves peer_support_service only; "
                                  "district coaches are separate roster entries.", "programs")


class CoachPatchSchema(CoachSchema):
    """The fields to change (all optional); `active: false` deactivates."""


class CoachQuery(PageQuery):
    active = query_flag()
    program = fields.String(validate=validate.OneOf(PROGRAMS))


@blp.route("/coaches")
class Coaches(MethodView):
    @require("coordinator")
    @blp.arguments(CoachQuery, location="query")
    @blp.response(200, page_schema(CoachSchema))
    def get(self, query):
        """By name, a page at a time; filter by `active` and `program`."""
        with context().db.transaction() as session:
            return coaches.roster_page(session, **query)

    @require("coordinator")
    @blp.arguments(CoachSchema)
    @blp.response(201, CoachSchema)
    def post(self, data):
        with context().db.transaction() as session:
            return coaches.add(session, data)


@blp.route("/coaches/<coach_id>")
class CoachById(MethodView):
    @require("coordinator")
    @blp.response(200, CoachSchema)
    def get(self, coach_id):
        with context().db.transaction() as session:
            return coaches.coach(session, coach_id)

    @require("coordinator")
    @blp.arguments(CoachPatchSchema(partial=True))
    @blp.response(200, CoachSchema)
    def patch(self, data, coach_id):
        with context().db.transaction() as session:
            return coaches.change(session, coach_id, data)

