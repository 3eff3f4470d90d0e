"""What every page with a form does: keep what was typed, show a use case's refusal beside the fields
it names, and answer a successful POST with a redirect carrying a one-line message (post/redirect/get)."""
from __future__ import annotations

from flask import flash, redirect

from peercoach.refusals import Refusal

FORM = "_form"  # the key of messages about the form as a whole (shown in the error summary)


def errors_of(refusal: Refusal, known: set[str] | frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """{field: [messages]} for the fields of the form (`known`; every named field when empty), and the
    refusal's message under FORM when it names none of them."""
    errors = {name: list(messages) for name, messages in refusal.fields.items()
              if not known or name in known}
    if not errors:
        errors[FORM] = [refusal.message]
    return errors


def done(url: str, message: str):
    """After a state change: a message for the next page, and a redirect there (no double submit on reload)."""
    flash(message, "success")
    return redirect(url, code=303)
