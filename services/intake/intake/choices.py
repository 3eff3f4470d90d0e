"""The apply form's choices: the shared codes with their labels (peercoach.labels)."""
from __future__ import annotations

from peercoach.events.contracts import EMPLOYMENT_STATUSES, FOCUS_AREAS, PROGRAMS, REASONS, REFERRALS, SUPPORT_TYPES
from peercoach.labels import LABELS

GRADE_LEVELS = ("K",) + tuple(str(grade) for grade in range(1, 13))

CODES = {"referral": REFERRALS, "employment_status": EMPLOYMENT_STATUSES, "reasons": REASONS,
         "focus_area": FOCUS_AREAS, "support_types": SUPPORT_TYPES, "program": PROGRAMS}


def options(name: str) -> list[tuple[str, str]]:
    """(code, label) pairs for a form field, in the contract's order."""
    return [(code, LABELS[name].get(code, code)) for code in CODES[name]]
