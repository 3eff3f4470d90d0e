"""A year of a program as its people meet it: every service running as its own processes."""
import csv
import io
from datetime import date, timedelta

import pytest
import requests

from tests.apply_form import fill
from tests.e2e.flows import People
from tests.helpers import application, eventually

pytestmark = pytest.mark.browser
# Two whole months in the past, so every day logged in them is over whatever today's date is.
SECOND = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)  # the first of last month
START = (SECOND - timedelta(days=1)).replace(day=1)  # the first of the month before
LAST_MONTH, THIS_MONTH = START.strftime("%Y-%m"), SECOND.strftime("%Y-%m")


def day(month_start: date, n: int) -> str:
    return month_start.replace(day=n).isoformat()


def rows(csv_bytes: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_bytes.decode())))


def test_from_the_web_form_to_payroll_and_billing(stack, token, browser_page, smtp_server, probe):
    people = People(stack, token)
    this_month = SECOND
    coach = people.add_coach(employee_id="C-100", name="Grace Hopper", email="grace@busd.example.org",
                             programs=["voluntary_peer_coaching"])
    consultant = people.add_coach(employee_id="C-200", name="Lin Consultant", email="lin@bctf.example.org",
                                  programs=["peer_support_service"])
    people.ok("PUT", "timesheets", "/rates/BUSD", people.coordinator,
              json={"hourly_rate": "47.53", "release_half_day_rate": "161.27", "effective_from": day(START, 1)})

    # A teacher applies through the web form, asking for Grace.
    teacher = application()["teacher"]
    answers = {**teacher, "subjects": "math", "reason_details": "CONFIDENTIAL-REASON new to grade 4",
               "requested_coach_id": coach["id"]}
    browser_page.goto(f"{stack.urls['intake']}/apply")
    fill(browser_page, answers)
    browser_page.get_by_role("button", name="Send my application").click()
    browser_page.get_by_role("heading", name="Application received").wait_for()
    application_id = browser_page.locator("#reference").inner_text().strip()

    # The panel approves with the requested coach; a peer support case comes in through the API.
    review = people.pending_review(application_id)
    assert review["suggestions"][0]["coach_id"] == coach["id"] and review["suggestions"][0]["requested"]
    pairing = people.approve(review, coach, starts_on=day(START, 1))
    support = requests.post(f"{stack.urls['intake']}/applications", timeout=15, json=application(
        program="peer_support_service", referral="plan_of_assistance")).json()
    support_pairing = people.approve(people.pending_review(support["id"]), consultant, hours_approved="6",
                                     release_half_days=2, starts_on=day(this_month, 1),
                                     funding={"federation_pct": "33.33", "district_pct": "66.67"},
                                     account_code="PSS-2026-7")

    # Teacher and coach hear of the pairing, with the hours approved.
    for address in (teacher["email"], coach["email"]):
        mail = eventually(lambda: [m for m in smtp_server.mailbox.to(address) if "10 hours approved" in m["Subject"]],
                          timeout=30)
        assert len(mail) == 1 and "Hours approved: 10 hours" in mail[0].get_body(("plain",)).get_content()

    # Grace logs past 80% of the hours, over two months; Lin logs coaching and a release half-day.
    eventually(lambda: people.call("GET", "timesheets", f"/pairings/{pairing}/hours",
                                   people.coach_headers(coach)).status_code == 200, timeout=30)
    for n, minutes, activity in ((6, 90, "planning"), (14, 120, "lesson_cycle_observation"), (20, 75, "debrief")):
        people.log(pairing, coach, day(START, n), minutes, activity)
    for n, minutes, activity in ((3, 150, "demonstration_lesson"), (10, 80, "team_teaching")):
        people.log(pairing, coach, day(this_month, n), minutes, activity)
    eventually(lambda: people.call("GET", "timesheets", f"/pairings/{support_pairing}/hours",
                                   people.coach_headers(consultant)).status_code == 200, timeout=30)
    for n, minutes, activity in ((5, 100, "observation"), (12, 95, "planning"), (12, 180, "release_day")):
        people.log(support_pairing, consultant, day(this_month, n), minutes, activity)

    assert people.hours(pairing, coach)["used"] == "8.58"
    eventually(lambda: [m for m in smtp_server.mailbox.to(coach["email"]) if "80%" in m["Subject"]], timeout=30)
    eventually(lambda: smtp_server.mailbox.to("coordinator@localhost"), timeout=30)

    # Timesheets submitted and approved; payroll exports each month once.
    people.submit_and_approve(coach, LAST_MONTH)
    people.submit_and_approve(coach, THIS_MONTH)
    people.submit_and_approve(consultant, THIS_MONTH)
    last_batch, last_csv = people.export(LAST_MONTH)
    this_batch, this_csv = people.export(THIS_MONTH)

    assert [(r["employee_id"], r["hours"], r["rate"], r["gross_amount"], r["payer"], r["payer_amount"])
            for r in rows(last_csv)] == [("C-100", "4.75", "47.53", "225.77", "district", "225.77")]
    assert sorted((r["employee_id"], r["hours"], r["gross_amount"], r["payer"], r["payer_amount"], r["account_code"])
                  for r in rows(this_csv)) == [
        ("C-100", "3.83", "182.04", "district", "182.04", ""),
        ("C-200", "3.25", "154.47", "district", "102.99", "PSS-2026-7"),
        ("C-200", "3.25", "154.47", "federation", "51.48", "PSS-2026-7")]
    again = people.ok("GET", "timesheets", f"/payroll/exports/{this_batch['batch_id']}.csv", token("payroll"))
    assert again.content == this_csv
    assert people.call("POST", "timesheets", "/payroll/exports", token("payroll"),
                       json={"period": THIS_MONTH}).status_code == 422

    # Each payer is billed its share; the federation never pays release time.
    federation, district = people.statement("federation", THIS_MONTH), people.statement("district", THIS_MONTH)
    assert federation["totals"] == {"coaching_amount": "51.48", "release_amount": "0.00", "amount": "51.48"}
    assert district["totals"] == {"coaching_amount": "285.03", "release_amount": "161.27", "amount": "446.30"}
    assert people.statement("district", LAST_MONTH)["totals"]["amount"] == "225.77"

    # Nothing confidential travelled: not in events, emails or exports; the referral only to its teacher.
    emails = smtp_server.mailbox.messages
    travelled = [e.to_json().decode() for e in probe.collect(1.0)] + [m.as_string() for m in emails]
    assert not [text for text in travelled + [last_csv.decode(), this_csv.decode()] if "CONFIDENTIAL" in text]
    assert not [m["To"] for m in emails if "plan of assistance" in m.as_string().lower()
                and m["To"] != support["teacher"]["email"]]

    # Operators see the events each worker relayed and consumed on its metrics port.
    for name in ("intake", "notifications"):
        port = stack.env[f"{name.upper()}_WORKER_METRICS_PORT"]
        worker_metrics = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=15).text
        assert "peercoach_events_relayed_total" in worker_metrics
    assert 'peercoach_events_consumed_total{outcome="processed",type="pairing.created"}' in worker_metrics
