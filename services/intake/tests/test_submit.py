"""POST /applications: created once, validated field by field, its event without the free text."""
import json
import threading

import pytest

from peercoach.testing.samples import application


def test_an_application_is_created_and_announced_without_its_reason_details(intake, start_worker, intake_url,
                                                                           probe):
    start_worker("intake", intake_url)
    body = application(requested_coach_id="c-42", learning_partner={"name": "Bo Li", "email": "bo@x.example.org"})

    response = intake.client.post("/applications", json=body)

    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["status"] == "submitted" and created["id"]
    assert created["teacher"] == body["teacher"] and created["reason_details"] == body["reason_details"]
    event = probe.wait_for("application.submitted")[0]
    assert event.payload["application_id"] == created["id"]
    assert event.payload["teacher"] == body["teacher"]
    assert event.payload["requested_coach_id"] == "c-42"
    assert event.payload["learning_partner"] == {"name": "Bo Li", "email": "bo@x.example.org"}
    assert {k: event.payload[k] for k in ("program", "referral", "reasons", "focus_area", "support_types")} == \
        {k: body[k] for k in ("program", "referral", "reasons", "focus_area", "support_types")}
    assert body["reason_details"] not in json.dumps(event.payload)


def test_each_invalid_field_is_named(intake):
    body = application(program="chess_club", reasons=["boredom"], support_types=[], focus_area=7)
    body["teacher"].update(email="not-an-email", employee_id="E 1; drop", grade_levels="9")
    del body["teacher"]["last_name"]

    response = intake.client.post("/applications", json=body)

    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert {"program", "reasons", "support_types", "focus_area", "teacher"} <= set(fields)
    assert {"email", "employee_id", "grade_levels", "last_name"} <= set(fields["teacher"])
    assert intake.applications() == 0 and intake.outbox() == []


@pytest.mark.parametrize("change, field", [
    ({"teacher": {"employment_status": "temporary"}}, "teacher"),
    ({"referral": "plan_of_assistance"}, "referral"),
    ({"consent": {"confidentiality_acknowledged": False}}, "consent"),
    ({"consent": {"confidentiality_acknowledged": "yes"}}, "consent"),
])
def test_ineligible_applications_are_refused_naming_the_field(intake, change, field):
    body = application()
    for key, value in change.items():
        body[key] = {**body[key], **value} if isinstance(value, dict) else value

    response = intake.client.post("/applications", json=body)

    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert intake.applications() == 0


def test_peer_support_takes_a_plan_of_assistance_referral(intake):
    body = application(program="peer_support_service", referral="plan_of_assistance")
    body["teacher"]["employment_status"] = "probationary"

    assert intake.client.post("/applications", json=body).status_code == 201


def test_an_idempotency_key_gives_the_first_answer_again_and_creates_nothing(intake):
    body = application()
    key = {"Idempotency-Key": "form-7f3a"}

    first = intake.client.post("/applications", json=body, headers=key)
    again = intake.client.post("/applications", json=body, headers=key)
    other = intake.client.post("/applications", json=application(), headers=key)

    assert first.status_code == 201 and again.status_code == 201
    assert again.get_json() == first.get_json()
    assert other.status_code == 422
    assert other.get_json()["error"]["code"] == "idempotency_key_reused"
    assert intake.applications() == 1 and len(intake.outbox("application.submitted")) == 1


def test_a_double_submit_without_a_key_returns_the_first_application(intake):
    body = application()

    first = intake.client.post("/applications", json=body)
    second = intake.client.post("/applications", json=body)
    other_program = intake.client.post("/applications", json={**body, "program": "district_coaching"})

    assert first.status_code == 201 and second.status_code == 200
    assert second.get_json()["id"] == first.get_json()["id"]
    assert other_program.status_code == 201
    assert intake.applications() == 2 and len(intake.outbox("application.submitted")) == 2


def test_after_a_withdrawal_the_teacher_may_apply_again_at_once(intake, token):
    body = application()
    first = intake.client.post("/applications", json=body).get_json()
    intake.client.post(f"/applications/{first['id']}/withdraw", headers=token("coordinator"))

    again = intake.client.post("/applications", json=body)

    assert again.status_code == 201 and again.get_json()["id"] != first["id"]


@pytest.mark.parametrize("data, content_type, status", [
    ("{}", "text/plain", 415),
    ("program=voluntary_peer_coaching", "application/x-www-form-urlencoded", 415),
    ('{"program": ', "application/json", 400),
    (b"\xff\xfe{", "application/json", 400),
    ("[1, 2]", "application/json", 422),
    ('"text"', "application/json", 422),
    ("", "application/json", 400),
])
def test_malformed_bodies_get_a_clear_json_error(intake, data, content_type, status):
    response = intake.client.post("/applications", data=data, content_type=content_type)

    assert response.status_code == status, response.data
    assert response.get_json()["error"]["message"]
    if status == 400:
        assert response.get_json()["error"]["code"] == "invalid_json"
    assert intake.applications() == 0


def test_unknown_fields_wrong_types_and_huge_bodies_are_refused(intake):
    unknown = intake.client.post("/applications", json=application(favourite_colour="blue"))
    nested_unknown = application()
    nested_unknown["teacher"]["salary"] = 1
    typed = application(teacher="Ada", reasons="improve_practice")
    huge = application(reason_details="x" * 300_000)

    assert unknown.status_code == 422 and "favourite_colour" in unknown.get_json()["error"]["fields"]
    assert intake.client.post("/applications", json=nested_unknown).get_json()["error"]["fields"] == \
        {"teacher": {"salary": ["Unknown field."]}}
    assert set(intake.client.post("/applications", json=typed).get_json()["error"]["fields"]) == \
        {"teacher", "reasons"}
    assert intake.client.post("/applications", json=huge).status_code == 413
    assert intake.applications() == 0


def test_text_the_database_cannot_store_is_refused_not_crashed_on(intake):
    body = application(reason_details="a\x00b")
    body["teacher"]["first_name"] = "A" * 500

    response = intake.client.post("/applications", json=body)

    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"reason_details", "teacher"}


def test_a_bad_idempotency_key_is_named(intake):
    response = intake.client.post("/applications", json=application(), headers={"Idempotency-Key": "k" * 300})

    assert response.status_code == 422
    assert "Idempotency-Key" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("headers", [{"Idempotency-Key": "race-1"}, {}])
def test_simultaneous_repeats_create_one_application(intake, headers):
    body = application()
    answers = []

    def post():
        answers.append(intake.app.test_client().post("/applications", json=body, headers=headers))

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(a.status_code for a in answers)[-1] == 201
    assert len({a.get_json()["id"] for a in answers}) == 1
    assert intake.applications() == 1 and len(intake.outbox("application.submitted")) == 1
