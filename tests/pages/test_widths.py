"""Every role's pages at a phone's, a tablet's and a desktop's width: nothing wider than the screen (a wide
table scrolls inside its own box), and no serious accessibility violation."""
import pytest

from peercoach.testing.pages import WIDTHS, look, signed_in

pytestmark = pytest.mark.browser
PAGES = {
    "coordinator": [("matching", "/pages/reviews"), ("matching", "/pages/pairings"), ("matching", "/pages/coaches"),
                    ("matching", "/pages/report"), ("timesheets", "/pages/timesheets"), ("timesheets", "/pages/hours"),
                    ("timesheets", "/pages/rates")],
    "coach": [("timesheets", "/pages/log"), ("timesheets", "/pages/pairings")],
    "teacher": [("intake", "/mine"), ("intake", "/apply"), ("timesheets", "/pages/my-coaching")],
    "payroll": [("timesheets", "/pages/payroll")],
    "finance": [("timesheets", "/pages/statements")],
    "admin": [("matching", "/pages/grants"), ("matching", "/pages/credentials")],
}


def test_every_roles_pages_fit_a_phone_a_tablet_and_a_desktop(pages_stack, browser, subtests):
    for who, pages in PAGES.items():
        for width in WIDTHS:
            with signed_in(browser, pages_stack, who, width=width) as page:
                for service, path in pages:
                    with subtests.test(who=who, width=width, page=path):
                        page.goto(pages_stack.urls[service] + path)
                        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                        assert overflow <= 0, f"{path} is {overflow} px wider than a {width}"
                        look(page, f"width-{width}-{who}-{service}{path.replace('/', '-')}")
