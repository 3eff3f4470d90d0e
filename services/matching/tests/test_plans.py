"""The development plan and its calendar: the pair writes, the coordinator reads, iCalendar for their calendars."""
from __future__ import annotations

from datetime import date, datetime

from icalendar import Calendar

PLAN = {"focus_area": "numeracy", "goals": "Use number talks twice a week.", "support_types": ["model_teaching"],
        "events": [{"kind": "pre_conference", "date": "2026-12-01", "start_time": "15:30:00", "minutes": 45},
                   {"kind": "observation", "date": "2026-12-03"},
                   {"kind": "post_conference", "date": "2026-12-04", "start_time": "15:30:00"}]}


def test_teacher_and_coach_write_the_plan_and_the_coordinator_reads_it(matching):
    pairing = matching.pair()
    path = f"/pairings/{pairing['id']}/plan"

    assert matching.client.get(path, headers=pairing["coach_auth"]).get_json()["error"]["code"] == "no_plan"
    written = matching.client.put(path, json=PLAN, headers=pairing["teacher_auth"])
    edited = matching.client.put(path, json={**PLAN, "goals": "Number talks daily."}, headers=pairing["coach_auth"])
    by_coordinator = matching.client.put(path, json=PLAN, headers=matching.coordinator)
    read = matching.client.get(path, headers=matching.coordinator).get_json()

    assert written.status_code == 200 and written.get_json()["updated_by"] == "teacher"
    assert edited.get_json()["updated_by"] == "coach"
    assert by_coordinator.status_code == 403
    assert read["goals"] == "Number talks daily." and read["focus_area"] == "numeracy"
    assert [(e["kind"], e["date"], e["start_time"]) for e in read["events"]] == [
        ("pre_conference", "2026-12-01", "15:30:00"), ("observation", "2026-12-03", None),
        ("post_conference", "2026-12-04", "15:30:00")]


def test_the_calendar_is_icalendar_with_each_event(matching):
    pairing = matching.pair()
    matching.client.put(f"/pairings/{pairing['id']}/plan", json=PLAN, headers=pairing["teacher_auth"])

    response = matching.client.get(f"/pairings/{pairing['id']}/calendar.ics", headers=pairing["teacher_auth"])

    assert response.status_code == 200 and response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in events] == [
        ("Pre-conference", datetime(2026, 12, 1, 15, 30), datetime(2026, 12, 1, 16, 15)),
        ("Observation", date(2026, 12, 3), date(2026, 12, 4)),
        ("Post-conference", datetime(2026, 12, 4, 15, 30), datetime(2026, 12, 4, 16, 30))]
    assert "number talks" not in response.text.lower()


def test_a_bad_plan_is_refused_naming_the_field_and_a_closed_pairings_plan_no_longer_changes(matching):
    pairing = matching.pair()
    path = f"/pairings/{pairing['id']}/plan"

    bad = matching.client.put(path, json={**PLAN, "events": [{"kind": "party", "date": "2026-12-01"}]},
                              headers=pairing["coach_auth"])
    unknown = matching.client.put(path, json={**PLAN, "evaluation": "poor"}, headers=pairing["coach_auth"])
    far = matching.client.put(path, json={**PLAN, "events": [{"kind": "observation", "date": "9999-12-31"}]},
                              headers=pairing["coach_auth"])
    matching.close(pairing)
    closed = matching.client.put(path, json=PLAN, headers=pairing["coach_auth"])

    assert bad.status_code == 422 and "events" in bad.get_json()["error"]["fields"]
    assert unknown.status_code == 422 and "evaluation" in unknown.get_json()["error"]["fields"]
    assert far.status_code == 422
    assert closed.status_code == 409 and closed.get_json()["error"]["code"] == "pairing_closed"
