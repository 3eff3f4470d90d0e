"""The coach's time log through the API: who may write, the rules' answers, private notes."""
from datetime import timedelta
from decimal import Decimal

from timesheets import handlers


def test_the_pairings_coach_logs_time_and_sees_hours_used(service):
    pairing = service.add_pairing()

    created = service.log(pairing, service.start, 90, "observation", note="Struggled with transitions")
    hours = service.client.get(f"/pairings/{pairing['pairing_id']}/hours", headers=service.coach(pairing))

    assert created.status_code == 201
    assert created.get_json()["note"] == "Struggled with transitions"
    assert hours.get_json() == {"pairing_id": pairing["pairing_id"], "program": "district_coaching",
                                "started_on": service.start.isoformat(), "closed_on": None,
                                "approved": "10.00", "used": "1.50",
                                "remaining": "8.50", "release_half_days_approved": 4,
                                "release_half_days_used": 0}


def test_only_that_pairings_coach_may_log_time(service):
    pairing = service.add_pairing()
    body = {"date": service.start.isoformat(), "minutes": 30, "activity": "planning"}
    path = f"/pairings/{pairing['pairing_id']}/entries"

    other_coach = service.client.post(path, json=body, headers=service.token("coach", sub="someone-else"))
    coordinator = service.client.post(path, json=body, headers=service.token("coordinator"))
    unknown = service.client.post("/pairings/nope/entries", json=body, headers=service.coach(pairing))

    assert other_coach.status_code == 403 and coordinator.status_code == 403
    assert unknown.status_code == 404
    assert service.client.get(path, headers=service.token("coordinator")).get_json()["items"] == []


def test_rules_answer_422_with_why_and_what_remains(service):
    pairing = service.add_pairing(program="voluntary_peer_coaching", release_half_days=2)
    service.log(pairing, service.start, 540)
    for offset in (1, 2):
        assert service.log(pairing, service.start + timedelta(days=offset), 10,
                           "lesson_cycle_observation").status_code == 201

    over = service.log(pairing, service.start + timedelta(days=3), 61)
    third_cycle = service.log(pairing, service.start + timedelta(days=3), 10, "lesson_cycle_observation")
    future = service.log(pairing, service.today + timedelta(days=1), 10)
    before = service.log(pairing, service.start - timedelta(days=1), 10)

    assert over.status_code == 422
    assert over.get_json()["error"]["code"] == "over_approved_hours"
    assert "40 minutes (0.67 hours) remain" in over.get_json()["error"]["fields"]["minutes"][0]
    assert third_cycle.get_json()["error"]["code"] == "lesson_cycle_limit"
    assert future.get_json()["error"]["code"] == "future_date"
    assert before.get_json()["error"]["code"] == "before_pairing"


def test_invalid_input_names_the_field(service):
    pairing = service.add_pairing()

    response = service.client.post(f"/pairings/{pairing['pairing_id']}/entries", headers=service.coach(pairing),
                                   json={"date": "2026-13-01", "minutes": 0, "activity": "golf", "extra": 1})

    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"date", "minutes", "activity", "extra"}


def test_edit_and_delete_while_the_month_is_open(service):
    pairing = service.add_pairing()
    entry = service.log(pairing, service.start, 60, note="first").get_json()

    edited = service.client.patch(f"/entries/{entry['id']}", headers=service.coach(pairing),
                                  json={"minutes": 120, "note": "revised"})
    too_much = service.client.patch(f"/entries/{entry['id']}", headers=service.coach(pairing),
                                    json={"minutes": 601})
    stranger = service.client.delete(f"/entries/{entry['id']}", headers=service.token("coach", sub="other"))
    deleted = service.client.delete(f"/entries/{entry['id']}", headers=service.coach(pairing))

    assert edited.status_code == 200 and edited.get_json()["minutes"] == 120
    assert edited.get_json()["note"] == "revised"
    assert too_much.status_code == 422
    assert stranger.status_code == 403
    assert deleted.status_code == 204
    assert service.client.get(f"/pairings/{pairing['pairing_id']}/entries",
                              headers=service.coach(pairing)).get_json()["items"] == []


def test_threshold_event_once_at_80_percent_and_again_after_an_extension(service):
    pairing = service.add_pairing()
    service.log(pairing, service.start, 470)
    service.log(pairing, service.start, 10)
    service.log(pairing, service.start, 10)
    first = service.events("hours.threshold_reached")
    with service.db.transaction() as session:
        handlers.extend_hours(session, None, {"pairing_id": pairing["pairing_id"],
                                              "hours_approved": Decimal("15.00")})
    service.log(pairing, service.start, 230)
    service.log(pairing, service.start, 10)

    events = service.events("hours.threshold_reached")
    assert len(first) == 1 and first[0]["payload"]["hours_used"] == "8.00"
    assert [e["payload"]["hours_approved"] for e in events] == ["10.00", "15.00"]
    assert "note" not in str(events)


def test_a_pairings_entries_come_a_page_at_a_time_oldest_first(service):
    pairing = service.add_pairing()
    for day in range(3):
        service.log(pairing, service.start + timedelta(days=day), 30)
    path = f"/pairings/{pairing['pairing_id']}/entries"

    first = service.client.get(f"{path}?page_size=2", headers=service.coach(pairing)).get_json()
    second = service.client.get(f"{path}?page_size=2&page=2", headers=service.coach(pairing)).get_json()

    assert (first["total"], first["page"], first["page_size"]) == (3, 1, 2)
    assert [e["date"] for e in first["items"] + second["items"]] == \
        [(service.start + timedelta(days=day)).isoformat() for day in range(3)]
    assert service.client.get(f"{path}?page_size=101", headers=service.coach(pairing)).status_code == 422
