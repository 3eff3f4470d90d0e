"""Machine credentials on the running stack: an admin creates them in matching (API or page), every
service accepts them once matching's event arrives, a revoked one is refused everywhere while the
others keep working, and only a hash of the secret is ever kept."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, text

from peercoach.testing.pages import look, signed_in
from peercoach.web.auth import issue_token
from peercoach.web.machine_credentials import hash_of
from tests.e2e.flows import People
from tests.helpers import application, eventually
from tests.payroll_client import PayrollSystem

MONTH = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)  # the first of last month
PERIOD = MONTH.strftime("%Y-%m")


@pytest.fixture(scope="module")
def people(pages_stack):
    def token(role, sub="tester", email=None, payer=None):
        value = issue_token(pages_stack.env["PEERCOACH_JWT_SECRET"], role, sub, email, payer)
        return {"Authorization": f"Bearer {value}"}
    return People(pages_stack, token)


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def create(people: People, **body) -> dict:
    return people.ok("POST", "matching", "/credentials", people.token("admin", "admin-1", "admin@example.org"),
                     json=body)


def exports(people: People, secret: str) -> int:
    return people.call("GET", "timesheets", f"/payroll/exports?period={PERIOD}", bearer(secret)).status_code


def credential_rows(stack, service: str) -> list[dict]:
    engine = create_engine(stack.env[f"{service.upper()}_DATABASE_URL"])
    try:
        with engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(text("SELECT * FROM machine_credentials"))]
    finally:
        engine.dispose()


def approved_sheet(people: People, coach_ref: str) -> None:
    """A pairing of last month with time logged, its timesheet submitted and approved."""
    coach = people.add_coach(employee_id=f"C-{coach_ref}", name=f"Coach {coach_ref}",
                             email=f"coach.{coach_ref}@busd.example.org", programs=["voluntary_peer_coaching"])
    applied = people.ok("POST", "intake", "/applications", {}, json=application())
    pairing = people.approve(people.pending_review(applied["id"]), coach, starts_on=MONTH.isoformat())
    eventually(lambda: people.call("GET", "timesheets", f"/pairings/{pairing}/hours",
                                   people.coach_headers(coach)).status_code == 200, timeout=30)
    people.log(pairing, coach, MONTH.replace(day=3).isoformat(), 90, "planning")
    people.submit_and_approve(coach, PERIOD)


def test_a_credential_works_until_revoked_and_revoking_one_leaves_the_others(pages_stack, people):
    payroll = create(people, name="District payroll system", role="payroll")
    spare = create(people, name="Backup payroll system", role="payroll")

    assert payroll["secret"].startswith("pcm_") and "secret_hash" not in payroll
    eventually(lambda: exports(people, payroll["secret"]) == 200 and exports(people, spare["secret"]) == 200,
               timeout=30)
    # A payroll credential is a payroll caller, nothing more: a coordinator's operation is refused.
    assert people.call("GET", "timesheets", f"/timesheets?status=submitted&period={PERIOD}",
                       bearer(payroll["secret"])).status_code == 403
    assert people.call("GET", "matching", "/coaches", bearer(payroll["secret"])).status_code == 403
    assert exports(people, "pcm_" + "x" * 43) == 401

    people.ok("DELETE", "matching", f"/credentials/{payroll['id']}", people.token("admin", "admin-1"))

    eventually(lambda: exports(people, payroll["secret"]) == 401, timeout=30)
    assert people.call("GET", "matching", "/coaches", bearer(payroll["secret"])).status_code == 401
    assert exports(people, spare["secret"]) == 200

    listed = people.ok("GET", "matching", "/credentials", people.token("admin", "admin-1"))["items"]
    shown = {item["id"]: item for item in listed}
    assert shown[spare["id"]]["active"] and not shown[payroll["id"]]["active"]
    assert shown[spare["id"]]["last_used_at"] is not None  # used on timesheets, heard of in matching
    assert all("secret" not in item and "secret_hash" not in item for item in listed)


def test_only_the_hash_of_a_secret_is_kept_and_no_log_holds_it(pages_stack, people):
    created = create(people, name="Finance office tool", role="finance", payer="district", districts=["BUSD"])
    eventually(lambda: people.call("GET", "timesheets", f"/payroll/exports?period={PERIOD}",
                                   bearer(created["secret"])).status_code == 200, timeout=30)

    for service in ("matching", "timesheets", "intake", "notifications"):
        rows = {row["id"]: row for row in credential_rows(pages_stack, service)}
        row = eventually(lambda rows=rows: rows.get(created["id"]))
        assert row["secret_hash"] == hash_of(created["secret"])
        assert created["secret"] not in repr(row)
        assert (row["role"], row["payer"], row["districts"]) == ("finance", "district", ["BUSD"])
    for log in pages_stack.log_dir.glob("*.log"):
        assert created["secret"] not in log.read_text(errors="replace"), log.name


def test_a_payroll_system_downloads_each_new_batch_once_with_the_apis_bytes(pages_stack, people):
    secret = create(people, name="Payroll pull", role="payroll")["secret"]
    eventually(lambda: exports(people, secret) == 200, timeout=30)
    system = PayrollSystem(pages_stack.urls["timesheets"], secret)
    people.ok("PUT", "timesheets", "/rates/BUSD", people.coordinator,
              json={"hourly_rate": "47.53", "release_half_day_rate": "161.27", "effective_from": "2000-01-01"})
    approved_sheet(people, "pull-1")
    first, first_bytes = people.export(PERIOD)

    assert system.pull(PERIOD) == [first["batch_id"]]
    approved_sheet(people, "pull-2")
    second, second_bytes = people.export(PERIOD)
    assert system.pull(PERIOD) == [second["batch_id"]]
    assert system.pull(PERIOD) == []

    assert system.downloads == 2
    assert system.downloaded == {first["batch_id"]: first_bytes, second["batch_id"]: second_bytes}


@pytest.mark.browser
def test_an_admin_creates_sees_the_secret_once_and_revokes_in_the_browser(pages_stack, people, browser):
    urls = pages_stack.urls
    with signed_in(browser, pages_stack, "admin") as page:
        page.goto(urls["intake"] + "/")
        page.locator("#role-admin").get_by_role("link", name="Machine credentials").click()
        page.get_by_role("heading", name="Machine credentials", exact=True).wait_for()
        look(page, "credentials-list")

        page.get_by_role("button", name="Create the credential").click()  # nothing filled in
        page.locator("#error-summary").wait_for()
        look(page, "credentials-refused")

        page.get_by_role("textbox", name="Name").fill("Payroll export robot")
        page.get_by_role("radio", name="Payroll").check()
        page.get_by_role("button", name="Create the credential").click()
        page.get_by_role("heading", name="Credential “Payroll export robot” created").wait_for()
        look(page, "credentials-created")
        secret = page.locator("#secret").inner_text().strip()

        eventually(lambda: exports(people, secret) == 200, timeout=30)
        page.get_by_role("link", name="Back to the credentials").click()
        row = page.locator("#credentials tr", has_text="Payroll export robot")
        assert secret not in page.content()

        def last_used() -> str:
            page.reload()
            return row.locator(".last-used").inner_text().strip()
        eventually(lambda: last_used() != "Never", timeout=30)  # the call on timesheets, heard of in matching
        row.get_by_role("link", name="Revoke Payroll export robot").click()
        look(page, "credentials-revoke-confirm")
        page.get_by_role("button", name="Revoke the credential").click()
        page.get_by_text("“Payroll export robot” is revoked").wait_for()
        look(page, "credentials-revoked")

        eventually(lambda: exports(people, secret) == 401, timeout=30)

    with signed_in(browser, pages_stack, "payroll") as page:
        assert page.goto(urls["matching"] + "/pages/credentials").status == 403
