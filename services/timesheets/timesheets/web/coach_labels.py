"""How the coach's pages name activities and say what a rule leaves (from a refusal's `remaining`)."""
from __future__ import annotations

from peercoach.refusals import RuleBroken
from peercoach.web.formats import minutes
from timesheets import rules

ACTIVITIES = {
    "planning": "Planning",
    "demonstration_lesson": "Demonstration lesson",
    "debrief": "Debrief",
    "observation": "Observation",
    "team_teaching": "Team teaching",
    "lesson_cycle_planning": "Lesson cycle: planning",
    "lesson_cycle_observation": "Lesson cycle: observation",
    "lesson_cycle_debrief": "Lesson cycle: debrief",
    "release_day": "Release day (substitute time)",
    "other": "Other",
}
assert set(ACTIVITIES) == set(rules.ACTIVITIES)
ORDINALS = {1: "first", 2: "second", 3: "third"}


def activity(code: str) -> str:
    return ACTIVITIES.get(code, code)


def what_remains(refusal: RuleBroken) -> str | None:
    """The refusal's count said plainly: "2 h 30 min left", "the second lesson cycle is used"."""
    left = refusal.remaining
    if "minutes" in left:
        return f"That is more than is left: {minutes(left['minutes'])} of coaching time left on this pairing."
    if "lesson_cycles" in left:
        return (f"The {ORDINALS.get(rules.MAX_LESSON_CYCLES, 'last')} lesson cycle is used: "
                f"a voluntary pairing has {rules.MAX_LESSON_CYCLES}. Log this time under another activity.")
    if "release_days" in left:
        return "The release day is used: a voluntary pairing has one."
    if "release_half_days" in left:
        count = left["release_half_days"]
        return f"That needs more release time than is left: {count} half-day{'' if count == 1 else 's'} left."
    return None


def messages_for(refusal: RuleBroken, errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """`errors` with the rule's message beside its field said plainly, with what remains, where it counts."""
    remains = what_remains(refusal)
    if remains and refusal.field in errors:
        errors[refusal.field] = [remains]
    return errors
