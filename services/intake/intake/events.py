"""The payloads intake publishes: what others need, never the teacher's free-text reason details."""
from __future__ import annotations

from intake.models import Application


def submitted(application: Application) -> dict:
    return {
        "application_id": application.id,
        "program": application.program,
        "referral": application.referral,
        "teacher": application.teacher,
        "reasons": application.reasons,
        "focus_area": application.focus_area,
        "support_types": application.support_types,
        "requested_coach_id": application.requested_coach_id,
        "learning_partner": application.learning_partner,
        "submitted_at": application.submitted_at.isoformat(),
    }


def withdrawn(application: Application) -> dict:
    teacher = application.teacher
    return {
        "application_id": application.id,
        "program": application.program,
        "teacher": {"name": f"{teacher['first_name']} {teacher['last_name']}", "email": teacher["email"]},
        "withdrawn_by": application.withdrawn_by,
    }
