"""The page behind the reflection link in the pairing-closed email.

GET only shows the form (mail scanners follow links and must change nothing); its form post,
protected by Flask-WTF's CSRFProtect as intake's pages are, keeps the reflection. The link
carries an ordinary teacher or coach token.
"""
from __future__ import annotations

from flask import request
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError

from matching.models import Coach, Pairing
from matching.usecases import reflections
from peercoach.principal import Principal
from peercoach.refusals import Refusal, Unauthorized
from peercoach.web.app import context
from peercoach.web.fields import text
from peercoach.web.pages import csrf, link_principal
from peercoach.web.pages import page as html_page

TEXT = text(10000, shortest=1, required=True)
BAD_LINK = "This reflection link is not valid or has expired. Please contact the program coordinator."
def page(status: int = 200, **values):
    return html_page("reflection.html", status, **values)


def author_from(token: str, pairing_id: str) -> Principal:
    """The teacher or coach of a link token issued for reflecting on this pairing; refused otherwise.

    The link's claims came from an event; they are believed only as far as matching's own records
    agree: a link naming the pairing's teacher or coach must have been sent to that person's email."""
    principal = link_principal(token, "reflection", pairing_id, reflections.AUTHORS, BAD_LINK)
    with context().db.transaction() as session:
        known = participant_email(session, pairing_id, principal)
    if known is not None and known.casefold() != (principal.email or "").casefold():
        raise Unauthorized(BAD_LINK, code="invalid_link")
    return principal  # one who is not a participant is refused by the pairing's own check


def participant_email(session, pairing_id: str, principal: Principal) -> str | None:
    """The email matching holds for the principal as this pairing's teacher or coach (None if neither)."""
    pairing = session.get(Pairing, pairing_id)
    if pairing is None:
        return None
    if principal.role == "teacher" and pairing.teacher.get("employee_id") == principal.sub:
        return pairing.teacher.get("email") or ""
    if principal.role == "coach" and pairing.coach_id == principal.sub:
        coach = session.get(Coach, pairing.coach_id)
        return coach.email if coach else ""
    return None


def refused(refusal: Refusal):
    return page(refusal.status, state="refused", message=refusal.message)


def show(pairing_id: str):
    token = request.args.get("token", "")
    try:
        principal = author_from(token, pairing_id)
        with context().db.transaction() as session:
            text = reflections.draft(session, principal, pairing_id)
    except Refusal as refusal:
        return refused(refusal)
    return page(state="form", pairing_id=pairing_id, token=token, text=text)


def submit(pairing_id: str):
    token, written = request.form.get("token", ""), request.form.get("text", "")
    form = dict(state="form", pairing_id=pairing_id, token=token, text=written)
    try:
        principal = author_from(token, pairing_id)
        csrf.protect()
        TEXT.deserialize(written)
        with context().db.transaction() as session:
            reflections.submit(session, principal, pairing_id, written)
    except CSRFError:
        return page(400, message="The page had expired. Please send your reflection again.", **form)
    except ValidationError as error:
        return page(422, message=" ".join(error.messages), **form)
    except Refusal as refusal:
        return refused(refusal)
    return page(state="done")
