"""Scoring profiles for the pure tests."""
from matching.scoring import Applicant, CoachProfile, grade_bands, words


def applicant(**overrides) -> Applicant:
    values = dict(key="r1", program="voluntary_peer_coaching", employee_id="E1", focus_area="numeracy",
                  grade_bands=grade_bands(["9", "10"]), subjects=words(["Math"]),
                  support_types=frozenset({"observation_feedback", "team_teaching"}), requested_coach_id=None)
    return Applicant(**{**values, **overrides})


def coach(id_: str, **overrides) -> CoachProfile:
    values = dict(id=id_, employee_id=f"E-{id_}", active=True, programs=frozenset({"voluntary_peer_coaching"}),
                  focus_areas=frozenset({"numeracy"}), grade_bands=grade_bands(["8", "12"]), subjects=words(["math"]),
                  support_types=frozenset({"observation_feedback"}), max_active_pairings=2)
    return CoachProfile(**{**values, **overrides})
