"""Monthly timesheets: submit, approve (locks and prices), reject (reopens); events through the outbox."""
from datetime import timedelta


def test_submit_approve_locks_the_month(service):
    pairing = service.add_pairing()
    service.rate("SD-61", "50.00", "120.00", service.start)
    entry = service.log(pairing, service.start, 90, note="private words").get_json()

    submitted = service.sheet(pairing, "submit")
    locked = service.log(pairing, service.start + timedelta(days=1), 30)
    approved = service.sheet(pairing, "approve")
    edit = service.client.patch(f"/entries/{entry['id']}", json={"minutes": 30}, headers=service.coach(pairing))

    assert submitted.status_code == 200 and submitted.get_json()["status"] == "submitted"
    assert locked.status_code == 422 and locked.get_json()["error"]["code"] == "month_locked"
    assert approved.get_json()["status"] == "approved" and approved.get_json()["hours"] == "1.50"
    assert edit.status_code == 422
    sheet = service.sheet(pairing).get_json()
    assert sheet["pairings"][0]["entries"][0]["note"] == "private words"
    events = service.events()
    assert [e["type"] for e in events if e["type"].startswith("timesheet.")] == \
        ["timesheet.submitted", "timesheet.approved"]
    assert events[-1]["payload"] == {"timesheet_id": sheet["id"], "coach_id": pairing["coach"]["coach_id"],
                                     "period": service.period, "hours": "1.50",
                                     "coach": {"name": "Grace Hopper", "email": pairing["coach"]["email"]},
                                     "lines": [{"pairing_id": pairing["pairing_id"], "hours": "1.50",
                                                "federation_amount": "30.00", "district_amount": "45.00"}]}
    assert "private words" not in str(events)


def test_reject_reopens_the_month_and_says_why(service):
    pairing = service.add_pairing()
    service.log(pairing, service.start, 60)
    service.sheet(pairing, "submit")

    rejected = service.sheet(pairing, "reject", json={"reason": "Split the debrief into its own entry."})
    reopened = service.log(pairing, service.start + timedelta(days=2), 30)
    resubmitted = service.sheet(pairing, "submit")

    assert rejected.get_json()["status"] == "rejected"
    assert rejected.get_json()["reject_reason"] == "Split the debrief into its own entry."
    assert reopened.status_code == 201
    assert resubmitted.get_json()["status"] == "submitted" and resubmitted.get_json()["hours"] == "1.50"
    assert service.events("timesheet.rejected")[0]["payload"]["reason"] == "Split the debrief into its own entry."


def test_who_may_act_on_a_timesheet(service):
    pairing = service.add_pairing()
    service.log(pairing, service.start, 60)
    stranger = service.token("coach", sub="another-coach")

    assert service.sheet(pairing, headers=stranger).status_code == 403
    assert service.sheet(pairing, "submit", headers=stranger).status_code == 403
    assert service.sheet(pairing, "submit", headers=service.token("coordinator")).status_code == 403
    assert service.sheet(pairing, "approve").status_code == 409
    assert service.sheet(pairing, "approve", headers=service.coach(pairing)).status_code == 403
    assert service.sheet(pairing, "submit").status_code == 200
    assert service.sheet(pairing, "submit").status_code == 409
    assert service.sheet(pairing, "reject", json={}).status_code == 422
    bad_period = service.client.get(f"/timesheets/{pairing['coach']['coach_id']}/2026-13",
                                    headers=service.coach(pairing))
    assert bad_period.status_code == 422


def test_nothing_logged_nothing_to_submit(service):
    pairing = service.add_pairing()

    response = service.sheet(pairing, "submit")

    assert response.status_code == 422 and response.get_json()["error"]["code"] == "nothing_to_submit"
    assert service.sheet(pairing).get_json()["status"] == "open"


def test_approving_without_a_rate_names_the_district(service):
    pairing = service.add_pairing(teacher={"district": "SD-99"})
    service.log(pairing, service.start, 60)
    service.sheet(pairing, "submit")

    response = service.sheet(pairing, "approve")

    assert response.status_code == 409 and response.get_json()["error"]["code"] == "missing_rate"
    assert "SD-99" in response.get_json()["error"]["message"]
    assert service.sheet(pairing).get_json()["status"] == "submitted"


def test_the_approval_announces_each_pairings_hours_and_cost_per_payer_without_notes(service):
    first = service.add_pairing()
    second = service.add_pairing(coach=first["coach"], funding={"federation_pct": "0.00", "district_pct": "100.00"})
    service.rate("SD-61", "50.00", "120.00", service.start)
    service.log(first, service.start, 60, note="private words")
    service.log(first, service.start + timedelta(days=1), 200, activity="release_day")
    service.log(second, service.start, 30)
    service.sheet(first, "submit")

    service.sheet(first, "approve")

    approved = service.events("timesheet.approved")[0]["payload"]
    assert sorted(approved["lines"], key=lambda line: line["hours"]) == [
        {"pairing_id": second["pairing_id"], "hours": "0.50", "federation_amount": "0.00",
         "district_amount": "25.00"},
        {"pairing_id": first["pairing_id"], "hours": "1.00", "federation_amount": "20.00",
         "district_amount": "150.00"}]
    assert "private words" not in str(approved)
    assert all(event["type"] != "timesheet.submitted" or "lines" not in event["payload"]
               for event in service.events())


def test_the_coordinator_lists_what_waits_for_approval_oldest_first(service):
    first, second, decided = (service.add_pairing() for _ in range(3))
    for pairing in (first, second, decided):
        service.log(pairing, service.start, 45, note="private to the coach")
        service.sheet(pairing, "submit")
    service.rate("SD-61", "50.00", "120.00", service.start)
    service.sheet(decided, "approve")

    def listed(**query):
        return service.client.get("/timesheets", query_string=query, headers=service.token("coordinator"))

    waiting = listed(status="submitted", period=service.period).get_json()

    assert [item["coach_id"] for item in waiting["items"]] == [p["coach"]["coach_id"] for p in (first, second)]
    assert waiting["total"] == 2 and waiting["items"][0]["hours"] == "0.75"
    assert "private to the coach" not in str(waiting)
    assert listed(status="approved").get_json()["items"][0]["coach_id"] == decided["coach"]["coach_id"]
    assert listed(status="submitted", period="2001-01").get_json()["total"] == 0
    assert listed(status="late").status_code == 422
    assert service.client.get("/timesheets", headers=service.coach(first)).status_code == 403
