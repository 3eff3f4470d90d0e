"""Coordinator reads, a page at a time; a teacher reads only their own application."""
from peercoach.testing.samples import application


def apply(intake, **overrides) -> dict:
    response = intake.client.post("/applications", json=application(**overrides))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_the_coordinator_pages_through_applications_filtered_by_status_and_program(intake, token):
    voluntary = [apply(intake) for _ in range(3)]
    district = apply(intake, program="district_coaching")
    intake.client.post(f"/applications/{voluntary[0]['id']}/withdraw", headers=token("coordinator"))
    coordinator = token("coordinator")

    first = intake.client.get("/applications?status=submitted&page_size=2", headers=coordinator).get_json()
    second = intake.client.get("/applications?status=submitted&page=2&page_size=2", headers=coordinator).get_json()
    only_district = intake.client.get("/applications?program=district_coaching", headers=coordinator).get_json()

    assert first["total"] == 3 and second["total"] == 3
    assert [a["id"] for a in first["items"] + second["items"]] == [a["id"] for a in voluntary[1:] + [district]]
    assert [a["id"] for a in only_district["items"]] == [district["id"]]


def test_listing_is_for_the_coordinator_and_checks_its_query(intake, token):
    assert intake.client.get("/applications").status_code == 401
    assert intake.client.get("/applications", headers=token("teacher")).status_code == 403
    bad = intake.client.get("/applications?status=lost&page=0", headers=token("coordinator"))
    assert bad.status_code == 422 and set(bad.get_json()["error"]["fields"]) == {"status", "page"}


def test_one_application_for_the_coordinator_and_the_teacher_who_applied(intake, token):
    created = apply(intake)
    path = f"/applications/{created['id']}"
    employee_id = created["teacher"]["employee_id"]

    assert intake.client.get(path, headers=token("coordinator")).get_json() == created
    assert intake.client.get(path, headers=token("teacher", sub=employee_id)).get_json()["id"] == created["id"]
    assert intake.client.get(path, headers=token("teacher", sub="someone-else")).status_code == 403
    assert intake.client.get(path, headers=token("coach")).status_code == 403
    assert intake.client.get(path).status_code == 401
    missing = intake.client.get("/applications/no-such-id", headers=token("coordinator"))
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "application_not_found"
