"""Transparent scores with reasons, absolute exclusions, and the requested coach."""
from matching.ranking import rank
from matching.scoring import grade_bands
from services.matching.tests.builders import applicant, coach


def test_score_is_the_sum_of_its_listed_reasons():
    [best] = rank(applicant(), [coach("c1")], loads={"c1": 1}).suggestions

    assert best.score == 35 + 20 + 15 + 8 + 5 + 5
    assert best.reasons == ("focus area numeracy (+35)", "grade bands secondary (1 of 1) (+20)",
                            "subjects math (1 of 1) (+15)", "support types observation_feedback (1 of 2) (+8)",
                            "serves voluntary_peer_coaching (+5)", "1 of 2 places free (+5)")


def test_better_fit_and_more_free_places_rank_higher():
    close = coach("close")
    primary = coach("primary", grade_bands=grade_bands(["K", "2"]))
    busy = coach("busy")

    ranking = rank(applicant(), [primary, busy, close], loads={"busy": 1})

    assert [s.coach_id for s in ranking.suggestions] == ["close", "busy", "primary"]


def test_inactive_full_other_program_and_the_teacher_themself_are_excluded():
    coaches = [coach("inactive", active=False), coach("full"),
               coach("district", programs=frozenset({"district_coaching"})), coach("self", employee_id="E1"),
               coach("ok")]

    ranking = rank(applicant(), coaches, loads={"full": 2})

    assert [s.coach_id for s in ranking.suggestions] == ["ok"]


def test_pending_proposals_count_against_capacity():
    ranking = rank(applicant(), [coach("c1", max_active_pairings=1)], loads={"c1": 1})

    assert ranking.suggestions == ()


def test_an_eligible_requested_coach_is_marked_and_ranked_first():
    weaker = coach("weaker", focus_areas=frozenset({"literacy"}))

    ranking = rank(applicant(requested_coach_id="weaker"), [coach("strong"), weaker], loads={})

    assert [(s.coach_id, s.requested) for s in ranking.suggestions] == [("weaker", True), ("strong", False)]
    assert ranking.requested.eligible is True


def test_an_ineligible_requested_coach_is_explained():
    full = rank(applicant(requested_coach_id="c1"), [coach("c1")], loads={"c1": 2}).requested
    unknown = rank(applicant(requested_coach_id="ghost"), [coach("c1")], loads={}).requested

    assert (full.eligible, full.code) == (False, "coach_at_capacity") and "2 of 2" in full.message
    assert (unknown.eligible, unknown.code) == (False, "unknown_coach")


def test_grade_levels_fall_into_bands():
    assert grade_bands(["K", "1", "05", "kindergarten", "12", "adult"]) == {"primary", "intermediate", "secondary",
                                                                           "adult"}
