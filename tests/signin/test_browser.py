"""Signing in through the development identity provider in a real Chromium, on the running stack."""
import pytest
import requests

from peercoach.devidp import DEMO_PEOPLE
from peercoach.testing.pages import look, sign_in, signed_in
from tests.helpers import eventually

pytestmark = pytest.mark.browser
HOME_SECTION = {"coordinator": "coordinator", "coach": "coach", "teacher": "teacher", "payroll": "payroll",
                "finance": "finance", "federation-finance": "finance", "admin": "admin", "newcomer": "applicant"}


def test_each_demo_person_signs_in_and_lands_on_the_home_of_their_role(pages_stack, browser, subtests):
    for person in DEMO_PEOPLE:
        with subtests.test(person["sub"]), signed_in(browser, pages_stack, person["sub"]) as page:
            page.get_by_role("heading", name=f"Welcome, {person['name']}").wait_for()
            look(page, f"home-{person['sub']}")
            shown = {section.get_attribute("id") for section in page.locator("section.role").all()}
            assert f"role-{HOME_SECTION[person['sub']]}" in shown
            if person["sub"] == "newcomer":
                assert shown == {"role-applicant"}


def test_a_forged_state_and_a_signed_out_session_are_refused(pages_stack, browser_page):
    page, urls = browser_page, pages_stack.urls
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
