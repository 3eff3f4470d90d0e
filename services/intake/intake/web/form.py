"""Between the HTML form's flat fields and the JSON shape the schema checks."""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from peercoach.web.forms import field_errors

TEACHER_FIELDS = ("employee_id", "first_name", "last_name", "email", "school", "district", "employment_status")
FORM_NAMES = {
    **{f"teacher.{name}": name for name in TEACHER_FIELDS + ("grade_levels", "subjects")},
    "learning_partner.name": "partner_name",
    "learning_partner.email": "partner_email",
    "learning_partner": "partner_name",
    "consent.confidentiality_acknowledged": "consent",
}


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
    return field_errors(messages, FORM_NAMES)
