"""GET /apply and POST /apply: the application form a teacher fills in on a phone or a desktop."""
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


@blueprint.get("/apply")
def show_form():
    return form_page(MultiDict())


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
