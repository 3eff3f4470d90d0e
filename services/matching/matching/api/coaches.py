"""The coach roster (coordinator): create, list, read, update, deactivate (PATCH active=false)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from sqlalchemy import String, cast, select
from sqlalchemy.exc import IntegrityError

from matching.api.inputs import text
from matching.models import Coach
from matching.profiles import loads
from matching.scoring import GRADES
from peercoach.events.contracts import FOCUS_AREAS, PROGRAMS, SUPPORT_TYPES
from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.paging import PageQuery, page_schema, paged, split

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
    active = fields.Boolean(load_default=True)
    active_pairings = fields.Integer(dump_only=True)
    places_free = fields.Integer(dump_only=True)

    @validates_schema
    def consultants_are_separate(self, data, **_):
        """Peer support consultants (federation) are a roster apart from district coaches."""
        programs = set(data.get("programs", ()))
        if "peer_support_service" in programs and len(programs) > 1:
            raise ValidationError("A peer support consultant serves peer_support_service only; "
                                  "district coaches are separate roster entries.", "programs")


class CoachPatchSchema(CoachSchema):
    """The fields to change (all optional); `active: false` deactivates."""


class CoachQuery(PageQuery):
    active = fields.Boolean()
    program = fields.String(validate=validate.OneOf(PROGRAMS))


def with_load(session, coaches: list[Coach]) -> list[Coach]:
    """Attach `active_pairings` and `places_free` (pending proposals count as taken)."""
    active, taken = loads(session, with_proposals=False), loads(session)
    for coach in coaches:
        coach.active_pairings = active.get(coach.id, 0)
        coach.places_free = max(coach.max_active_pairings - taken.get(coach.id, 0), 0)
    return coaches


def saved(session, coach: Coach) -> Coach:
    try:
        session.flush()
    except IntegrityError:
        abort(409, message="A coach with this employee_id is already on the roster.", code="employee_id_taken")
    return with_load(session, [coach])[0]


@blp.route("/coaches")
class Coaches(MethodView):
    @require("coordinator")
    @blp.arguments(CoachQuery, location="query")
    @blp.response(200, page_schema(CoachSchema))
    def get(self, query):
        """By name, a page at a time; filter by `active` and `program`."""
        filters, paging = split(query)
        statement = select(Coach).order_by(Coach.name, Coach.id)
        if "active" in filters:
            statement = statement.where(Coach.active == filters["active"])
        if "program" in filters:  # a code from PROGRAMS, matched as a JSON string in the list
            statement = statement.where(cast(Coach.programs, String).contains(f'"{filters["program"]}"'))
        with context().db.transaction() as session:
            found = paged(session, statement, **paging)
            return {**found, "items": with_load(session, found["items"])}

    @require("coordinator")
    @blp.arguments(CoachSchema)
    @blp.response(201, CoachSchema)
    def post(self, data):
        with context().db.transaction() as session:
            coach = Coach(**data)
            session.add(coach)
            return saved(session, coach)


@blp.route("/coaches/<coach_id>")
class CoachById(MethodView):
    @require("coordinator")
    @blp.response(200, CoachSchema)
    def get(self, coach_id):
        with context().db.transaction() as session:
            return with_load(session, [_coach(session, coach_id)])[0]

    @require("coordinator")
    @blp.arguments(CoachPatchSchema(partial=True))
    @blp.response(200, CoachSchema)
    def patch(self, data, coach_id):
        with context().db.transaction() as session:
            coach = _coach(session, coach_id)
            for field, value in data.items():
                setattr(coach, field, value)
            return saved(session, coach)


def _coach(session, coach_id: str) -> Coach:
    coach = session.get(Coach, coach_id)
    if coach is None:
        abort(404, message="No coach with this id.")
    return coach
