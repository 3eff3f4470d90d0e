"""The page behind the emailed withdraw link: GET only shows a button (mail scanners follow links),
the button's form post withdraws. The link's token is an ordinary teacher token."""
from __future__ import annotations

from flask import request
from flask_wtf.csrf import CSRFError

from intake import usecases
from intake.rules import PROGRAM_RULES
from peercoach.refusals import Refusal, Unauthorized
from peercoach.web.app import context
from peercoach.web.pages import csrf, link_principal, page

BAD_LINK = "This withdraw link is not valid or has expired. Please contact the program coordinator."


def refused(message: str, status: int):
    return page("withdraw.html", status, state="refused", message=message)


def confirmation(application, token: str, status: int = 200, message: str | None = None):
    return page("withdraw.html", status, state="confirm" if application.status in usecases.WITHDRAWABLE else "closed",
                application=application, program=PROGRAM_RULES[application.program], token=token,
                message=message)


def linked_application(application_id: str, token: str):
    """The teacher and application a withdraw link opens; raises a Refusal for a bad or foreign link.

    The link's claims came from an event; they are believed only as far as the application agrees:
    its teacher's employee id and the email the link was sent to must be the ones intake holds."""
    principal = link_principal(token, "withdraw", application_id, ("teacher",), BAD_LINK)
    application = usecases.application(context().db, principal, application_id)  # its teacher's, else refused
    if (principal.email or "").casefold() != (application.teacher.get("email") or "").casefold():
        raise Unauthorized(BAD_LINK, code="invalid_link")
    return principal, application


def show(application_id):
    """The page itself (routed here by the API's GET, where its document describes it)."""
    token = request.args.get("token", "")
    try:
        _principal, application = linked_application(application_id, token)
    except Refusal as refusal:
        return refused(refusal.message, refusal.status)
    return confirmation(application, token)


def confirm(application_id):
    """The form post from the page above (routed here by the API's POST for form bodies)."""
    token = request.form.get("token", "")
    try:
        principal, application = linked_application(application_id, token)
        csrf.protect()
        application = usecases.withdraw(context().db, principal, application_id)
    except CSRFError:
        return confirmation(application, token, 400, "The page had expired. Please press the button again.")
    except Refusal as refusal:
        return refused(refusal.message, refusal.status)
    return page("withdraw.html", state="done", application=application, program=PROGRAM_RULES[application.program])
