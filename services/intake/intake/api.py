"""The JSON API of intake."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from intake.db import outbox
from intake.models import Application
from peercoach.events.contracts import PROGRAMS, REFERRALS
from peercoach.web.app import context

blp = Blueprint("applications", __name__, description="Applications to a coaching program")


class TeacherSchema(Schema):
    employee_id = fields.String(required=True)
    first_name = fields.String(required=True)
    last_name = fields.String(required=True)
    email = fields.Email(required=True)
    school = fields.String(required=True)
    district = fields.String(required=True)
    employment_status = fields.String(required=True)
    grade_levels = fields.List(fields.String(), load_default=list)
    subjects = fields.List(fields.String(), load_default=list)


class ApplicationSchema(Schema):
    id = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    program = fields.String(required=True, validate=validate.OneOf(PROGRAMS))
    referral = fields.String(required=True, validate=validate.OneOf(REFERRALS))
    teacher = fields.Nested(TeacherSchema, required=True)
    focus_area = fields.String(required=True)
    submitted_at = fields.DateTime(dump_only=True)


@blp.route("/applications")
class Applications(MethodView):
    @blp.arguments(ApplicationSchema)
    @blp.response(201, ApplicationSchema)
    def post(self, data):
        with context().db.transaction() as session:
            application = Application(**data)
            session.add(application)
            session.flush()
            outbox.record(session, "application.submitted", {
                "application_id": application.id, "program": application.program,
                "referral": application.referral,
                "teacher": {"grade_levels": [], "subjects": [], **application.teacher},
                "reasons": [], "focus_area": application.focus_area, "support_types": [],
                "submitted_at": application.submitted_at.isoformat(),
            })
        return application
