"""The coach roster (`/pages/coaches`): the list with the capacity in use, adding, editing, deactivating.
The form is checked by the JSON API's own schema (CoachSchema) and saved by the same use cases."""
from __future__ import annotations

from flask import request, url_for
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from matching.api.coaches import CoachSchema
from matching.scoring import GRADES
from matching.usecases import coaches
from matching.web.common import PAGE_SIZE, PROGRAM_CHOICES, blueprint, choice
from peercoach.events.contracts import FOCUS_AREAS, PROGRAMS, SUPPORT_TYPES
from peercoach.labels import label
from peercoach.refusals import Conflict
from peercoach.web.app import context
from peercoach.web.forms import done, field_errors
from peercoach.web.pages import for_roles, page, page_number

LISTS = ("focus_areas", "grade_levels", "support_types", "programs")
TEXTS = ("employee_id", "name", "email", "school", "district", "max_active_pairings")
SCHEMA = CoachSchema(exclude=("active",))  # (de)activating is a button of its own


def payload(form: MultiDict) -> dict:
    """The JSON body the form stands for; an empty required field is left out so it reads as missing."""
    body = {name: form.get(name, "").strip() for name in TEXTS if form.get(name, "").strip() or name == "school"}
    body.update({name: form.getlist(name) for name in LISTS})
    body["subjects"] = [subject.strip() for subject in form.get("subjects", "").split(",") if subject.strip()]
    return body


def values_of(coach) -> MultiDict:
    values = MultiDict({name: getattr(coach, name) for name in TEXTS})
    for name in LISTS:
        values.setlist(name, getattr(coach, name))
    values["subjects"] = ", ".join(coach.subjects)
    return values


def form_page(coach=None, values: MultiDict | None = None, errors: dict | None = None, status: int = 200):
    choices = {"focus_areas": [(code, label("focus_area", code)) for code in FOCUS_AREAS],
               "support_types": [(code, label("support_types", code)) for code in SUPPORT_TYPES],
               "grade_levels": [(grade, grade) for grade in GRADES], "programs": PROGRAM_CHOICES}
    return page("coordinator/coach_form.html", status, coach=coach, choices=choices,
                values=values if values is not None else MultiDict(), errors=errors or {})


@blueprint.get("/coaches")
@for_roles("coordinator")
def coaches_list(_principal):
    active = {"active": True, "inactive": False}.get(request.args.get("active", "active"))
    program = choice("program", PROGRAMS)
    with context().db.transaction() as session:
        found = coaches.roster_page(session, active, program, page_number(), PAGE_SIZE)
    shown = "all" if active is None else "active" if active else "inactive"
    return page("coordinator/coaches.html", found=found, shown=shown, program=program, programs=PROGRAM_CHOICES)


@blueprint.get("/coaches/new")
@for_roles("coordinator")
def new_coach(_principal):
    return form_page()


@blueprint.post("/coaches")
@for_roles("coordinator")
def add_coach(_principal):
    try:
        data = SCHEMA.load(payload(request.form))
        with context().db.transaction() as session:
            coach = coaches.add(session, data)
    except ValidationError as error:
        return form_page(None, request.form, field_errors(error.messages), 422)
    except Conflict as refusal:
        return form_page(None, request.form, {"employee_id": [refusal.message]}, 409)
    return done(url_for("coordinator.coaches_list"), f"{coach.name} is on the roster.")


@blueprint.get("/coaches/<coach_id>")
@for_roles("coordinator")
def edit_coach(_principal, coach_id):
    with context().db.transaction() as session:
        coach = coaches.coach(session, coach_id)
    return form_page(coach, values_of(coach))


@blueprint.post("/coaches/<coach_id>")
@for_roles("coordinator")
def change_coach(_principal, coach_id):
    with context().db.transaction() as session:
        coach = coaches.coach(session, coach_id)
    try:
        data = SCHEMA.load(payload(request.form))
        with context().db.transaction() as session:
            coach = coaches.change(session, coach_id, data)
    except ValidationError as error:
        return form_page(coach, request.form, field_errors(error.messages), 422)
    except Conflict as refusal:
        return form_page(coach, request.form, {"employee_id": [refusal.message]}, 409)
    return done(url_for("coordinator.coaches_list"), f"Saved the changes to {coach.name}.")


@blueprint.post("/coaches/<coach_id>/active")
@for_roles("coordinator")
def set_active(_principal, coach_id):
    active = request.form.get("active") == "true"
    with context().db.transaction() as session:
        coach = coaches.change(session, coach_id, {"active": active})
    what = "is active again: new pairings may be proposed" if active else \
        "is inactive: no new pairing is proposed; their current pairings go on"
    return done(url_for("coordinator.edit_coach", coach_id=coach_id), f"{coach.name} {what}.")
