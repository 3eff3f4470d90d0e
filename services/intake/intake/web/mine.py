"""GET /mine: the signed-in person's own applications, and nobody else's.

Theirs are those with the employee id the provider's claim gives, or with the email address
the provider marks verified (case ignored). Anyone signed in may look, role or not.
"""
from __future__ import annotations

from flask import Blueprint, redirect, request
from sqlalchemy import func, or_, select

from intake.models import Application
from intake.rules import PROGRAM_RULES
from peercoach.web.app import context
from peercoach.web.pages import page
from peercoach.web.people import Person
from peercoach.web.session import current_person, signin_url

blueprint = Blueprint("mine", __name__)


def own_applications(session, person: Person) -> list[Application]:
    matches = []
    if person.employee_id:
        matches.append(Application.employee_id == person.employee_id)
    if person.email and person.email_verified:
        matches.append(func.lower(Application.teacher["email"].as_string()) == person.email.lower())
    if not matches:
        return []
    return list(session.scalars(select(Application).where(or_(*matches))
                                .order_by(Application.submitted_at.desc(), Application.id)))


@blueprint.get("/mine")
def mine():
    person = current_person()
    if person is None:
        return redirect(signin_url(request.url))
    with context().db.transaction() as session:
        applications = own_applications(session, person)
    return page("mine.html", applications=applications, programs=PROGRAM_RULES, person=person)
