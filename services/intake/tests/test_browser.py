"""The /apply form in a real Chromium (Debian's, driven by Playwright) against a real HTTP server."""
from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

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


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    """A phone-sized page of its own (own cookies)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def fill(page, answers: dict) -> None:
    page.get_by_role("group", name="Program").get_by_label("Voluntary peer coaching").check()
    page.get_by_role("group", name="How do you come to apply?").get_by_label("I am asking for support myself").check()
    for label, name in (("Employee number", "employee_id"), ("First name", "first_name"), ("Last name", "last_name"),
                        ("Email", "email"), ("School", "school"), ("District", "district"),
                        ("Subjects you teach", "subjects")):
        page.get_by_label(label, exact=True).fill(answers[name])
    page.get_by_label("Employment status").select_option(answers["employment_status"])
    page.get_by_label("4", exact=True).check()
    page.get_by_label("New grade level").check()
    page.get_by_label("Focus area").select_option("numeracy")
    page.get_by_label("Observation and feedback").check()
    page.get_by_label("Anything you want the coordinator to know").fill(answers["reason_details"])
    page.get_by_label("I understand that coaching is confidential").check()


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
