"""The program report for the year-end review: figures per program, focus area and school. Pure.

No names, and no group that could point at a person: a group of fewer than MIN_TEACHERS distinct
teachers is suppressed, and when exactly one group of a dimension is suppressed, the next smallest
is suppressed with it so the hidden one cannot be worked out from the total.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from peercoach.spreadsheet import inert_row

MIN_TEACHERS = 5
DIMENSIONS = ("program", "focus_area", "school")
ZERO, TENTH = Decimal("0.00"), Decimal("0.1")
FIGURES = ("teachers", "applications", "approved", "denied", "approval_rate_pct", "hours_approved", "hours_used",
           "federation_cost", "district_cost")


@dataclass(frozen=True)
class Application:
    """One application of the period, with its pairing's figures (zero when not approved)."""
    teacher: str
    program: str
    focus_area: str
    school: str
    status: str
    hours_approved: Decimal = ZERO
    hours_used: Decimal = ZERO
    federation_cost: Decimal = ZERO
    district_cost: Decimal = ZERO


def figures(applications: list[Application]) -> dict:
    approved = sum(a.status == "approved" for a in applications)
    denied = sum(a.status == "denied" for a in applications)
    decided = approved + denied
    return {
        "teachers": len({a.teacher for a in applications}),
        "applications": len(applications), "approved": approved, "denied": denied,
        "approval_rate_pct": (Decimal(100 * approved) / decided).quantize(TENTH) if decided else None,
        **{name: sum((getattr(a, name) for a in applications), ZERO)
           for name in ("hours_approved", "hours_used", "federation_cost", "district_cost")},
    }


def suppressed(group: str) -> dict:
    return {"group": group, "suppressed": True, **dict.fromkeys(FIGURES)}


def by(dimension: str, applications: list[Application]) -> list[dict]:
    groups: dict[str, list[Application]] = {}
    for application in applications:
        groups.setdefault(getattr(application, dimension) or "unknown", []).append(application)
    sizes = {key: len({a.teacher for a in members}) for key, members in groups.items()}
    hidden = {key for key, size in sizes.items() if size < MIN_TEACHERS}
    if len(hidden) == 1 and len(groups) > 1:
        hidden.add(min((key for key in groups if key not in hidden), key=lambda key: (sizes[key], key)))
    return [suppressed(key) if key in hidden else {"group": key, "suppressed": False, **figures(groups[key])}
            for key in sorted(groups)]


def report(applications: list[Application]) -> dict:
    """Totals and the groups of each dimension; everything suppressed when the whole is too small."""
    if len({a.teacher for a in applications}) < MIN_TEACHERS:
        return {"totals": suppressed("all"), **{f"by_{d}": [] for d in DIMENSIONS}}
    return {"totals": {"group": "all", "suppressed": False, **figures(applications)},
            **{f"by_{dimension}": by(dimension, applications) for dimension in DIMENSIONS}}


def csv_rows(result: dict):
    """Header, then one row per group (the totals first); cells a spreadsheet cannot run as formulas."""
    yield ["dimension", "group", "suppressed", *FIGURES]
    groups = [("all", result["totals"])] + [(d, g) for d in DIMENSIONS for g in result[f"by_{d}"]]
    for dimension, group in groups:
        yield inert_row([dimension, group["group"], str(group["suppressed"]).lower(),
                         *("" if group[name] is None else group[name] for name in FIGURES)])
