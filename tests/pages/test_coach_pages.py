"""The coach's pages on a phone: pairings, logging time, changing the log, and the month, as the demo coach
"coach" signed in through the development identity provider, on the running stack."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import requests

from peercoach.testing.pages import look, signed_in
from tests.e2e.flows import People
from tests.helpers import application, eventually

pytestmark = pytest.mark.browser
DEMO_COACH_EMAIL = "coach@demo.example.org"


def month_start(months_back: int) -> date:
    day = date.today().replace(day=1)
    for _ in range(months_back):
        day = (day - timedelta(days=1)).replace(day=1)
    return day


def period(months_back: int) -> str:
    return month_start(months_back).strftime("%Y-%m")


class Coaching:
    """The demo coach with one voluntary pairing (from three months back), and another coach with one, made
    through the JSON APIs as the review panel would."""

    def __init__(self, stack, token):
        self.stack, self.people = stack, People(stack, token)
        coaches = self.people.ok("GET", "matching", "/coaches?page_size=100", self.people.coordinator)
        self.coach = next(c for c in coaches.get("items", coaches) if c["email"] == DEMO_COACH_EMAIL)
        self.other = self.people.add_coach(employee_id="C-OTHER", name="Olive Other", email="olive@busd.example.org",
                                           programs=["voluntary_peer_coaching"])
        self.teacher, self.pairing = self.pair(self.coach)
        _, self.other_pairing = self.pair(self.other)

    def pair(self, coach: dict) -> tuple[dict, str]:
        sent = application()
        made = requests.post(f"{self.stack.urls['intake']}/applications", json=sent, timeout=15).json()
        pairing = self.people.approve(self.people.pending_review(made["id"]), coach,
                                      starts_on=month_start(3).isoformat())
        eventually(lambda: self.people.call("GET", "timesheets", f"/pairings/{pairing}/hours",
                                            self.people.coach_headers(coach)).status_code == 200, timeout=30)
        return sent["teacher"], pairing

    def log(self, day: date, minutes: int, activity: str = "planning", coach: dict | None = None,
            pairing: str | None = None) -> str:
        coach = coach or self.coach
        made = self.people.ok("POST", "timesheets", f"/pairings/{pairing or self.pairing}/entries",
                              self.people.coach_headers(coach),
                              json={"date": day.isoformat(), "minutes": minutes, "activity": activity})
        return made["id"]

    def entries(self) -> list[dict]:
        found = self.people.ok("GET", "timesheets", f"/pairings/{self.pairing}/entries?page_size=100",
                               self.people.coach_headers(self.coach))
        return found["items"]

    def sheet(self, months_back: int, action: str = "", **kwargs):
        path = f"/timesheets/{self.coach['id']}/{period(months_back)}"
        if action == "submit":
            return self.people.ok("POST", "timesheets", f"{path}/submit", self.people.coach_headers(self.coach))
        if action:
            return self.people.ok("POST", "timesheets", f"{path}/{action}", self.people.coordinator, **kwargs)
        return self.people.ok("GET", "timesheets", path, self.people.coach_headers(self.coach))

    def url(self, path: str) -> str:
        return self.stack.urls["timesheets"] + path


@pytest.fixture(scope="module")
def coaching(pages_stack, jwt_secret):
    from peercoach.web.auth import issue_token

    def token(role, sub="tester", email=None, payer=None):
        return {"Authorization": f"Bearer {issue_token(jwt_secret, role, sub, email, payer)}"}
    return Coaching(pages_stack, token)


def posted(page, url: str, fields: dict):
    """A form post made with the page's own session and CSRF token (as a resent or forged form would be)."""
    csrf = page.locator("input[name=csrf_token]").first.get_attribute("value")
    return page.request.post(url, form={"csrf_token": csrf, **fields}, max_redirects=0)


def test_a_coach_logs_time_in_three_actions_on_a_phone(pages_stack, browser, coaching):
    with signed_in(browser, pages_stack, "coach") as page:
        page.get_by_role("link", name="My pairings").first.click()
        look(page, "coach-pairings")
        pairing = page.locator("section.pairing").first
        assert coaching.teacher["last_name"] in pairing.inner_text()
        assert "Voluntary peer coaching" in pairing.inner_text()
        assert "10 h approved" in pairing.locator(".hours").inner_text()
        assert "0 of 2 used" in pairing.locator(".cycles").inner_text()
        assert "0 of 1 release day used" in pairing.locator(".release").inner_text()

        page.goto(coaching.url("/pages/log"))
        look(page, "coach-log")
        before = len(coaching.entries())
        page.get_by_label("Minutes").fill("45")  # 1
        page.get_by_label("Activity").select_option("planning")  # 2
        page.get_by_role("button", name="Save").click()  # 3
        page.get_by_text(f"Saved: Planning, 45 min on {date.today().day} {date.today():%B %Y}.").wait_for()
        look(page, "coach-log-saved")
        logged = coaching.entries()
        assert len(logged) == before + 1
        assert (logged[-1]["date"], logged[-1]["minutes"], logged[-1]["activity"]) == \
            (date.today().isoformat(), 45, "planning")
        assert "Planning, 45 min" in page.locator("ul.entries").inner_text()


