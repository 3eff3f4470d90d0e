"""The coordinator's week in matching's pages, in a real Chromium on the running stack: the review queue and a
decision, proposals, pairings with extensions, and the coach roster. Teachers and coaches are kept out."""
from __future__ import annotations

import uuid

import pytest
import requests

from peercoach.testing.pages import look, signed_in
from tests.e2e.flows import People
from tests.helpers import application

pytestmark = pytest.mark.browser
PAGES = ("/pages/reviews", "/pages/proposals", "/pages/pairings", "/pages/coaches", "/pages/report", "/pages/audit")


@pytest.fixture
def people(pages_stack, token):
    return People(pages_stack, token)


def applied(people, **teacher) -> tuple[dict, dict]:
    """A teacher applies through intake's JSON API (as the form does); the review matching opened for it."""
    body = application()
    body["teacher"].update(teacher)
    response = requests.post(people.urls["intake"] + "/applications", json=body, timeout=15)
    assert response.status_code == 201, response.text
    return body, people.pending_review(response.json()["id"])


def full_name(body: dict) -> str:
    return f"{body['teacher']['first_name']} {body['teacher']['last_name']}"


def new_coach(people, **fields) -> dict:
    ref = uuid.uuid4().hex[:6]
    return people.add_coach(employee_id=f"C-{ref}", name=f"Coach {ref}", email=f"coach.{ref}@school.example.org",
                            grade_levels=["9", "10"], programs=["voluntary_peer_coaching"], **fields)


def test_a_coordinator_is_refused_a_split_beside_the_field_then_approves(pages_stack, browser, people):
    coach = new_coach(people, max_active_pairings=5)
    body, review = applied(people)
    with signed_in(browser, pages_stack, "coordinator") as page:
        page.get_by_role("link", name="Review queue").first.click()
        page.get_by_role("heading", name="Review queue").wait_for()
        look(page, "coordinator-queue")
        page.get_by_role("link", name=full_name(body)).click()
        page.get_by_label(f"{coach['name']}: score").wait_for()
        look(page, "coordinator-review")
        assert page.get_by_label("Hours approved").input_value() == "10"

        page.get_by_label(f"{coach['name']}: score").check()
        page.get_by_label("Hours approved").fill("12.5")
        page.get_by_label("Federation pays").fill("30")
        page.get_by_label("District pays").fill("60")
        page.get_by_role("button", name="Approve and pair").click()

        page.locator("#funding-error").get_by_text("must sum to exactly 100").wait_for()
        assert page.get_by_label("Hours approved").input_value() == "12.5"
        assert page.get_by_label("Federation pays").input_value() == "30"
        assert page.get_by_label(f"{coach['name']}: score").is_checked()
        look(page, "coordinator-review-refused")

        page.get_by_label("Federation pays").fill("0")
        page.get_by_label("District pays").fill("100")
        page.get_by_role("button", name="Approve and pair").click()
        page.get_by_text(f"Approved: {full_name(body)} is paired").wait_for()
        assert page.locator("#hours-approved").inner_text() == "12 h 30 min"
        look(page, "coordinator-pairing")

        page.get_by_role("link", name="Back to the pairings").click()
        page.locator("#pairings").get_by_role("link", name=full_name(body)).wait_for()
        look(page, "coordinator-pairings")


def test_a_coordinator_denies_with_a_reason_at_desktop_width(pages_stack, browser, people):
    body, review = applied(people)
    with signed_in(browser, pages_stack, "coordinator", width="desktop") as page:
        page.goto(f"{pages_stack.urls['matching']}/pages/reviews/{review['id']}")
        link = page.locator("#application-link")
        assert link.get_attribute("href") == f"{pages_stack.urls['intake']}/applications/{review['application_id']}"
        in_intake = page.request.get(link.get_attribute("href"))  # the teacher's own words, kept by intake
        assert in_intake.status == 200 and in_intake.json()["reason_details"] == body["reason_details"]
        look(page, "coordinator-review-desktop")
        page.get_by_label("Reason for the teacher").fill("The program has no place for this focus this term.")
        page.get_by_role("button", name="Deny the application").click()
        page.get_by_text(f"Denied the application of {full_name(body)}.").wait_for()
        assert page.get_by_role("link", name=full_name(body)).count() == 0
        look(page, "coordinator-queue-desktop")

        page.goto(f"{pages_stack.urls['matching']}/pages/reviews/{review['id']}")
        page.locator("#decided").get_by_text("Denied by coordinator@demo.example.org").wait_for()
        look(page, "coordinator-review-denied-desktop")


def test_a_decision_made_meanwhile_by_another_coordinator_is_a_message(pages_stack, browser, people):
    coach = new_coach(people)
    body, review = applied(people)
    with signed_in(browser, pages_stack, "coordinator") as page:
        page.goto(f"{pages_stack.urls['matching']}/pages/reviews/{review['id']}")
        people.approve(review, coach)  # another coordinator, through the API
        page.get_by_label("Reason for the teacher").fill("Too late for this term.")
        page.get_by_role("button", name="Deny the application").click()
        page.get_by_text("coordinator-1 had already approved this review").wait_for()
        assert page.locator("#status").inner_text() == "Approved"
        look(page, "coordinator-review-decided-meanwhile")


