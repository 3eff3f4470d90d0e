"""Request fields: exact amounts with at most two decimals, within the programs' limits."""
from __future__ import annotations

from matching.rules import HARD_MAX_HOURS, RULES
from peercoach.web.fields import Amount

MOST_HOURS = int(HARD_MAX_HOURS)  # of an approval or an extension, in every program
MOST_HALF_DAYS = max(rule.max_release for rule in RULES.values())  # each program's own limit is a rule


def amount(required: bool = False, maximum: int = MOST_HOURS, positive: bool = False) -> Amount:
    """A string such as "10.5": from 0 (above 0 when `positive`) up to `maximum`, at most two decimals."""
    return Amount(maximum, positive=positive, required=required)