def test_a_refusal_shows_beside_the_field_with_what_remains_keeping_what_was_typed(pages_stack, browser, coaching):
    day = month_start(2) + timedelta(days=1)
    for _ in range(2):
        coaching.log(day, 30, "lesson_cycle_observation")
    left = coaching.people.hours(coaching.pairing, coaching.coach)["remaining"]
    left_minutes = round(float(left) * 60)
    with signed_in(browser, pages_stack, "coach") as page:
        page.goto(coaching.url("/pages/log"))
        page.get_by_label("Minutes").fill("40")
        page.get_by_label("Activity").select_option("lesson_cycle_observation")
        page.get_by_label("Private note").fill("third cycle with Ada")
        page.get_by_role("button", name="Save").click()
        page.locator("#activity-error").first.wait_for()
        look(page, "coach-log-refused-cycle")
        assert "The second lesson cycle is used" in page.locator(".field.invalid").inner_text()
        assert page.get_by_label("Minutes").input_value() == "40"
        assert page.get_by_label("Private note").input_value() == "third cycle with Ada"

        page.get_by_label("Minutes").fill(str(left_minutes + 30))
        page.get_by_label("Activity").select_option("planning")
        page.get_by_role("button", name="Save").click()
        page.locator("#minutes-error").first.wait_for()
        look(page, "coach-log-refused-hours")
        hours, minutes = divmod(left_minutes, 60)
        remains = f"{hours} h {minutes} min" if minutes else f"{hours} h"
        beside = page.locator(".field.invalid").inner_text()
        assert f"That is more than is left: {remains} of coaching time left" in beside
        assert page.get_by_label("Minutes").input_value() == str(left_minutes + 30)
        page.get_by_role("link", name=re.compile("coaching time left")).wait_for()  # the error summary's link


def test_a_coach_changes_and_deletes_an_entry_while_the_month_is_open(pages_stack, browser, coaching):
    start = month_start(1)
    kept, dropped = coaching.log(start + timedelta(days=2), 50), coaching.log(start + timedelta(days=3), 20, "debrief")
    with signed_in(browser, pages_stack, "coach") as page:
        page.goto(coaching.url(f"/pages/months/{period(1)}"))
        look(page, "coach-month-open")
        page.get_by_role("link", name=re.compile(f"Change Planning of {(start + timedelta(days=2)).day} ")).click()
        look(page, "coach-entry-change")
        page.get_by_label("Minutes").fill("55")
        page.get_by_label("Activity").select_option("observation")
        page.get_by_role("button", name="Save the change").click()
        page.get_by_text("The entry is changed.").wait_for()
        changed = next(e for e in coaching.entries() if e["id"] == kept)
        assert (changed["minutes"], changed["activity"]) == (55, "observation")

        page.goto(coaching.url(f"/pages/entries/{dropped}/edit"))
        page.get_by_role("link", name="Delete this entry").click()
        look(page, "coach-entry-delete")
        page.get_by_role("button", name="Delete the entry").click()
        page.get_by_text("The entry is deleted.").wait_for()
        look(page, "coach-month-after-delete")
        assert dropped not in {e["id"] for e in coaching.entries()}


def test_a_coach_submits_the_month(pages_stack, browser, coaching):
    coaching.log(month_start(1) + timedelta(days=5), 35, "team_teaching")
    with signed_in(browser, pages_stack, "coach") as page:
        page.get_by_role("link", name=re.compile("My timesheet for")).first.click()
        page.goto(coaching.url(f"/pages/months/{period(1)}"))
        total = page.locator("#total").inner_text()
        page.get_by_role("button", name=re.compile("Submit my timesheet")).click()
        page.get_by_text("is submitted. The coordinator will approve it or send it back.").wait_for()
        look(page, "coach-month-submitted")
        assert "waits for the coordinator's approval" in page.locator("#status").inner_text()
        assert page.locator("#total").inner_text() == total
    assert coaching.sheet(1)["status"] == "submitted"


def test_a_locked_month_cannot_be_changed_from_the_page(pages_stack, browser, coaching):
    entry = coaching.log(month_start(2) + timedelta(days=8), 25)
    coaching.sheet(2, "submit")
    with signed_in(browser, pages_stack, "coach") as page:
        page.goto(coaching.url(f"/pages/months/{period(2)}"))
        look(page, "coach-month-locked")
        assert page.get_by_role("link", name=re.compile("^Change")).count() == 0
        assert page.get_by_role("button", name=re.compile("Submit")).count() == 0
        page.goto(coaching.url(f"/pages/entries/{entry}/edit"))
        look(page, "coach-entry-locked")
        assert "can no longer change" in page.locator("#locked").inner_text()
        assert page.get_by_role("button", name="Save the change").count() == 0

        page.goto(coaching.url("/pages/log"))
        before = len(coaching.entries())
        changed = posted(page, coaching.url(f"/pages/entries/{entry}/edit"),
                         {"date": (month_start(2) + timedelta(days=8)).isoformat(), "minutes": "90",
                          "activity": "planning"})
        assert changed.status == 422 and "can no longer change" in changed.text()
        deleted = posted(page, coaching.url(f"/pages/entries/{entry}/delete"), {})
        assert deleted.status == 422 and "can no longer change" in deleted.text()
        added = posted(page, coaching.url("/pages/log"),
                       {"pairing": coaching.pairing, "date": (month_start(2) + timedelta(days=9)).isoformat(),
                        "minutes": "15", "activity": "planning"})
        assert added.status == 422 and "submitted or approved" in added.text()
    still = next(e for e in coaching.entries() if e["id"] == entry)
    assert still["minutes"] == 25 and len(coaching.entries()) == before


