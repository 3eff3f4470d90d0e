"""What the coordinator's pages share: their blueprint, labels for codes, paging and the form values."""
from __future__ import annotations

from flask import Blueprint, request
from werkzeug.datastructures import MultiDict

from peercoach.events.contracts import PROGRAMS
from peercoach.labels import label

blueprint = Blueprint("coordinator", __name__, url_prefix="/pages")
PAGE_SIZE = 20
PROGRAM_CHOICES = [(code, label("program", code)) for code in PROGRAMS]


@blueprint.context_processor
def helpers() -> dict:
    return {"label": label}


def choice(name: str, allowed) -> str | None:
    """A filter of the query string if it is one of `allowed`, else None (all)."""
    value = request.args.get(name)
    return value if value in allowed else None


def typed_over(defaults: dict) -> MultiDict:
    """The form's values: what was typed (request.form) over the `defaults` a fresh form shows."""
    values = MultiDict({name: value for name, value in defaults.items() if value is not None})
    for name in request.form:
        values.setlist(name, request.form.getlist(name))
    return values


def teacher_name(teacher: dict | None) -> str:
    teacher = teacher or {}
    return f"{teacher.get('first_name', '')} {teacher.get('last_name', '')}".strip() or "the teacher"
