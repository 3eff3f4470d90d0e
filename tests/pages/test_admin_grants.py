"""An admin grants a role by email in the browser, and revokes it; the person's home follows."""
import pytest

from peercoach.testing.pages import look, signed_in

pytestmark = pytest.mark.browser
NEWCOMER = "newcomer@demo.example.org"  # the demo person without a role


def role_sections(page) -> set[str]:
    return {section.get_attribute("id") for section in page.locator("section.role").all()}


def test_an_admin_grants_a_role_by_email_and_revokes_it(pages_stack, browser):
    matching = pages_stack.urls["matching"]
    with signed_in(browser, pages_stack, "admin", width="desktop") as admin:
        admin.get_by_role("link", name="Roles by grant").first.click()
        admin.get_by_role("heading", name="Roles by grant").wait_for()
        look(admin, "admin-grants-empty")

        admin.get_by_label("Email address").fill(NEWCOMER)
        admin.get_by_label("Role").select_option("coordinator")
        admin.get_by_label("Districts").fill("BUSD")  # only a district's finance officer has districts
        admin.get_by_role("button", name="Grant the role").click()
        admin.locator("#districts-error").wait_for()
        assert admin.get_by_label("Email address").input_value() == NEWCOMER  # what was typed is kept
        look(admin, "admin-grants-refused")

        admin.get_by_label("Districts").fill("")
        admin.get_by_role("button", name="Grant the role").click()
        admin.get_by_text(f"{NEWCOMER} is now program coordinator.").wait_for()
        look(admin, "admin-grants-granted")
        assert admin.url == f"{matching}/pages/grants"  # redirected after the post: a reload sends nothing

        with signed_in(browser, pages_stack, "newcomer") as newcomer:
            assert "role-coordinator" in role_sections(newcomer)

        admin.get_by_role("button", name=f"Revoke Program coordinator from {NEWCOMER}").click()
        admin.get_by_text(f"{NEWCOMER} no longer holds program coordinator.").wait_for()
        admin.locator("#no-grants").wait_for()

        with signed_in(browser, pages_stack, "newcomer") as newcomer:
            assert role_sections(newcomer) == {"role-applicant"}
            assert newcomer.goto(f"{matching}/pages/grants").status == 403
            look(newcomer, "admin-grants-not-for-newcomer")
