"""One proposal for every pending application at once, maximising the total score under capacity.

Each coach is expanded into one slot per free place; the k-th slot is worth the match points
plus the capacity points with k places already given away, so filling a coach's slots in
order reproduces the capacity part of the score. The match points of all pairs come from one
NumPy computation (`score_matrix`). SciPy's `linear_sum_assignment` (Hungarian
method) then finds the assignment of applications to slots with the highest total. Pairs that
are excluded are worth 0 and are never proposed. Pure: no Flask, no database.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from matching.score_matrix import match_matrix
from matching.scoring import Applicant, CoachProfile, capacity_points


@dataclass(frozen=True)
class Proposal:
    coach_id: str
    score: int


def slot_values(coach: CoachProfile, load: int) -> np.ndarray:
    """The capacity points of each of the coach's free places, the first taken first."""
    remaining = max(coach.max_active_pairings - load, 0)
    return np.array([capacity_points(remaining - k, coach.max_active_pairings) for k in range(remaining)],
                    dtype=float)


def weights(applicants: list[Applicant], coaches: list[CoachProfile], loads: dict[str, int]):
    """The applications x slots score matrix, and which coach each slot belongs to."""
    slots = {coach.id: slot_values(coach, loads.get(coach.id, 0)) for coach in coaches if coach.active}
    open_coaches = [coach for coach in coaches if len(slots.get(coach.id, ()))]
    widths = [len(slots[coach.id]) for coach in open_coaches]
    capacity_part = np.concatenate([slots[coach.id] for coach in open_coaches] or [np.zeros(0)])
    per_slot = np.repeat(match_matrix(applicants, open_coaches), widths, axis=1)
    matrix = np.where(per_slot >= 0, per_slot + capacity_part, 0).astype(float)
    return matrix, [coach.id for coach, width in zip(open_coaches, widths) for _ in range(width)]


def propose(applicants: list[Applicant], coaches: list[CoachProfile],
            loads: dict[str, int]) -> dict[str, Proposal]:
    """The optimal proposal for each applicant key that can have one."""
    matrix, owners = weights(applicants, coaches, loads)
    if matrix.size == 0:
        return {}
    rows, columns = linear_sum_assignment(matrix, maximize=True)
    return {applicants[row].key: Proposal(owners[column], int(matrix[row, column]))
            for row, column in zip(rows, columns) if matrix[row, column] > 0}
