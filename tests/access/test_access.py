"""Every endpoint of every service, called by every kind of caller, answers as the table says."""
from peercoach.service import SERVICES
from tests.access.table import CALLERS, OPERATIONS, OPERATOR_PATHS, headers
from tests.access.world import Subject

METHODS = ("get", "put", "post", "patch", "delete")
REFUSALS = (401, 403, 404)


def documented_operations(clients) -> set[tuple[str, str, str]]:
    found = set()
    for name, client in clients.items():
        for path, item in client.get("/openapi.json").get_json()["paths"].items():
            found |= {(name, method.upper(), path) for method in item if method in METHODS}
    return found


def test_the_table_covers_every_documented_operation_exactly_once(make_app):
    clients = {name: make_app(name).test_client() for name in SERVICES}
    keys = [op.key for op in OPERATIONS]

    assert len(keys) == len(set(keys)), "an operation is in the table twice"
    assert set(keys) == documented_operations(clients)


def test_every_operation_answers_each_caller_as_the_table_says(world, subtests):
    for op in OPERATIONS:
        for caller in op.callers():
            with subtests.test(f"{caller} {op.method} {op.service}{op.path}"):
                subject = op.subject_for(world)
                response = world.call(op.service, op.method, op.path.format(**subject.params),
                                      headers(world, caller, subject),
                                      json=op.body(world, caller) if op.body else None,
                                      query_string=op.query(world) if op.query else None)

                expected = op.expected(caller)
                assert response.status_code == expected, response.get_data(as_text=True)
                if expected in REFUSALS:
                    assert set(response.get_json()["error"]) == {"code", "message", "fields"}


def test_a_refused_call_says_so_in_json_and_asks_for_a_bearer_token(world):
    response = world.call("timesheets", "GET", "/pairings/x/hours")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_a_coach_outside_the_pairing_sees_none_of_it(world):
    pairing = world.subjects["pairing"]
    outsider = headers(world, "other_coach", Subject())
    mine = headers(world, "coach", pairing)

    listed = world.call("matching", "GET", "/pairings", outsider).get_json()["items"]
    own = world.call("matching", "GET", "/pairings", mine).get_json()["items"]

    assert pairing.params["pairing_id"] not in [p["id"] for p in listed]
    assert pairing.params["pairing_id"] in [p["id"] for p in own]


def test_operator_endpoints_answer_everyone(world, subtests):
    for name in SERVICES:
        for path in OPERATOR_PATHS:
            for caller in CALLERS:
                with subtests.test(f"{caller} GET {name}{path}"):
                    response = world.call(name, "GET", path, headers(world, caller, Subject()))
                    assert response.status_code == 200
