"""The time entry form of the coach's pages: what was typed, read with the JSON API's own schema
(EntryIn), and its messages in plain words beside the fields."""
from __future__ import annotations

from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from timesheets.api.schemas import EntryIn

FIELDS = frozenset({"pairing", "date", "minutes", "activity", "note", "ticket_number"})
PLAIN = {
    "date": "Enter the day the coaching took place, for example 2026-11-27.",
    "minutes": "Enter the time in minutes as a whole number from 1 to 1440, for example 45.",
    "activity": "Choose the activity.",
}


def optional(form: MultiDict, name: str) -> str | None:
    return (form.get(name) or "").strip() or None


def minutes_of(text: str) -> int | str:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else text


def read(form: MultiDict) -> tuple[dict | None, dict[str, list[str]]]:
    """The entry the form describes (`date`, `minutes`, `activity`, `note`, `ticket_number`), or the
    messages per field that say what to correct."""
    typed = {"date": (form.get("date") or "").strip(), "minutes": minutes_of(form.get("minutes") or ""),
             "activity": form.get("activity") or "", "note": optional(form, "note"),
             "ticket_number": optional(form, "ticket_number")}
    try:
        return EntryIn().load(typed), {}
    except ValidationError as error:
        return None, {name: [PLAIN.get(name) or " ".join(map(str, messages))]
                      for name, messages in error.messages.items()}


def values_of(entry) -> MultiDict:
    """An entry as the form shows it for a change."""
    return MultiDict({"date": entry.day.isoformat(), "minutes": str(entry.minutes), "activity": entry.activity,
                      "note": entry.note or "", "ticket_number": entry.ticket_number or ""})
