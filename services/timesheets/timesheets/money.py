"""Money arithmetic: exact decimals, cents rounded half up, splits that add back to the cent.

Pure functions: no Flask, no SQLAlchemy.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MINUTES_PER_HALF_DAY = 210
PAYERS = ("federation", "district")


def cents(amount: Decimal) -> Decimal:
    """`amount` rounded to the cent, halves away from zero."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def hours(minutes: int) -> Decimal:
    """Minutes as hours to the hundredth (the figure shown, paid and exported)."""
    return cents(Decimal(minutes) / 60)


def half_days(minutes: int) -> int:
    """Release time in half-days: every started half-day (up to 210 minutes) counts as one."""
    return -(-minutes // MINUTES_PER_HALF_DAY)


def amount(quantity: Decimal | int, rate: Decimal) -> Decimal:
    """A quantity (hours or half-days) at a rate, to the cent."""
    return cents(Decimal(quantity) * rate)


def split(total: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """Share `total` (whole cents) by `weights` with the largest-remainder method.

    Every share is within a cent of its exact proportion and the shares add up to the
    total exactly. Ties in the remainder go to the key that comes first in `weights`.
    """
    if cents(total) != total:
        raise ValueError(f"total {total} is not a whole number of cents")
    weight_sum = sum(weights.values(), Decimal(0))
    if weight_sum <= 0 or any(w < 0 for w in weights.values()):
        raise ValueError(f"weights must be non-negative with a positive sum, got {weights}")
    total_cents = int(total / CENT)
    exact = {key: Decimal(total_cents) * w / weight_sum for key, w in weights.items()}
    floors = {key: int(value) for key, value in exact.items()}
    left = total_cents - sum(floors.values())
    order = sorted(weights, key=lambda key: -(exact[key] - floors[key]))
    for key in order[:left]:
        floors[key] += 1
    return {key: Decimal(floors[key]) * CENT for key in weights}


def coaching_shares(gross: Decimal, federation_pct: Decimal, district_pct: Decimal) -> dict[str, Decimal]:
    """The coaching cost by payer (payers with a 0% share are left out)."""
    weights = {"federation": federation_pct, "district": district_pct}
    return {payer: share for payer, share in split(gross, weights).items() if weights[payer] > 0}
