"""Match points of every application against every coach at once, as NumPy arrays.

The same points as `scoring.match_points` and the same exclusions as `scoring.pair_exclusion`,
computed for whole rosters: each kind of set (focus areas, grade bands, subjects, support
types, programs) becomes a 0/1 matrix over the values that occur, so the size of every overlap
is one matrix product. The points an overlap earns are looked up in a table made with the very
expression `match_reasons` uses (`round(points * shared / wanted)`), so each pair scores exactly
what `match_points` gives it (`tests/test_score_matrix.py` checks them pair by pair).
Pure: no Flask, no database.
"""
from __future__ import annotations

import numpy as np

from matching.scoring import (
    FOCUS_POINTS,
    GRADE_POINTS,
    PROGRAM_POINTS,
    SUBJECT_POINTS,
    SUPPORT_POINTS,
    Applicant,
    CoachProfile,
)

EXCLUDED = -1
POINTS = np.int16  # every score fits (at most 100), and small arrays are quick to go through


def one_hot(rows: list[frozenset[str]], columns: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """`rows` and `columns` as 0/1 matrices over the values that occur in either."""
    vocabulary = {value: i for i, value in enumerate(sorted(set().union(*rows, *columns)))}

    def encode(sets: list[frozenset[str]]) -> np.ndarray:
        matrix = np.zeros((len(sets), len(vocabulary)), dtype=np.float32)
        where = [(i, vocabulary[value]) for i, values in enumerate(sets) for value in values]
        if where:
            matrix[tuple(np.array(where).T)] = 1
        return matrix
    return encode(rows), encode(columns)


def shared_counts(rows: list[frozenset[str]], columns: list[frozenset[str]]) -> np.ndarray:
    """How many values each row's set shares with each column's (exact: small whole numbers in float32)."""
    row_matrix, column_matrix = one_hot(rows, columns)
    return (row_matrix @ column_matrix.T).astype(np.intp)


def overlap_points(points: int, wanted: list[frozenset[str]], offered: list[frozenset[str]]) -> np.ndarray:
    """The points each application (row) earns for what it shares with each coach (column)."""
    sizes = np.array([len(values) for values in wanted], dtype=np.intp)
    largest = int(sizes.max(initial=0))
    table = np.array([[round(points * shared / size) if 0 < shared <= size else 0 for shared in range(largest + 1)]
                      for size in range(largest + 1)], dtype=POINTS)
    return table[sizes[:, None], shared_counts(wanted, offered)]


def match_matrix(applicants: list[Applicant], coaches: list[CoachProfile]) -> np.ndarray:
    """Applications x coaches: match points (everything but capacity), or EXCLUDED (-1)."""
    if not applicants or not coaches:
        return np.zeros((len(applicants), len(coaches)), dtype=POINTS)
    focus = shared_counts([frozenset({a.focus_area}) for a in applicants], [c.focus_areas for c in coaches])
    points = np.where(focus > 0, POINTS(FOCUS_POINTS + PROGRAM_POINTS), POINTS(PROGRAM_POINTS))
    points += overlap_points(GRADE_POINTS, [a.grade_bands for a in applicants], [c.grade_bands for c in coaches])
    points += overlap_points(SUBJECT_POINTS, [a.subjects for a in applicants], [c.subjects for c in coaches])
    points += overlap_points(SUPPORT_POINTS, [a.support_types for a in applicants], [c.support_types for c in coaches])
    points[~allowed(applicants, coaches)] = EXCLUDED
    return points


def allowed(applicants: list[Applicant], coaches: list[CoachProfile]) -> np.ndarray:
    """True where `pair_exclusion` finds nothing: an active coach serving the program who is not the teacher."""
    serves = shared_counts([frozenset({a.program}) for a in applicants], [c.programs for c in coaches]) > 0
    active = np.array([c.active for c in coaches], dtype=bool)
    people: dict[str, int] = {}
    teacher = np.array([people.setdefault(a.employee_id, len(people)) for a in applicants])
    coach_person = np.array([people.setdefault(c.employee_id, len(people)) for c in coaches])
    return serves & active[None, :] & (teacher[:, None] != coach_person[None, :])
