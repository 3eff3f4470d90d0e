"""Human labels for the codes every service shares (the codes live in the event contracts)."""
from __future__ import annotations

from peercoach.events.contracts import EMPLOYMENT_STATUSES, FOCUS_AREAS, PROGRAMS, REASONS, REFERRALS, SUPPORT_TYPES

GRADE_LEVELS = ("K",) + tuple(str(grade) for grade in range(1, 13))

LABELS = {
    "referral": {
        "self": "I am asking for support myself",
        "plan_of_assistance": "I am on a plan of assistance",
        "pre_evaluation_concern": "Concerns were raised before an evaluation",
    },
    "employment_status": {
        "permanent": "Permanent", "probationary": "Probationary", "temporary": "Temporary",
        "on_call": "On call (TOC)",
    },
    "reasons": {
        "new_grade_level": "New grade level", "new_subject": "New subject", "new_school": "New school",
        "outside_credential": "Assignment outside my credential",
        "improve_practice": "Improve my teaching practice with a non-evaluative peer",
        "pd_needs_unmet": "Professional development needs not met elsewhere", "other": "Other",
    },
    "focus_area": {
        "literacy": "Literacy", "numeracy": "Numeracy",
        "social_emotional_learning": "Social-emotional learning",
        "adst": "Applied design, skills and technologies (ADST)", "complex_needs": "Complex needs",
        "instructional_technology": "Instructional technology",
        "classroom_management": "Classroom management", "curriculum_planning": "Curriculum planning",
        "other": "Other",
    },
    "support_types": {
        "model_teaching": "Model / demonstration teaching", "team_teaching": "Team teaching",
        "collaborative_planning": "Collaborative planning",
        "observation_feedback": "Observation and feedback",
    },
}

CODES = {"referral": REFERRALS, "employment_status": EMPLOYMENT_STATUSES, "reasons": REASONS,
         "focus_area": FOCUS_AREAS, "support_types": SUPPORT_TYPES, "program": PROGRAMS}


def options(name: str) -> list[tuple[str, str]]:
    """(code, label) pairs for a form field, in the contract's order."""
    return [(code, LABELS[name].get(code, code)) for code in CODES[name]]
