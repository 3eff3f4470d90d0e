"""The /apply form in a real Chromium (Debian's, driven by Playwright) against a real HTTP server."""
from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from tests.apply_form import fill

pytestmark = pytest.mark.browser


@pytest.fixture
def live_intake(intake):
    """The intake app served over HTTP from a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, intake.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def test_a_teacher_applies_from_a_phone_and_sees_the_reference(live_intake, browser_page, intake, filled_form):
    answers = filled_form()
    browser_page.goto(f"{live_intake}/apply")

    fill(browser_page, answers)
    browser_page.get_by_role("button", name="Send my application").click()

    browser_page.get_by_role("heading", name="Application received").wait_for()
    reference = browser_page.locator("#reference").inner_text().strip()
    assert len(reference) == 36 and intake.applications() == 1


def test_a_mistake_is_shown_beside_its_field_with_the_answers_kept(live_intake, browser_page, intake, filled_form):
    answers = filled_form(employment_status="temporary")
    browser_page.goto(f"{live_intake}/apply")

    fill(browser_page, answers)
    browser_page.get_by_role("button", name="Send my application").click()

    error = browser_page.locator("#employment_status-error")
    error.wait_for()
    assert "permanent" in error.inner_text()
    assert browser_page.get_by_label("Employment status").input_value() == "temporary"
    assert browser_page.get_by_label("First name").input_value() == answers["first_name"]
    assert browser_page.get_by_label("Anything you want the coordinator to know").input_value() == \
        answers["reason_details"]
    assert browser_page.get_by_label("Observation and feedback").is_checked()
    assert intake.applications() == 0
