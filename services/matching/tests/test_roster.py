"""The coach roster: the coordinator keeps it; bad input is refused naming the field."""


def test_coordinator_creates_lists_updates_and_deactivates_a_coach(matching):
    coach = matching.add_coach(name="Grace Hopper", max_active_pairings=2)
    path, headers = f"/coaches/{coach['id']}", matching.coordinator

    renamed = matching.client.patch(path, json={"name": "Grace B. Hopper", "subjects": ["math", "physics"]},
                                    headers=headers)
    deactivated = matching.client.patch(path, json={"active": False}, headers=headers)

    assert coach["active"] is True and coach["places_free"] == 2 and coach["active_pairings"] == 0
    assert renamed.status_code == 200 and renamed.get_json()["subjects"] == ["math", "physics"]
    assert deactivated.get_json()["active"] is False
    assert matching.client.get(path, headers=headers).get_json()["name"] == "Grace B. Hopper"
    inactive = matching.client.get("/coaches?active=false", headers=headers).get_json()["items"]
    assert [c["id"] for c in inactive] == [coach["id"]]
    assert matching.client.get("/coaches?active=true", headers=headers).get_json()["items"] == []


def test_list_filters_by_program(matching):
    district = matching.add_coach(programs=["district_coaching"])
    consultant = matching.add_coach(programs=["peer_support_service"])

    listed = matching.client.get("/coaches?program=peer_support_service",
                                 headers=matching.coordinator).get_json()["items"]

    assert [c["id"] for c in listed] == [consultant["id"]] and district["id"] != consultant["id"]


def test_unknown_fields_and_bad_codes_are_refused_naming_them(matching):
    base = {"employee_id": "C1", "name": "A", "email": "a@example.org", "district": "BUSD",
            "programs": ["voluntary_peer_coaching"], "max_active_pairings": 2}
    cases = {
        "nickname": {**base, "nickname": "Al"},
        "focus_areas": {**base, "focus_areas": ["astrology"]},
        "programs": {**base, "programs": ["weekend_retreats"]},
        "max_active_pairings": {**base, "max_active_pairings": 0},
        "email": {**base, "email": "not-an-email"},
        "grade_levels": {**base, "grade_levels": ["13"]},
    }
    for field, body in cases.items():
        response = matching.client.post("/coaches", json=body, headers=matching.coordinator)
        assert response.status_code == 422, field
        assert field in response.get_json()["error"]["fields"], response.get_json()


def test_peer_support_consultants_are_separate_from_district_coaches(matching):
    response = matching.client.post("/coaches", headers=matching.coordinator, json={
        "employee_id": "C2", "name": "B", "email": "b@example.org", "district": "BUSD",
        "programs": ["peer_support_service", "district_coaching"], "max_active_pairings": 2})

    assert response.status_code == 422 and "programs" in response.get_json()["error"]["fields"]


def test_employee_id_is_unique_on_the_roster(matching):
    first = matching.add_coach()
    response = matching.client.post("/coaches", headers=matching.coordinator, json={
        "employee_id": first["employee_id"], "name": "Twin", "email": "twin@example.org", "district": "BUSD",
        "programs": ["voluntary_peer_coaching"], "max_active_pairings": 1})

    assert response.status_code == 409 and response.get_json()["error"]["code"] == "employee_id_taken"


def test_only_the_coordinator_manages_the_roster(matching, token):
    coach = matching.add_coach()

    assert matching.client.get("/coaches", headers=token("coach", sub=coach["id"])).status_code == 403
    assert matching.client.patch(f"/coaches/{coach['id']}", json={"active": False},
                                 headers=token("teacher", sub="E1")).status_code == 403
    assert matching.client.get("/coaches/nope", headers=matching.coordinator).status_code == 404


def test_text_a_database_cannot_store_is_refused_not_a_server_error(matching):
    response = matching.client.post("/coaches", headers=matching.coordinator, json={
        "employee_id": "C3", "name": "Nul\x00l", "email": "n@example.org", "district": "BUSD",
        "programs": ["voluntary_peer_coaching"], "max_active_pairings": 1})
    lookup = matching.client.get("/coaches/%00", headers=matching.coordinator)

    assert response.status_code == 422 and "name" in response.get_json()["error"]["fields"]
    assert lookup.status_code == 422 and lookup.is_json


def test_the_roster_comes_a_page_at_a_time_by_name(matching):
    names = [matching.add_coach(name=f"Zz Page {n}")["name"] for n in range(3)]

    pages = [matching.client.get(f"/coaches?page_size=2&page={n}", headers=matching.coordinator).get_json()
             for n in (1, 2)]

    assert pages[0]["total"] == 3 and [p["page"] for p in pages] == [1, 2]
    assert [c["name"] for page in pages for c in page["items"]] == names
    assert matching.client.get("/coaches?page=0", headers=matching.coordinator).status_code == 422
