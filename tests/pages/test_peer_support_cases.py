"""Peer support cases in a real Chromium on the running stack: a report goes out only once the member,
the local president (recorded by the coordinator) and the consultant agreed, as the audit trail shows;
nobody else opens a case."""
import uuid

import pytest
import requests

from peercoach.devidp import DEMO_PEOPLE
from peercoach.testing.pages import look, signed_in
from peercoach.testing.samples import application
from tests.e2e.flows import People

pytestmark = pytest.mark.browser
RECIPIENT = "Superintendent of Human Resources"
DEMO_TEACHER = next(person for person in DEMO_PEOPLE if person["sub"] == "teacher")


@pytest.fixture
def case(pages_stack, token) -> dict:
    """A peer support case of the demo teacher with a consultant of its own."""
    people = People(pages_stack, token)
    ref = uuid.uuid4().hex[:6]
    consultant = people.add_coach(employee_id=f"PSS-{ref}", name=f"Consultant {ref}",
                                  email=f"pss.{ref}@fed.example.org", programs=["peer_support_service"])
    body = application(program="peer_support_service", referral="self")
    body["teacher"].update(employee_id=DEMO_TEACHER["employee_id"], first_name="Tess", last_name="Teacher")
    sent = requests.post(f"{pages_stack.urls['intake']}/applications", json=body, timeout=15)
    assert sent.status_code == 201, sent.text
    pairing_id = people.approve(people.pending_review(sent.json()["id"]), consultant, hours_approved="12",
                                release_half_days=2)
    return {"pairing_id": pairing_id, "consultant": consultant, "people": people}


def test_a_report_is_released_only_to_a_recipient_all_three_parties_agreed_to(pages_stack, browser, case):
    matching, pairing_id, people = pages_stack.urls["matching"], case["pairing_id"], case["people"]
    consultant = people.coach_headers(case["consultant"])
    agreements = f"/pairings/{pairing_id}/agreements"

    with signed_in(browser, pages_stack, "coordinator") as coordinator:
        coordinator.get_by_role("link", name="Peer support cases").first.click()
        look(coordinator, "cases-coordinator")
        coordinator.locator(f"a[href$='/pages/cases/{pairing_id}']").click()
        coordinator.get_by_label("Reports may go to").fill("x" * 201)
        coordinator.get_by_label("Name of the local president who agreed").fill("Sam Rivera")
        coordinator.get_by_role("button", name="Record the agreement").click()
        coordinator.locator("#recipient-error").wait_for()
        assert coordinator.get_by_label("Name of the local president who agreed").input_value() == "Sam Rivera"
        look(coordinator, "case-recipient-too-long")
        coordinator.get_by_label("Reports may go to").fill(RECIPIENT)
        coordinator.get_by_role("button", name="Record the agreement").click()
        coordinator.get_by_text(f"Recorded: the local president agrees to reports going to {RECIPIENT}.").wait_for()

    with signed_in(browser, pages_stack, "teacher") as teacher:
        teacher.goto(f"{matching}/pages/cases/{pairing_id}")
        teacher.get_by_label("Reports may go to").fill(RECIPIENT.upper())  # the same recipient, however written
        teacher.get_by_role("button", name="Record the agreement").click()
        teacher.get_by_text("Recorded: the member (teacher) agrees").wait_for()
        assert teacher.locator("section.recipient").count() == 1
        look(teacher, "case-teacher")

    early = people.call("POST", "matching", f"/pairings/{pairing_id}/reports", consultant,
                        json={"recipient": RECIPIENT, "content": "Progress as agreed."})
    assert early.status_code == 403 and "consultant" in early.json()["error"]["message"]
    people.ok("POST", "matching", agreements, consultant, json={"recipient": RECIPIENT})
    people.ok("POST", "matching", f"/pairings/{pairing_id}/reports", consultant,
              json={"recipient": RECIPIENT, "content": "Progress as agreed."})

    with signed_in(browser, pages_stack, "coordinator", width="desktop") as coordinator:
        coordinator.goto(f"{matching}/pages/cases/{pairing_id}")
        coordinator.get_by_text("all three agreed").wait_for()
        assert coordinator.get_by_text(f"To {RECIPIENT}").is_visible()
        assert "Progress as agreed." not in coordinator.content()  # the report's text stays off the page
        look(coordinator, "case-all-agreed")

        coordinator.goto(f"{matching}/pages/audit?pairing_id={pairing_id}")
        actions = coordinator.locator("#audit tbody td:nth-child(3)").all_inner_texts()
        assert actions[:2] == ["disclosure.released", "disclosure.agreed"]  # newest first
        assert "disclosure.refused" in actions  # the consultant's early attempt
        look(coordinator, "audit-trail-of-a-case")


def test_only_participants_and_coordinators_open_these_pages(pages_stack, browser, case):
    matching = pages_stack.urls["matching"]
    with signed_in(browser, pages_stack, "newcomer") as newcomer:
        for path in (f"/pages/cases/{case['pairing_id']}", "/pages/cases"):
            assert newcomer.goto(matching + path).status == 403, path
        look(newcomer, "case-not-for-newcomer")
    with signed_in(browser, pages_stack, "coach") as other_coach:
        assert other_coach.goto(f"{matching}/pages/cases/{case['pairing_id']}").status == 404
