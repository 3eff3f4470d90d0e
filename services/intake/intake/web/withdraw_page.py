"""The page behind the emailed withdraw link: GET only shows a button (mail scanners follow links),
the button's form post withdraws. The link's token is an ordinary teacher token."""
from __future__ import annotations

from flask import Blueprint, current_app, request
from flask_wtf.csrf import CSRFError

from intake import records, withdrawal
from intake.refusals import BadLink, Refused
from intake.rules import PROGRAM_RULES
from peercoach.web.pages import csrf, page
from peercoach.web.app import context
from peercoach.web.auth import Principal, decode_link_token, link_purpose

blueprint = Blueprint("withdraw_page", __name__)
BAD_LINK = "This withdraw link is not valid or has expired. Please contact the program coordinator."


def teacher_from(token: str, application_id: str) -> Principal | None:
    """The teacher of a link token issued for withdrawing this application."""
    principal = decode_link_token(current_app.config["JWT_SECRET"], token, link_purpose("withdraw", application_id))
    return principal if principal and principal.role == "teacher" else None


def refused(message: str, status: int):
    return page("withdraw.html", status, state="refused", message=message)


def confirmation(application, token: str, status: int = 200, message: str | None = None):
    return page("withdraw.html", status, state="confirm" if application.status in withdrawal.WITHDRAWABLE else "closed",
                application=application, program=PROGRAM_RULES[application.program], token=token,
                message=message)


def linked_application(application_id: str, token: str):
    """The teacher and application a withdraw link opens; raises Refused for a bad or foreign link.

    The link's claims came from an event; they are believed only as far as the application agrees:
    its teacher's employee id and the email the link was sent to must be the ones intake holds."""
    principal = teacher_from(token, application_id)
    if principal is None:
        raise BadLink(BAD_LINK)
    with context().db.transaction() as session:
        application = records.visible(session, application_id, principal)  # its teacher's, else refused
    if (principal.email or "").casefold() != (application.teacher.get("email") or "").casefold():
        raise BadLink(BAD_LINK)
    return principal, application


@blueprint.get("/applications/<application_id>/withdraw")
def show(application_id):
    token = request.args.get("token", "")
    try:
        _principal, application = linked_application(application_id, token)
    except Refused as refusal:
        return refused(refusal.message, refusal.status)
    return confirmation(application, token)


def confirm(application_id):
    """The form post from the page above (routed here by the API's POST for form bodies)."""
    token = request.form.get("token", "")
    try:
        principal, application = linked_application(application_id, token)
        csrf.protect()
        application = withdrawal.withdraw(context().db, application_id, principal)
    except CSRFError:
        return confirmation(application, token, 400, "The page had expired. Please press the button again.")
    except Refused as refusal:
        return refused(refusal.message, refusal.status)
    return page("withdraw.html", state="done", application=application, program=PROGRAM_RULES[application.program])
