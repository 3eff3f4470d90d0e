"""The payloads of the events matching publishes (JSON: decimals and dates as strings).

Only what the contracts name goes out: never an extension's reason or any other free text
written about the coaching.
"""
from __future__ import annotations

from decimal import Decimal

from matching.models import Coach, Extension, Pairing, Review

CENT = Decimal("0.01")


def amount(value: Decimal) -> str:
    return str(value.quantize(CENT))


def person(teacher: dict) -> dict:
    return {"name": f"{teacher['first_name']} {teacher['last_name']}", "email": teacher["email"]}


def coach_contact(coach: Coach) -> dict:
    return {"coach_id": coach.id, "employee_id": coach.employee_id, "name": coach.name, "email": coach.email,
            "district": coach.district}


def approved(review: Review, pairing: Pairing) -> dict:
    return {"application_id": review.application_id, "review_id": review.id, "pairing_id": pairing.id,
            "program": review.program, "teacher": person(review.teacher), "coach_id": pairing.coach_id,
            "hours_approved": amount(pairing.hours_approved)}


def denied(review: Review) -> dict:
    return {"application_id": review.application_id, "review_id": review.id, "program": review.program,
            "teacher": person(review.teacher), "reason": review.decision_reason}


def pairing_created(pairing: Pairing, coach: Coach) -> dict:
    """Version 2: no referral (only the teacher's email speaks of it, and notifications has it already)."""
    return {"pairing_id": pairing.id, "application_id": pairing.application_id, "program": pairing.program,
            "teacher": pairing.teacher, "coach": coach_contact(coach),
            "learning_partner": pairing.learning_partner, "hours_approved": amount(pairing.hours_approved),
            "release_half_days": pairing.release_half_days,
            "funding": {"federation_pct": amount(pairing.federation_pct), "district_pct": amount(pairing.district_pct)},
            "account_code": pairing.account_code, "started_on": pairing.started_on.isoformat()}


def hours_extended(pairing: Pairing, extension: Extension, coach: Coach) -> dict:
    return {"pairing_id": pairing.id, "extension_id": extension.id, "hours_added": amount(extension.hours),
            "hours_approved": amount(pairing.hours_approved), "teacher": person(pairing.teacher),
            "coach": coach_contact(coach)}


def pairing_closed(pairing: Pairing, coach: Coach) -> dict:
    return {"pairing_id": pairing.id, "program": pairing.program, "closed_on": pairing.closed_on.isoformat(),
            "teacher": person(pairing.teacher), "coach": coach_contact(coach),
            "teacher_employee_id": pairing.teacher["employee_id"]}
