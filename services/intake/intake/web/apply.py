"""GET /apply and POST /apply: the application form a teacher fills in on a phone or a desktop (with what a
signed-in teacher's identity says already filled in; the form works without signing in too)."""
from __future__ import annotations

from flask import Blueprint, request
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from intake import choices, usecases
from intake.rules import PROGRAM_RULES
from intake.schemas import ApplicationInSchema
from intake.web import form
from peercoach.web.app import context
from peercoach.web.pages import csrf, page
from peercoach.web.people import Person
from peercoach.web.session import current_person

blueprint = Blueprint("apply", __name__)
EXPIRED = "This form had expired, so nothing was sent. Please check your answers and send it again."


def program_choices() -> list[tuple[str, str, str]]:
    return [(rule.key, rule.title, rule.who_may_apply) for rule in PROGRAM_RULES.values()]


def referral_choices() -> list[tuple[str, str, str]]:
    """Each referral with the programs that accept it, from the program rules."""
    return [(code, label, "For: " + ", ".join(rule.title for rule in PROGRAM_RULES.values() if code in rule.referrals))
            for code, label in choices.options("referral")]


def form_page(values: MultiDict, errors: dict | None = None, status: int = 200):
    return page("apply.html", status, values=values, errors=errors or {}, options=choices.options,
                program_choices=program_choices(), referral_choices=referral_choices(),
                grade_levels=[(grade, grade) for grade in choices.GRADE_LEVELS])


def from_identity(person: Person | None) -> MultiDict:
    """What a signed-in teacher need not type again: their name, the email their provider verified and
    the employee id it sends (each one only where the identity has it)."""
    if person is None:
        return MultiDict()
    first, _, last = person.name.strip().partition(" ")
    known = {"first_name": first, "last_name": last.strip(),
             "email": person.email if person.email_verified else None, "employee_id": person.employee_id}
    return MultiDict({name: value for name, value in known.items() if value})


@blueprint.get("/apply")
def show_form():
    return form_page(from_identity(current_person()))


@blueprint.errorhandler(RateLimitExceeded)
def too_many(_error: RateLimitExceeded):
    """The form's answer to a limit of `intake.web.limits` (which adds Retry-After)."""
    return page("busy.html", 429)


@blueprint.post("/apply")
def send_form():
    try:
        csrf.protect()
    except CSRFError:
        return form_page(request.form, {"_form": [EXPIRED]}, 400)
    try:
        data = ApplicationInSchema().load(form.to_payload(request.form))
    except ValidationError as error:
        return form_page(request.form, form.errors_by_field(error.messages), 422)
    answer = usecases.submit(context().db, data)
    return page("applied.html", 201 if answer.status_code == 201 else 200, application=answer.body,
                program=PROGRAM_RULES[answer.body["program"]], repeat=answer.status_code != 201)
