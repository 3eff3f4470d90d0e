"""Coordinators deciding at the same moment, against PostgreSQL: one decision per review,
never more pairings than a coach's capacity."""
import threading
from concurrent.futures import ThreadPoolExecutor


def at_once(matching, requests: list[tuple[str, dict]]) -> list:
    """Post every (path, body) from its own thread, released together."""
    start = threading.Barrier(len(requests))

    def post(request):
        path, body = request
        client = matching.app.test_client()
        start.wait()
        return client.post(path, json=body, headers=matching.coordinator)

    with ThreadPoolExecutor(len(requests)) as pool:
        return list(pool.map(post, requests))


def test_two_coordinators_deciding_one_review_exactly_one_wins(matching):
    coaches = [matching.add_coach() for _ in range(2)]
    for _ in range(3):
        review = matching.submit()
        path = f"/reviews/{review['id']}/decision"

        responses = at_once(matching, [(path, {"decision": "approve", "coach_id": coaches[0]["id"]}),
                                       (path, {"decision": "approve", "coach_id": coaches[1]["id"]}),
                                       (path, {"decision": "deny", "reason": "Too late this term."})])

        assert sorted(r.status_code for r in responses) == [200, 409, 409]
        assert {r.get_json()["error"]["code"] for r in responses if r.status_code == 409} == {"review_not_pending"}
    assert len(matching.events("pairing.created")) + len(matching.events("application.denied")) == 3


def test_concurrent_approvals_never_overfill_a_coach(matching):
    coach = matching.add_coach(max_active_pairings=2)
    reviews = [matching.submit() for _ in range(5)]

    responses = at_once(matching, [(f"/reviews/{r['id']}/decision", {"decision": "approve", "coach_id": coach["id"]})
                                   for r in reviews])

    assert sorted(r.status_code for r in responses) == [200, 200, 409, 409, 409]
    assert {r.get_json()["error"]["code"] for r in responses if r.status_code == 409} == {"coach_at_capacity"}
    assert len(matching.events("pairing.created")) == 2
    roster = matching.client.get(f"/coaches/{coach['id']}", headers=matching.coordinator).get_json()
    assert roster["active_pairings"] == 2 and roster["places_free"] == 0
