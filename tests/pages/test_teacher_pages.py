"""The teacher's own coaching in a real Chromium on the running stack: after approval, their coach, the
hours used and left and the release time left, as the coach logs them; nobody else's."""
import uuid
from datetime import date

import pytest
import requests

from peercoach.devidp import DEMO_PEOPLE
from peercoach.testing.pages import look, signed_in
from peercoach.testing.samples import application
from tests.e2e.flows import People
from tests.helpers import eventually

pytestmark = pytest.mark.browser
DEMO_TEACHER = next(person for person in DEMO_PEOPLE if person["sub"] == "teacher")


def test_a_teacher_sees_their_coach_and_the_hours_left_as_time_is_logged(pages_stack, browser, token):
    people, ref = People(pages_stack, token), uuid.uuid4().hex[:6]
    coach = people.add_coach(employee_id=f"C-{ref}", name=f"Jordan Coach {ref}", email=f"jordan.{ref}@example.org",
                             programs=["voluntary_peer_coaching"])
    body = application()
    body["teacher"].update(employee_id=DEMO_TEACHER["employee_id"], first_name="Tess", last_name="Teacher")
    sent = requests.post(f"{pages_stack.urls['intake']}/applications", json=body, timeout=15)
    assert sent.status_code == 201, sent.text
    pairing_id = people.approve(people.pending_review(sent.json()["id"]), coach,
                                starts_on=date.today().replace(day=1).isoformat())
    eventually(lambda: people.call("GET", "timesheets", f"/pairings/{pairing_id}/hours",
                                   people.coach_headers(coach)).status_code == 200, timeout=30)
    people.log(pairing_id, coach, date.today().isoformat(), 90, "observation")

    with signed_in(browser, pages_stack, "teacher") as teacher:
        teacher.get_by_role("link", name="My coaching").first.click()
        section = teacher.locator(f"#pairing-{pairing_id}").locator("xpath=..")
        section.wait_for()
        text = section.inner_text()
        assert coach["name"] in text and "1 h 30 min used of 10 h" in text and "8 h 30 min left" in text
        assert "1 of 1 release day left" in text
        assert "CONFIDENTIAL-NOTE" not in teacher.content()  # the coach's notes stay theirs
        look(teacher, "teacher-my-coaching")
    with signed_in(browser, pages_stack, "newcomer") as newcomer:
        assert newcomer.goto(f"{pages_stack.urls['timesheets']}/pages/my-coaching").status == 403
