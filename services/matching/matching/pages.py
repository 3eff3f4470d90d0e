"""The page behind the reflection link in the pairing-closed email.

GET only shows the form (mail scanners follow links and must change nothing); its form post,
protected by Flask-WTF's CSRFProtect as intake's pages are, keeps the reflection. The link
carries an ordinary teacher or coach token.
"""
from __future__ import annotations

from flask import request
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError

from matching.usecases import reflections
from matching.api.inputs import text
from peercoach.refusals import Refusal
from peercoach.web.app import context
from peercoach.web.pages import csrf, link_principal, page as html_page

TEXT = text(10000, shortest=1, required=True)
BAD_LINK = "This reflection link is not valid or has expired. Please contact the program coordinator."
def page(status: int = 200, **values):
    return html_page("reflection.html", status, **values)


def refused(refusal: Refusal):
    return page(refusal.status, state="refused", message=refusal.message)


def show(pairing_id: str):
    token = request.args.get("token", "")
    try:
        principal = link_principal(token, "reflection", pairing_id, reflections.AUTHORS, BAD_LINK)
        with context().db.transaction() as session:
            text = reflections.draft(session, principal, pairing_id)
    except Refusal as refusal:
        return refused(refusal)
    return page(state="form", pairing_id=pairing_id, token=token, text=text)


def submit(pairing_id: str):
    token, written = request.form.get("token", ""), request.form.get("text", "")
    form = dict(state="form", pairing_id=pairing_id, token=token, text=written)
    try:
        principal = link_principal(token, "reflection", pairing_id, reflections.AUTHORS, BAD_LINK)
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