def test_a_coordinator_runs_the_proposal_and_accepts_it(pages_stack, browser, people):
    new_coach(people, max_active_pairings=4)
    first, _ = applied(people)
    second, _ = applied(people)
    with signed_in(browser, pages_stack, "coordinator") as page:
        page.get_by_role("link", name="Proposals").first.click()
        look(page, "coordinator-proposals-empty")
        page.get_by_role("button", name="Propose coaches for the").click()
        page.get_by_text("Proposed a coach for").wait_for()
        rows = page.locator("#proposals > li")
        assert rows.filter(has_text=full_name(first)).get_by_text("focus area numeracy (+35)").count() == 1
        look(page, "coordinator-proposals")

        page.get_by_role("button", name=f"for {full_name(first)}").click()
        page.get_by_text(f"Approved: {full_name(first)} is paired.").wait_for()
        assert rows.filter(has_text=full_name(first)).count() == 0
        page.get_by_role("button", name="Accept all").click()
        page.get_by_text("Approved ").filter(has_text="proposals.").wait_for()
        assert rows.filter(has_text=full_name(second)).count() == 0
        look(page, "coordinator-proposals-accepted")

        page.goto(f"{pages_stack.urls['matching']}/pages/pairings?status=active")
        for body in (first, second):
            page.locator("#pairings").get_by_role("link", name=full_name(body)).wait_for()


def test_a_coordinator_adds_edits_and_deactivates_a_coach(pages_stack, browser):
    name = f"Sam Lee {uuid.uuid4().hex[:4]}"
    with signed_in(browser, pages_stack, "coordinator") as page:
        page.get_by_role("link", name="Coach roster").first.click()
        look(page, "coordinator-roster")
        page.get_by_role("link", name="Add a coach").first.click()
        look(page, "coordinator-coach-new")
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Employee number").fill(f"C-{uuid.uuid4().hex[:6]}")
        page.get_by_label("Email", exact=True).fill(f"{uuid.uuid4().hex[:6]}@school.example.org")
        page.get_by_label("District", exact=True).fill("BUSD")
        page.get_by_label("Most pairings at once").fill("2")
        page.get_by_label("Numeracy").check()
        page.get_by_role("button", name="Add to the roster").click()
        page.locator("#programs-error").wait_for()  # no program chosen: said beside the programs
        assert page.get_by_label("Name", exact=True).input_value() == name
        look(page, "coordinator-coach-refused")
        page.get_by_label("Voluntary peer coaching").check()
        page.get_by_role("button", name="Add to the roster").click()
        page.get_by_text(f"{name} is on the roster.").wait_for()
        row = page.locator("#coaches tr").filter(has_text=name)
        assert "0 of 2 pairings (2 places free)" in row.inner_text()

        row.get_by_role("link", name=name).click()
        page.get_by_label("School (optional)").fill("Hillside Elementary")
        look(page, "coordinator-coach-edit")
        page.get_by_role("button", name="Save changes").click()
        page.get_by_text(f"Saved the changes to {name}.").wait_for()
        assert "Hillside Elementary" in page.locator("#coaches tr").filter(has_text=name).inner_text()

        page.locator("#coaches").get_by_role("link", name=name).click()
        page.get_by_role("button", name="Deactivate this coach").click()
        page.get_by_text(f"{name} is inactive").wait_for()
        page.goto(f"{pages_stack.urls['matching']}/pages/coaches?active=inactive")
        page.locator("#coaches").get_by_role("link", name=name).wait_for()
        look(page, "coordinator-roster-inactive")


def test_a_coordinator_approves_an_extension_and_closes_the_pairing(pages_stack, browser, people):
    coach = new_coach(people)
    body, review = applied(people)
    pairing_id = people.approve(review, coach)
    with signed_in(browser, pages_stack, "coordinator", width="desktop") as page:
        page.goto(f"{pages_stack.urls['matching']}/pages/pairings/{pairing_id}")
        page.get_by_label("Hours to add").fill("5")
        page.get_by_label("Reason", exact=True).fill("A third lesson cycle was agreed.")
        page.get_by_role("button", name="Ask for the extension").click()
        page.get_by_text("Requested 5 more hours.").wait_for()
        look(page, "coordinator-pairing-extension-asked-desktop")

        page.get_by_role("link", name="Back to the pairings").click()
        waiting = page.locator("#extensions li").filter(has_text=full_name(body))
        look(page, "coordinator-pairings-extension-desktop")
        waiting.get_by_role("button", name="Approve").click()
        page.get_by_text("Approved the extension of 5.00 hours.").wait_for()
        assert waiting.count() == 0

        page.locator("#pairings").get_by_role("link", name=full_name(body)).click()
        assert page.locator("#hours-approved").inner_text() == "15 h"
        page.get_by_role("button", name="Close this pairing").click()
        page.get_by_text("The pairing is closed").wait_for()
        assert page.locator("#status").inner_text().startswith("Closed")
        look(page, "coordinator-pairing-closed-desktop")


def test_a_coordinator_reads_the_program_report_and_the_audit_trail(pages_stack, browser, people):
    coach = new_coach(people)
    _body, review = applied(people)
    pairing_id = people.approve(review, coach)
    with signed_in(browser, pages_stack, "coordinator", width="desktop") as page:
        page.get_by_role("link", name="Program report").first.click()
        page.get_by_role("heading", name="By focus area").wait_for()
        look(page, "coordinator-report-desktop")
        csv = page.request.get(pages_stack.urls["matching"] + page.locator("#csv").get_attribute("href"))
        assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")

        page.get_by_role("link", name="Audit trail").first.click()
        page.get_by_label("Pairing id").fill(pairing_id)
        page.get_by_role("button", name="Show").click()
        assert page.locator("#audit tbody tr").filter(has_text="application.approved").count() == 1
        look(page, "coordinator-audit-desktop")


def test_teachers_and_coaches_get_403_on_the_coordinator_pages(pages_stack, browser):
    for who in ("teacher", "coach"):
        with signed_in(browser, pages_stack, who) as page:
            for path in PAGES:
                assert page.goto(pages_stack.urls["matching"] + path).status == 403, (who, path)
            page.get_by_role("heading", name="Not for your role").wait_for()
            look(page, f"coordinator-pages-refused-{who}")
