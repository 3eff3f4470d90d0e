"""Page tests on the running stack: the four services and their workers as processes, people signed in
through the development identity provider in a real Chromium, and every visited page saved as a
screenshot (var/screenshots/) and checked with axe-core (no serious or critical violation)."""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from peercoach.db import Database
from peercoach.messaging.topology import Names
from peercoach.service import SERVICES
from peercoach.testing import infrastructure
from peercoach.testing import stack as stack_mod
from peercoach.testing.broker import wait_until_consumed
from peercoach.testing.flooding import RAISED_LIMITS
from peercoach.testing.mail import Mailbox, start_smtp_server

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "var" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}
WIDTHS = {"phone": 390, "tablet": 768, "desktop": 1280}


@pytest.fixture(scope="module")
def pages_stack(databases, amqp_url, run_id, jwt_secret, dev_idp, tmp_path_factory):
    """The whole stack for one module of page tests, the demo coach on the roster (as `make run` does).
    `.mailbox` holds the emails it sent."""
    from matching import demo
    namespace = f"test-{run_id}-{uuid.uuid4().hex[:6]}"
    smtp = start_smtp_server(Mailbox())
    running = stack_mod.build(databases, amqp_url, namespace, jwt_secret, smtp.port, tmp_path_factory.mktemp("stack"))
    running.env.update(RAISED_LIMITS)
    running.env.update(OIDC_ISSUER=dev_idp, OIDC_CLIENT_ID="peercoach-dev", OIDC_CLIENT_SECRET="dev-secret")
    running.mailbox = smtp.mailbox
    try:
        for name in SERVICES:
            running.start(name)
            running.start(f"{name}-worker")
        running.wait_ready()
        for name in SERVICES:
            wait_until_consumed(amqp_url, Names(namespace).queue(name), timeout=60)
        db = Database(running.env["MATCHING_DATABASE_URL"])
        demo.seed(db)
        db.dispose()
        yield running
    finally:
        running.stop()
        smtp.stop()
        infrastructure.delete_namespace(amqp_url, namespace)


def sign_in(page, urls: dict, who: str) -> None:
    """From the home page: Sign in, then the development provider's button for the demo person `who`."""
    page.goto(urls["intake"] + "/")
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_role("button", name=who, exact=True).click()
    page.wait_for_url(urls["intake"] + "/")


@contextmanager
def signed_in(browser, stack, who: str, width: str = "phone"):
    """A browser page of its own (own cookies), `who` signed in, at one of WIDTHS."""
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, is_mobile=width == "phone")
    load_axe(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, stack.urls, who)
        yield page
    finally:
        context.close()


def look(page, name: str) -> None:
    """Save the page as var/screenshots/<name>.png and fail on any serious or critical axe-core violation."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    assert_accessible(page, name)


def load_axe(context) -> None:
    """axe-core in every page of `context`, loaded as the browser's own script (the pages' CSP allows none)."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: `make install` installs axe-core (package.json)")
    context.add_init_script(path=str(AXE))


def assert_accessible(page, name: str) -> None:
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
               for v in results["violations"] if v["impact"] in SERIOUS]
    assert not serious, f"{name}: " + "; ".join(serious)
