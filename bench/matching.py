"""Benchmark: the optimal proposal against a greedy baseline on a synthetic roster.

2,000 pending applications and 500 coaches (seeded random, pure in memory). The optimal
proposal is matching's own (`matching.assignment.propose`: the pairs scored with NumPy, slots
per free place, SciPy's linear_sum_assignment); its anchor is the solver alone on the same
matrix, the least the proposal can take. The greedy baseline takes the applications in order,
each taking its best coach with a place left (scored pair by pair in Python). All use the same
scores; times are the best of 3 runs.
Run: .venv/bin/python bench/matching.py
"""
from __future__ import annotations

import random
import time

import benchpath  # noqa: F401  (first: keeps bench/ off the import path)
from scipy.optimize import linear_sum_assignment

from matching.assignment import propose, weights
from matching.scoring import Applicant, CoachProfile, capacity_points, grade_bands, match_points, pair_exclusion, words
from peercoach.events.contracts import FOCUS_AREAS, SUPPORT_TYPES

APPLICATIONS, COACHES, SEED = 2000, 500, 20261125
PROGRAMS = ("voluntary_peer_coaching", "district_coaching", "peer_support_service")
GRADES = ("K", *map(str, range(1, 13)))
SUBJECTS = ("math", "english", "science", "social studies", "french", "art", "music", "pe", "adst", "inclusion")


def some(rng: random.Random, choices, low: int, high: int) -> list:
    return rng.sample(choices, rng.randint(low, high))


def grade_span(rng: random.Random, width: int) -> list[str]:
    start = rng.randrange(len(GRADES) - width + 1)
    return list(GRADES[start:start + width])


def roster(rng: random.Random) -> tuple[list[CoachProfile], dict[str, int]]:
    coaches, loads = [], {}
    for i in range(COACHES):
        program = rng.choices(PROGRAMS, weights=(5, 4, 1))[0]
        programs = {program} | ({"district_coaching"} if program == "voluntary_peer_coaching" and rng.random() < .3
                                else set())
        capacity = rng.randint(1, 5)
        coaches.append(CoachProfile(
            id=f"c{i:04d}", employee_id=f"EC{i:04d}", active=rng.random() > .05, programs=frozenset(programs),
            focus_areas=frozenset(some(rng, FOCUS_AREAS, 1, 3)), grade_bands=grade_bands(grade_span(rng, 5)),
            subjects=words(some(rng, SUBJECTS, 1, 3)), support_types=frozenset(some(rng, SUPPORT_TYPES, 1, 4)),
            max_active_pairings=capacity))
        loads[f"c{i:04d}"] = rng.randint(0, capacity - 1)
    return coaches, loads


def applications(rng: random.Random) -> list[Applicant]:
    return [Applicant(
        key=f"r{i:05d}", program=rng.choices(PROGRAMS, weights=(5, 4, 1))[0], employee_id=f"ET{i:05d}",
        focus_area=rng.choice(FOCUS_AREAS), grade_bands=grade_bands(grade_span(rng, rng.randint(1, 3))),
        subjects=words(some(rng, SUBJECTS, 1, 2)), support_types=frozenset(some(rng, SUPPORT_TYPES, 1, 3)))
        for i in range(APPLICATIONS)]


def greedy(applicants: list[Applicant], coaches: list[CoachProfile], loads: dict[str, int]) -> dict[str, int]:
    """Each application in order takes its best coach with a place left: {key: score}."""
    remaining = {c.id: max(c.max_active_pairings - loads.get(c.id, 0), 0) for c in coaches}
    chosen = {}
    for applicant in applicants:
        best = max(((match_points(applicant, coach) + capacity_points(remaining[coach.id], coach.max_active_pairings),
                     coach.id) for coach in coaches
                    if remaining[coach.id] > 0 and pair_exclusion(applicant, coach) is None), default=None)
        if best is not None:
            chosen[applicant.key] = best[0]
            remaining[best[1]] -= 1
    return chosen


def timed(function, *args, repeat: int = 3):
    """The result and the best of `repeat` wall-clock times (the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - started)
    return result, best


def main() -> None:
    rng = random.Random(SEED)
    coaches, loads = roster(rng)
    applicants = applications(rng)
    places = sum(max(c.max_active_pairings - loads[c.id], 0) for c in coaches if c.active)
    print(f"{APPLICATIONS} pending applications, {COACHES} coaches, {places} free places (seed {SEED})")
    (matrix, _owners), _ = timed(weights, applicants, coaches, loads, repeat=1)
    _, solver_seconds = timed(linear_sum_assignment, matrix, True)
    optimal, optimal_seconds = timed(propose, applicants, coaches, loads)
    baseline, greedy_seconds = timed(greedy, applicants, coaches, loads)
    optimal_total = sum(p.score for p in optimal.values())
    greedy_total = sum(baseline.values())
    print(f"optimal (linear_sum_assignment): {optimal_seconds:7.2f} s  assigned {len(optimal):5d}  "
          f"total score {optimal_total}  (solver alone {solver_seconds:.2f} s on {matrix.shape[0]}x{matrix.shape[1]})")
    print(f"greedy baseline:                 {greedy_seconds:7.2f} s  assigned {len(baseline):5d}  "
          f"total score {greedy_total}")
    print(f"optimal / greedy total score: {optimal_total / greedy_total:.4f}  "
          f"time ratio: {optimal_seconds / greedy_seconds:.2f}x")
    print(f"optimal / solver alone: {optimal_seconds / solver_seconds:.2f}x "
          f"(scoring and slots take {optimal_seconds - solver_seconds:.2f} s)")


if __name__ == "__main__":
    main()
