"""One proposal for every pending application at once, maximising the total score under capacity.

Each coach is expanded into one slot per free place; the k-th slot is worth the match points
plus the capacity points with k places already given away, so filling a coach's slots in
order reproduces the capacity part of the score. SciPy's `linear_sum_assignment` (Hungarian
method) then finds the assignment of applications to slots with the highest total. Pairs that
are excluded are worth 0 and are never proposed. Pure: no Flask, no database.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from matching.scoring import Applicant, CoachProfile, capacity_points, match_points, pair_exclusion


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
    slots = [(coach, slot_values(coach, loads.get(coach.id, 0))) for coach in coaches if coach.active]
    owners = [coach.id for coach, values in slots for _ in values]
    matrix = np.zeros((len(applicants), len(owners)))
    for row, applicant in enumerate(applicants):
        start = 0
        for coach, values in slots:
            if len(values) and pair_exclusion(applicant, coach) is None:
                matrix[row, start:start + len(values)] = match_points(applicant, coach) + values
            start += len(values)
    return matrix, owners


def propose(applicants: list[Applicant], coaches: list[CoachProfile],
            loads: dict[str, int]) -> dict[str, Proposal]:
    """The optimal proposal for each applicant key that can have one."""
    matrix, owners = weights(applicants, coaches, loads)
    if matrix.size == 0:
        return {}
    rows, columns = linear_sum_assignment(matrix, maximize=True)
    return {applicants[row].key: Proposal(owners[column], int(matrix[row, column]))
            for row, column in zip(rows, columns) if matrix[row, column] > 0}
