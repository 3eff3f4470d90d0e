"""One optimal proposal for all pending reviews, shown on the reviews as a suggestion."""
from collections import Counter


def test_propose_fills_capacity_with_the_best_total_and_shows_it_on_the_reviews(matching):
    numeracy = matching.add_coach(max_active_pairings=2)
    literacy = matching.add_coach(focus_areas=["literacy"], max_active_pairings=1)
    district_only = matching.add_coach(programs=["district_coaching"])
    reviews = [matching.submit() for _ in range(4)]

    response = matching.client.post("/assignments/propose", headers=matching.coordinator)

    run = response.get_json()
    assert response.status_code == 200
    assert Counter(p["coach_id"] for p in run["proposals"]) == {numeracy["id"]: 2, literacy["id"]: 1}
    assert len(run["unassigned"]) == 1 and district_only["id"] not in str(run)
    assert run["total_score"] == sum(p["score"] for p in run["proposals"])
    shown = {r["id"]: r["proposal"] for r in matching.client.get("/reviews", headers=matching.coordinator).get_json()}
    assert {p["review_id"]: {"coach_id": p["coach_id"], "score": p["score"]} for p in run["proposals"]} == {
        key: value for key, value in shown.items() if value}
    assert set(shown) == {r["id"] for r in reviews}
    assert matching.events("pairing.created") == []


def test_proposing_again_replaces_the_proposals_and_respects_new_pairings(matching):
    coach = matching.add_coach(max_active_pairings=1)
    first, second = matching.submit(), matching.submit()
    matching.client.post("/assignments/propose", headers=matching.coordinator)
    proposed = next(r for r in (first, second) if matching.review_of(r["application_id"])["proposal"])
    matching.approve(proposed["id"], coach["id"])

    again = matching.client.post("/assignments/propose", headers=matching.coordinator).get_json()

    assert again["proposals"] == [] and len(again["unassigned"]) == 1


def test_only_the_coordinator_proposes(matching, token):
    assert matching.client.post("/assignments/propose", headers=token("coach", sub="c")).status_code == 403
