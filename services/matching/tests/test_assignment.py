"""The optimal proposal: the highest total score, never over capacity, never an excluded pair."""
import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.assignment import propose
from matching.scoring import capacity_points, exclusion, match_points
from services.matching.tests.builders import applicant, coach


def best_total(applicants, coaches, loads) -> int:
    """Brute force: the best total over every way of giving each applicant one coach or none."""
    best = 0
    for choice in itertools.product([None, *coaches], repeat=len(applicants)):
        taken, total = Counter(), 0
        for person, chosen in zip(applicants, choice):
            if chosen is None:
                continue
            load = loads.get(chosen.id, 0) + taken[chosen.id]
            if exclusion(person, chosen, load) is not None:
                break
            total += match_points(person, chosen) + capacity_points(
                chosen.max_active_pairings - load, chosen.max_active_pairings)
            taken[chosen.id] += 1
        else:
            best = max(best, total)
    return best


def test_optimal_beats_first_come_first_served():
    both = coach("both", programs=frozenset({"voluntary_peer_coaching", "district_coaching"}), max_active_pairings=1)
    voluntary_only = coach("voluntary", focus_areas=frozenset({"literacy"}), max_active_pairings=1)
    first = applicant(key="first")
    second = applicant(key="second", program="district_coaching")

    proposals = propose([first, second], [both, voluntary_only], loads={})

    assert {key: p.coach_id for key, p in proposals.items()} == {"first": "voluntary", "second": "both"}


def test_capacity_and_exclusions_hold_and_the_rest_stay_unassigned():
    applicants = [applicant(key=f"r{i}") for i in range(5)]
    coaches = [coach("a", max_active_pairings=3), coach("b", max_active_pairings=2), coach("off", active=False),
               coach("teacher", employee_id="E1")]

    proposals = propose(applicants, coaches, loads={"a": 1})

    assert Counter(p.coach_id for p in proposals.values()) == {"a": 2, "b": 2}
    assert len(proposals) == 4


def test_free_places_spread_the_load():
    proposals = propose([applicant(key="r1"), applicant(key="r2")],
                        [coach("a", max_active_pairings=4), coach("b", max_active_pairings=4)], loads={})

    assert sorted(p.coach_id for p in proposals.values()) == ["a", "b"]


FOCUS = st.sampled_from(["numeracy", "literacy"])
PROGRAM = st.sampled_from(["voluntary_peer_coaching", "district_coaching"])


@settings(max_examples=60, deadline=None)
@given(people=st.lists(st.tuples(FOCUS, PROGRAM, st.sampled_from(["9", "2"])), min_size=1, max_size=4),
       staff=st.lists(st.tuples(FOCUS, PROGRAM, st.integers(1, 2), st.integers(0, 2), st.booleans()),
                      min_size=1, max_size=3))
def test_the_proposal_reaches_the_best_total_there_is(people, staff):
    applicants = [applicant(key=f"r{i}", focus_area=focus, program=program, grade_bands=frozenset({grade}))
                  for i, (focus, program, grade) in enumerate(people)]
    coaches = [coach(f"c{i}", focus_areas=frozenset({focus}), programs=frozenset({program}),
                     max_active_pairings=capacity, active=active)
               for i, (focus, program, capacity, _load, active) in enumerate(staff)]
    loads = {f"c{i}": load for i, (*_, load, _active) in enumerate(staff)}

    proposals = propose(applicants, coaches, loads)

    by_key = {a.key: a for a in applicants}
    by_id = {c.id: c for c in coaches}
    for coach_id, count in Counter(p.coach_id for p in proposals.values()).items():
        assert loads[coach_id] + count <= by_id[coach_id].max_active_pairings
    assert all(exclusion(by_key[key], by_id[p.coach_id], 0) is None for key, p in proposals.items())
    assert sum(p.score for p in proposals.values()) == best_total(applicants, coaches, loads)
