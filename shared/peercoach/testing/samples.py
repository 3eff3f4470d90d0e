"""Valid sample data with unique values, for tests and benchmarks."""
from __future__ import annotations

import uuid


def application(**overrides) -> dict:
    """A valid voluntary peer coaching application with unique teacher data."""
    ref = uuid.uuid4().hex[:8]
    body = {
        "program": "voluntary_peer_coaching",
        "referral": "self",
        "teacher": {
            "employee_id": f"E{ref}", "first_name": "Ada", "last_name": f"Teacher{ref}",
            "email": f"ada.{ref}@school.example.org", "school": "Berkeley High",
            "district": "BUSD", "employment_status": "permanent",
            "grade_levels": ["9", "10"], "subjects": ["math"],
        },
        "reasons": ["improve_practice"],
        "reason_details": "I want to try new strategies.",
        "focus_area": "numeracy",
        "support_types": ["observation_feedback"],
        "consent": {"confidentiality_acknowledged": True},
    }
    body.update(overrides)
    return body


def submitted_payload(**overrides) -> dict:
    """An `application.submitted` payload as intake would publish it."""
    body = application()
    body.pop("reason_details")
    body.pop("consent")
    body.update(application_id=str(uuid.uuid4()), requested_coach_id=None, learning_partner=None,
                submitted_at="2026-11-02T10:00:00+00:00")
    body.update(overrides)
    return body
