"""A form's fields checked by the JSON API's own schema, its messages in plain words beside the fields."""
from __future__ import annotations

from marshmallow import Schema, ValidationError

PLAIN_WORDS = {"Missing data for required field.": "Please fill this in.",
               "Field may not be null.": "Please fill this in.",
               "Shorter than minimum length 1.": "Please fill this in.",
               "Not a valid date.": "Give a date, e.g. 2026-09-01."}

AMOUNT_HINT = "Use a string of digits"


def plain(text: str) -> str:
    if text.startswith(AMOUNT_HINT):
        return "Give an amount in dollars and cents, such as 47.50 (no $ sign or commas)."
    return PLAIN_WORDS.get(text, text)


def loaded(schema: Schema, form) -> tuple[dict, dict[str, list[str]]]:
    """The form's non-empty fields as `schema` loads them, and {field: [messages]} (empty when all is well)."""
    data = {name: value.strip() for name, value in form.items() if name != "csrf_token" and value.strip()}
    try:
        return schema.load(data), {}
    except ValidationError as error:
        return {}, {name: [plain(text) for text in texts]
                    for name, texts in error.normalized_messages().items()}