def test_a_rejected_month_shows_the_reason_and_can_be_changed_again(pages_stack, browser, coaching):
    entry = coaching.log(month_start(3) + timedelta(days=4), 60)
    coaching.sheet(3, "submit")
    coaching.sheet(3, "reject", json={"reason": "The 5th was a holiday: which day was it?"})
    with signed_in(browser, pages_stack, "coach") as page:
        page.goto(coaching.url(f"/pages/months/{period(3)}"))
        look(page, "coach-month-rejected")
        assert page.locator("#reject-reason").inner_text() == "The 5th was a holiday: which day was it?"
        page.get_by_role("link", name=re.compile("^Change Planning")).click()
        page.get_by_label("Date").fill((month_start(3) + timedelta(days=5)).isoformat())
        page.get_by_role("button", name="Save the change").click()
        page.get_by_text("The entry is changed.").wait_for()
        page.get_by_role("button", name=re.compile("Submit my timesheet")).click()
        page.get_by_text("is submitted.").first.wait_for()
        look(page, "coach-month-resubmitted")
    assert next(e for e in coaching.entries() if e["id"] == entry)["date"] == \
        (month_start(3) + timedelta(days=5)).isoformat()
    assert coaching.sheet(3)["status"] == "submitted"


def test_a_double_submitted_entry_form_makes_one_entry(pages_stack, browser, coaching):
    with signed_in(browser, pages_stack, "coach") as page:
        page.goto(coaching.url("/pages/log"))
        form = {name: page.locator(f"input[name={name}]").get_attribute("value")
                for name in ("form_key", "pairing", "date")}
        before = len(coaching.entries())
        answers = [posted(page, coaching.url("/pages/log"), {**form, "minutes": "10", "activity": "debrief"})
                   for _ in range(2)]
        assert [answer.status for answer in answers] == [303, 303]
        assert len(coaching.entries()) == before + 1
        page.goto(coaching.url("/pages/log"))
        look(page, "coach-log-after-double-submit")
        assert page.locator("input[name=form_key]").get_attribute("value") != form["form_key"]


def test_a_coach_never_reaches_another_coachs_pairing_or_entries(pages_stack, browser, coaching):
    other_entry = coaching.log(month_start(1) + timedelta(days=6), 30, coach=coaching.other,
                               pairing=coaching.other_pairing)
    with signed_in(browser, pages_stack, "coach") as page:
        assert page.goto(coaching.url(f"/pages/entries/{other_entry}/edit")).status == 404
        look(page, "coach-other-entry")
        assert page.goto(coaching.url(f"/pages/entries/{other_entry}/delete")).status == 404
        assert page.goto(coaching.url(f"/pages/log?pairing={coaching.other_pairing}")).status == 404
        page.goto(coaching.url(f"/pages/months/{period(1)}"))
        assert "Olive" not in page.content() and coaching.teacher["last_name"] in page.content()
        page.goto(coaching.url("/pages/log"))
        forged = posted(page, coaching.url("/pages/log"),
                        {"pairing": coaching.other_pairing, "date": date.today().isoformat(), "minutes": "10",
                         "activity": "planning"})
        assert forged.status == 403
        assert posted(page, coaching.url(f"/pages/entries/{other_entry}/delete"), {}).status == 404
    with signed_in(browser, pages_stack, "teacher") as page:
        assert page.goto(coaching.url("/pages/pairings")).status == 403
        look(page, "coach-pages-refused-teacher")
        assert page.goto(coaching.url(f"/pages/months/{period(1)}")).status == 403


def test_with_two_pairings_the_log_offers_both_and_picks_the_last_used(pages_stack, browser, coaching):
    _, second = coaching.pair(coaching.coach)
    coaching.log(date.today(), 20, "debrief")  # the first pairing is the last used
    with signed_in(browser, pages_stack, "coach", width="desktop") as page:
        page.goto(coaching.url("/pages/log"))
        look(page, "coach-log-two-pairings")
        chosen = page.get_by_label("Pairing")
        assert chosen.input_value() == coaching.pairing
        assert {o.get_attribute("value") for o in chosen.locator("option").all()} == {coaching.pairing, second}
        page.goto(coaching.url("/pages/pairings"))
        assert page.locator("section.pairing").count() == 2
        page.goto(coaching.url(f"/pages/months/{period(0)}"))
        look(page, "coach-month-desktop")
