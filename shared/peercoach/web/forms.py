"""What every page with a form does: keep what was typed, show a use case's refusal beside the fields
it names, and answer a successful POST with a redirect carrying a one-line message (post/redirect/get)."""
from __future__ import annotations

from flask import flash, redirect

from peercoach.refusals import Refusal

FORM = "_form"  # the key of messages about the form as a whole (shown in the error summary)
PLAIN_WORDS = {"Missing data for required field.": "Please fill this in.",
               "Shorter than minimum length 1.": "Please choose at least one.",
               "Not a valid integer.": "Please give a whole number."}


def errors_of(refusal: Refusal, known: set[str] | frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """{field: [messages]} for the fields of the form (`known`; every named field when empty), and the
    refusal's message under FORM when it names none of them."""
    errors = {name: list(messages) for name, messages in refusal.fields.items()
              if not known or name in known}
    if not errors:
        errors[FORM] = [refusal.message]
    return errors


def done(url: str, message: str, category: str = "success"):
    """After a state change: a message for the next page, and a redirect there (no double submit on reload).
    A `notice` says that nothing changed (someone else decided first, say)."""
    flash(message, category)
    return redirect(url, code=303)


def flatten(messages, path: str = "") -> dict[str, list[str]]:
    """Marshmallow's nested errors by dotted path: {"teacher": {"email": [..]}} -> {"teacher.email": [..]};
    list positions fold into the list's field."""
    if not isinstance(messages, dict):
        return {path: list(messages) if isinstance(messages, list) else [str(messages)]}
    result: dict[str, list[str]] = {}
    for key, value in messages.items():
        child = path if isinstance(key, int) else f"{path}.{key}" if path else str(key)
        for name, texts in flatten(value, child).items():
            result.setdefault(name, []).extend(texts)
    return result


def field_errors(messages: dict, names: dict[str, str] | None = None) -> dict[str, list[str]]:
    """A schema's errors as {form field: [messages in plain words]}: a path is the field of the same name, or
    the one `names` gives for it; any other nested path goes to the form as a whole (FORM)."""
    names = {"_schema": FORM, **(names or {})}
    result: dict[str, list[str]] = {}
    for path, texts in flatten(messages).items():
        name = names.get(path, path if "." not in path else FORM)
        result.setdefault(name, []).extend(PLAIN_WORDS.get(text, text) for text in texts)
    return result
