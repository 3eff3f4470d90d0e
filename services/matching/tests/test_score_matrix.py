"""The NumPy score matrix gives every pair exactly what `match_points` and `pair_exclusion` give it."""
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.assignment import propose, weights
from matching.score_matrix import EXCLUDED, match_matrix
from matching.scoring import Applicant, CoachProfile, capacity_points, match_points, pair_exclusion
from services.matching.tests.builders import applicant, coach

PROGRAMS = ["voluntary_peer_coaching", "district_coaching", "peer_support_service"]
VALUES = st.sampled_from(["a", "b", "c", "d", "e", "f", "g"])
SETS = st.frozensets(VALUES, max_size=7)  # empty sets too, and every share (1/7, 2/3, 5/6, ...) that rounds


def expected(applicants: list[Applicant], coaches: list[CoachProfile]) -> list[list[int]]:
    return [[match_points(a, c) if pair_exclusion(a, c) is None else EXCLUDED for c in coaches] for a in applicants]


applicants_st = st.lists(st.builds(
    Applicant, key=st.uuids().map(str), program=st.sampled_from(PROGRAMS), employee_id=st.sampled_from(["E1", "E2"]),
    focus_area=VALUES, grade_bands=SETS, subjects=SETS, support_types=SETS), max_size=6)
coaches_st = st.lists(st.builds(
    CoachProfile, id=st.uuids().map(str), employee_id=st.sampled_from(["E1", "E2", "E3"]), active=st.booleans(),
    programs=st.frozensets(st.sampled_from(PROGRAMS)), focus_areas=SETS, grade_bands=SETS, subjects=SETS,
    support_types=SETS, max_active_pairings=st.integers(0, 4)), max_size=6)


@settings(max_examples=300, deadline=None)
@given(applicants=applicants_st, coaches=coaches_st)
def test_every_pair_scores_as_match_points_or_is_excluded_as_pair_exclusion(applicants, coaches):
    matrix = match_matrix(applicants, coaches)

    assert matrix.shape == (len(applicants), len(coaches))
    assert matrix.tolist() == expected(applicants, coaches)


def test_a_seeded_roster_scores_pair_by_pair_as_before():
    rng = random.Random(1818)
    focus, bands = ["numeracy", "literacy", "inclusion"], ["primary", "intermediate", "secondary", "adult"]
    subjects, support = ["math", "english", "science", "art", "pe"], ["observation_feedback", "team_teaching",
                                                                         "co_planning", "modelling"]
    applicants = [applicant(key=f"r{i}", program=rng.choice(PROGRAMS), employee_id=f"E{rng.randrange(40)}",
                            focus_area=rng.choice(focus), grade_bands=frozenset(rng.sample(bands, rng.randint(1, 3))),
                            subjects=frozenset(rng.sample(subjects, rng.randint(1, 3))),
                            support_types=frozenset(rng.sample(support, rng.randint(1, 4)))) for i in range(120)]
    coaches = [coach(f"c{i}", employee_id=f"E{rng.randrange(40)}", active=rng.random() > .1,
                     programs=frozenset(rng.sample(PROGRAMS, rng.randint(1, 2))),
                     focus_areas=frozenset(rng.sample(focus, rng.randint(1, 2))),
                     grade_bands=frozenset(rng.sample(bands, rng.randint(1, 3))),
                     subjects=frozenset(rng.sample(subjects, rng.randint(1, 3))),
                     support_types=frozenset(rng.sample(support, rng.randint(1, 4))),
                     max_active_pairings=rng.randint(1, 4)) for i in range(60)]
    loads = {c.id: rng.randint(0, 2) for c in coaches}

    assert match_matrix(applicants, coaches).tolist() == expected(applicants, coaches)
    matrix, owners = weights(applicants, coaches, loads)
    by_id = {c.id: c for c in coaches}
    for key, proposal in propose(applicants, coaches, loads).items():
        person, chosen = next(a for a in applicants if a.key == key), by_id[proposal.coach_id]
        assert pair_exclusion(person, chosen) is None
        assert proposal.score - match_points(person, chosen) in {
            capacity_points(chosen.max_active_pairings - loads[chosen.id] - k, chosen.max_active_pairings)
            for k in range(chosen.max_active_pairings - loads[chosen.id])}
    assert matrix.shape[1] == len(owners)


def test_no_applications_or_no_open_coaches():
    assert match_matrix([], [coach("c1")]).shape == (0, 1)
    assert match_matrix([applicant()], []).shape == (1, 0)
    assert propose([applicant()], [coach("full")], loads={"full": 2}) == {}
    assert propose([], [coach("c1")], loads={}) == {}
    assert np.array_equal(weights([applicant()], [coach("off", active=False)], {})[0], np.zeros((1, 0)))
