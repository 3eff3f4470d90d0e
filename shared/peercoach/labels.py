"""Human labels for the codes every service shares (the codes live in the event contracts)."""
from __future__ import annotations

LABELS = {
    "program": {
        "voluntary_peer_coaching": "Voluntary peer coaching", "district_coaching": "District instructional coaching",
        "peer_support_service": "Peer Support Service",
    },
    "referral": {
        "self": "I am asking for support myself",
        "plan_of_assistance": "I am on a plan of assistance",
        "pre_evaluation_concern": "Concerns were raised before an evaluation",
    },
    "referred": {  # the referral as the panel speaks of it
        "self": "Self-referral", "plan_of_assistance": "Plan of assistance",
        "pre_evaluation_concern": "Pre-evaluation concern",
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


def label(kind: str, code: str | None) -> str:
    """The words for a code (`label("focus_area", "adst")`); an unknown code as it is."""
    return LABELS.get(kind, {}).get(code, code or "")
