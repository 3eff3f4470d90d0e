"""Between the HTML form's flat fields and the JSON shape the schema checks."""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

TEACHER_FIELDS = ("employee_id", "first_name", "last_name", "email", "school", "district", "employment_status")
FORM_NAMES = {
    **{f"teacher.{name}": name for name in TEACHER_FIELDS + ("grade_levels", "subjects")},
    "learning_partner.name": "partner_name",
    "learning_partner.email": "partner_email",
    "learning_partner": "partner_name",
    "consent.confidentiality_acknowledged": "consent",
    "_schema": "_form",
}
PLAIN_WORDS = {"Missing data for required field.": "Please fill this in.",
               "Shorter than minimum length 1.": "Please choose at least one."}


def to_payload(form: MultiDict) -> dict:
    """The JSON body the form stands for; empty fields are left out so they read as missing."""
    teacher = {name: form[name] for name in TEACHER_FIELDS if form.get(name, "").strip()}
    teacher["grade_levels"] = form.getlist("grade_levels")
    teacher["subjects"] = [subject.strip() for subject in form.get("subjects", "").split(",") if subject.strip()]
    payload = {name: form[name] for name in ("program", "referral", "focus_area", "requested_coach_id")
               if form.get(name, "").strip()}
    partner = {key: form[name] for key, name in (("name", "partner_name"), ("email", "partner_email"))
               if form.get(name, "").strip()}
    payload.update(
        teacher=teacher, reasons=form.getlist("reasons"), reason_details=form.get("reason_details", ""),
        support_types=form.getlist("support_types"), learning_partner=partner or None,
        consent={"confidentiality_acknowledged": form.get("consent") == "yes"},
    )
    return payload


def errors_by_field(messages: dict) -> dict[str, list[str]]:
    """Marshmallow's nested errors as {form field name: [messages]}; others under "_form"."""
    result: dict[str, list[str]] = {}
    for path, texts in flatten(messages).items():
        name = FORM_NAMES.get(path, path if "." not in path else "_form")
        result.setdefault(name, []).extend(PLAIN_WORDS.get(text, text) for text in texts)
    return result


def flatten(messages, path: str = "") -> dict[str, list[str]]:
    """{"teacher": {"email": [..]}} -> {"teacher.email": [..]}; list positions fold into the list's field."""
    if not isinstance(messages, dict):
        return {path: list(messages) if isinstance(messages, list) else [str(messages)]}
    result: dict[str, list[str]] = {}
    for key, value in messages.items():
        child = path if isinstance(key, int) else f"{path}.{key}" if path else str(key)
        for name, texts in flatten(value, child).items():
            result.setdefault(name, []).extend(texts)
    return result
