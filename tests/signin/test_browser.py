"""Signing in through the development identity provider in a real Chromium, on the running stack."""
from pathlib import Path

import pytest
import requests

from matching import demo
from peercoach.db import Database
from peercoach.devidp import DEMO_PEOPLE
from peercoach.messaging.topology import Names
from peercoach.service import SERVICES
from peercoach.testing import stack as stack_mod
from peercoach.testing.broker import wait_until_consumed
from tests.helpers import eventually

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
HOME_SECTION = {"coordinator": "coordinator", "coach": "coach", "teacher": "teacher", "payroll": "payroll",
                "finance": "finance", "federation-finance": "finance", "admin": "admin", "newcomer": "applicant"}


@pytest.fixture
def stack(databases, amqp_url, namespace, jwt_secret, smtp_server, tmp_path, dev_idp):
    """The four services and their workers as processes, signing people in with the development provider."""
    running = stack_mod.build(databases, amqp_url, namespace, jwt_secret, smtp_server.port, tmp_path)
    running.env.update(OIDC_ISSUER=dev_idp, OIDC_CLIENT_ID="peercoach-dev", OIDC_CLIENT_SECRET="dev-secret")
    for name in SERVICES:
        running.start(name)
        running.start(f"{name}-worker")
    try:
        running.wait_ready()
        for name in SERVICES:
            wait_until_consumed(amqp_url, Names(namespace).queue(name), timeout=60)
        db = Database(running.env["MATCHING_DATABASE_URL"])
        demo.seed(db)  # as `make run` does: the demo coach is on the roster
        db.dispose()
        yield running
    finally:
        running.stop()


def sign_in(page, urls: dict, who: str) -> None:
    """From the home page: Sign in, then the development provider's button for `who`."""
    page.goto(urls["intake"] + "/")
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_role("button", name=who, exact=True).click()
    page.wait_for_url(urls["intake"] + "/")


def test_each_demo_person_signs_in_and_lands_on_the_home_of_their_role(stack, browser, subtests):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for person in DEMO_PEOPLE:
        with subtests.test(person["sub"]):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            page.set_default_timeout(15_000)
            sign_in(page, stack.urls, person["sub"])

            page.get_by_role("heading", name=f"Welcome, {person['name']}").wait_for()
            page.screenshot(path=SCREENSHOTS / f"home-{person['sub']}.png", full_page=True)
            shown = {section.get_attribute("id") for section in page.locator("section.role").all()}
            assert f"role-{HOME_SECTION[person['sub']]}" in shown
            if person["sub"] == "newcomer":
                assert shown == {"role-applicant"}
            context.close()


def test_a_forged_state_and_a_signed_out_session_are_refused(stack, browser_page):
    page, urls = browser_page, stack.urls
    page.goto(urls["matching"] + "/signin")
    page.get_by_role("button", name="coordinator", exact=True).wait_for()
    refused = page.goto(urls["matching"] + "/signin/callback?code=anything&state=forged")
    assert refused.status == 401
    page.get_by_text("state mismatch").wait_for()
    assert requests.get(urls["intake"] + "/applications", timeout=10,
                        cookies={c["name"]: c["value"] for c in page.context.cookies()}).status_code == 401

    sign_in(page, urls, "coordinator")
    kept = page.context.cookies()
    assert page.goto(urls["timesheets"] + "/rates/BUSD").status in (200, 404)
    page.goto(urls["intake"] + "/")
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()  # the provider's own sign-out
    page.wait_for_url(lambda url: url.startswith(urls["intake"] + "/?signed_out=1"))
    page.get_by_text("You are signed out.").wait_for()

    page.context.add_cookies(kept)  # a copy of the cookie kept from before signing out

    def refused_everywhere():
        return all(page.goto(urls[name] + path).status == 401 for name, path in (
            ("intake", "/applications"), ("matching", "/coaches"), ("timesheets", "/rates/BUSD")))
    eventually(refused_everywhere, timeout=30)
    page.goto(urls["intake"] + "/")
    page.get_by_role("link", name="Sign in").first.wait_for()
