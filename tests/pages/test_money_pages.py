"""Timesheets' pages for the money people, in a real Chromium on the running stack: the coordinator
approves and sends back timesheets and sets rates, payroll makes and downloads a batch, finance reads
and prints its payer's statement; nobody else opens these pages."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
import requests

from peercoach.testing.pages import look, signed_in
from tests.pages.money_seed import Seeder, csv_rows, csv_total, month_start, new_district

pytestmark = pytest.mark.browser


@pytest.fixture
def seeder(pages_stack, token):
    return Seeder(pages_stack, token)


def amount(text: str) -> Decimal:
    """`$1,234.50` as a Decimal."""
    return Decimal(text.strip().replace("$", "").replace(",", ""))


def test_coordinator_approves_one_timesheet_and_sends_another_back(pages_stack, browser, seeder):
    district, first = new_district(), month_start(2)
    seeder.set_rates(district, first)
    approved = seeder.submitted(district, first, [(3, 90, "planning"), (10, 60, "debrief")])
    sent_back = seeder.submitted(district, first, [(4, 45, "observation")])
    timesheets = pages_stack.urls["timesheets"]

    with signed_in(browser, pages_stack, "coordinator") as page:
        page.get_by_role("link", name="Timesheets waiting").first.click()
        page.get_by_label("Month").fill(approved.period)
        page.get_by_role("button", name="Show").click()
        look(page, "timesheets-waiting")
        page.get_by_role("link", name=approved.coach["name"]).click()
        page.get_by_role("heading", name=re.compile(approved.coach["name"])).wait_for()
        assert page.get_by_text(f"CONFIDENTIAL-NOTE planning on {first.replace(day=3).isoformat()}").is_visible()
        assert amount(page.locator("#district-total").inner_text()) == Decimal("125.00")  # 2.5 h at $50
        look(page, "timesheet-to-decide")
        page.get_by_role("button", name="Approve this timesheet").click()
        page.get_by_text(f"Approved: {approved.coach['name']}'s timesheet").wait_for()
        assert page.locator("#timesheets").get_by_text(approved.coach["name"]).count() == 0

        page.get_by_role("link", name=sent_back.coach["name"]).click()
        page.get_by_label("Reason for sending it back").fill("   ")  # blank: the browser lets it through
        page.get_by_role("button", name="Send back to the coach").click()
        page.locator("#reason-error").wait_for()
        look(page, "timesheet-reason-missing")
        page.get_by_label("Reason for sending it back").fill("Observation on the 4th: which lesson?")
        page.get_by_role("button", name="Send back to the coach").click()
        page.get_by_text(f"Sent back to {sent_back.coach['name']}").wait_for()
        look(page, "timesheets-waiting-after")

    assert seeder.sheet(approved)["status"] == "approved"
    rejected = seeder.sheet(sent_back)
    assert (rejected["status"], rejected["reject_reason"]) == ("rejected", "Observation on the 4th: which lesson?")
    with signed_in(browser, pages_stack, "coordinator", width="desktop") as page:
        page.goto(f"{timesheets}/pages/timesheets?status=approved&period={approved.period}")
        look(page, "timesheets-approved-desktop")
        page.get_by_role("link", name=approved.coach["name"]).click()
        page.locator("#costs").wait_for()
        look(page, "timesheet-approved-desktop")


def test_a_missing_rate_is_set_on_the_rates_page_and_then_the_month_is_approved(pages_stack, browser, seeder):
    district, first = new_district(), month_start(3)
    month = seeder.submitted(district, first, [(5, 120, "planning")])
    timesheets = pages_stack.urls["timesheets"]

    with signed_in(browser, pages_stack, "coordinator", width="desktop") as page:
        page.goto(f"{timesheets}/pages/timesheets/{month.coach['id']}/{month.period}")
        assert page.locator(".missing-rate").is_visible()
        page.get_by_role("button", name="Approve this timesheet").click()
        page.get_by_text("cannot be priced: set the rates named below first").wait_for()
        look(page, "timesheet-missing-rate")
        page.get_by_role("link", name=f"Set the rates of {district}").click()
        page.locator("#no-rates").wait_for()
        look(page, "rates-none")
        page.get_by_label("In force from").fill(first.isoformat())
        page.get_by_label("Per hour of coaching ($)").fill("$47")
        page.get_by_label("Per release half-day ($)").fill("161.27")
        page.get_by_role("button", name="Set these rates").click()
        page.locator("#hourly_rate-error").wait_for()
        assert page.get_by_label("Per release half-day ($)").input_value() == "161.27"  # kept as typed
        look(page, "rates-error")
        page.get_by_label("Per hour of coaching ($)").fill("47.53")
        page.get_by_role("button", name="Set these rates").click()
        page.get_by_text(f"Rates of {district} set from {first.isoformat()}").wait_for()
        assert "$47.53" in page.locator("#in-force").inner_text()
        look(page, "rates-set")

        page.goto(f"{timesheets}/pages/timesheets/{month.coach['id']}/{month.period}")
        assert page.locator(".missing-rate").count() == 0
        assert amount(page.locator("#district-total").inner_text()) == Decimal("95.06")  # 2 h at $47.53
        page.get_by_role("button", name="Approve this timesheet").click()
        page.get_by_text("Approved:").wait_for()
    with signed_in(browser, pages_stack, "coordinator") as page:
        page.goto(f"{timesheets}/pages/rates")
        look(page, "rates-districts")
        page.get_by_role("link", name=district).click()
        page.locator("#history").wait_for()
        look(page, "rates-district-phone")
    assert seeder.sheet(month)["status"] == "approved"


def test_payroll_clerk_sees_what_waits_makes_the_batch_once_and_downloads_the_api_bytes(pages_stack, browser,
                                                                                        seeder, token):
    district, first = new_district(), month_start(4)
    seeder.set_rates(district, first)
    month = seeder.submitted(district, first, [(6, 90, "planning"), (13, 45, "debrief")])
    seeder.ok("POST", "timesheets", f"/timesheets/{month.coach['id']}/{month.period}/approve", seeder.coordinator)
    timesheets = pages_stack.urls["timesheets"]

    with signed_in(browser, pages_stack, "payroll") as page:
        page.get_by_role("link", name="Payroll exports").first.click()
        page.get_by_label("Month to export").fill(month.period)
        page.get_by_role("button", name="Show").click()
        assert page.locator("#waiting-count").inner_text() == "1"
        assert page.locator("#waiting-hours").inner_text() == "2 h 15 min"
        assert amount(page.locator("#waiting-district").inner_text()) == Decimal("112.50")
        look(page, "payroll-waiting")
        form = {"csrf_token": page.locator("input[name=csrf_token]").first.input_value(),
                "period": month.period, "key": page.locator("input[name=key]").input_value()}
        page.get_by_role("button", name=re.compile("Make the batch")).click()
        page.get_by_text(f"Batch made for {month.period}").wait_for()
        again = page.request.post(f"{timesheets}/pages/payroll", form=form)  # the same form sent twice
        assert again.ok and "was already made" in again.text()
        page.reload()
        page.locator("#nothing-waiting").wait_for()
        look(page, "payroll-batch-made")

        batches = requests.get(f"{timesheets}/payroll/exports?period={month.period}", timeout=10,
                               headers=token("payroll", "payroll-1")).json()
        assert batches["total"] == 1
        batch_id = batches["items"][0]["batch_id"]
        from_api = requests.get(f"{timesheets}/payroll/exports/{batch_id}", timeout=10,
                                headers={**token("payroll", "payroll-1"), "Accept": "text/csv"}).content
        row = page.locator(f"#batch-{batch_id}")
        for _ in range(2):  # downloaded, then downloaded again
            with page.expect_download() as download:
                row.get_by_role("link", name=re.compile("Download")).click()
            assert download.value.suggested_filename == f"payroll-{month.period}-{batch_id}.csv"
            assert open(download.value.path(), "rb").read() == from_api
    assert csv_total(csv_rows(from_api), "district") == Decimal("112.50")


def test_finance_officers_see_only_their_payers_statement_adding_up_with_the_csv(pages_stack, browser, seeder):
    district, first = new_district(), month_start(5)
    seeder.set_rates(district, first, hourly="47.53", release="161.27")
    month = seeder.submitted(district, first, [(7, 95, "planning"), (14, 100, "observation"),
                                               (21, 180, "release_day")],
                             program="peer_support_service", referral="plan_of_assistance", hours_approved="6",
                             release_half_days=2, funding={"federation_pct": "33.33", "district_pct": "66.67"},
                             account_code="PSS-2026-7")
    seeder.ok("POST", "timesheets", f"/timesheets/{month.coach['id']}/{month.period}/approve", seeder.coordinator)
    _, exported = seeder.export(month.period)
    rows = csv_rows(exported)
    timesheets = pages_stack.urls["timesheets"]

    with signed_in(browser, pages_stack, "finance", width="desktop") as page:
        page.get_by_role("link", name="Statements (district)").first.click()
        page.get_by_label("Month").fill(month.period)
        page.get_by_role("button", name="Show").click()
        page.get_by_label("District").select_option(district)
        page.get_by_role("button", name="Show").click()
        page.get_by_role("heading", name=re.compile("District statement")).wait_for()
        statement = page.locator("#lines")
        assert statement.locator("tbody tr").count() == 1
        assert amount(page.locator("#total-coaching").inner_text()) == csv_total(rows, "district", district)
        assert amount(page.locator("#total-release").inner_text()) == Decimal("161.27")
        assert "CONFIDENTIAL" not in page.content()
        look(page, "statement-district-desktop")
        page.get_by_role("link", name="Printable statement").click()
        assert page.locator("#billed").inner_text().startswith(f"District {district}")
        assert amount(page.locator("#amount-due").inner_text()) == \
            csv_total(rows, "district", district) + Decimal("161.27")
        look(page, "statement-district-print")
        page.emulate_media(media="print")
        assert not page.locator("header").is_visible()

    for width in ("phone", "desktop"):
        with signed_in(browser, pages_stack, "federation-finance", width=width) as page:
            page.goto(f"{timesheets}/pages/statements?period={month.period}")
            page.get_by_role("heading", name=re.compile("Federation statement")).wait_for()
            assert page.locator("#total-release").count() == 0
            assert amount(page.locator("#total-amount").inner_text()) == csv_total(rows, "federation")
            assert "CONFIDENTIAL" not in page.content()
            look(page, f"statement-federation-{width}")


@pytest.mark.parametrize("who, paths", [
    ("coach", ("/pages/timesheets", "/pages/rates", "/pages/payroll", "/pages/statements")),
    ("teacher", ("/pages/timesheets", "/pages/rates/BUSD", "/pages/payroll", "/pages/statements")),
    ("payroll", ("/pages/timesheets", "/pages/statements")),
    ("finance", ("/pages/timesheets", "/pages/payroll")),
    ("coordinator", ("/pages/payroll", "/pages/statements")),
])
def test_other_roles_get_403_on_these_pages(pages_stack, browser, who, paths):
    with signed_in(browser, pages_stack, who) as page:
        for path in paths:
            assert page.goto(pages_stack.urls["timesheets"] + path).status == 403, path
        page.get_by_role("heading", name="Not for your role").wait_for()
        look(page, f"money-pages-403-{who}")


def test_the_coordinator_sees_hours_used_as_logged_before_any_approval(pages_stack, browser, seeder):
    district, first = new_district(), month_start(1)
    month = seeder.submitted(district, first, [(2, 240, "planning"), (9, 270, "observation")])  # 8.5 of 10 h
    matching = pages_stack.urls["matching"]

    with signed_in(browser, pages_stack, "coordinator", width="desktop") as page:
        page.goto(f"{matching}/pages/pairings/{month.pairing_id}")
        page.get_by_role("link", name="hours and release used so far, in timesheets").click()
        row = page.locator("#hours tbody tr")
        assert row.count() == 1
        assert "8 h 30 min of 10 h" in row.inner_text() and "80% reached" in row.inner_text()
        look(page, "coordinator-hours-used")
    with signed_in(browser, pages_stack, "coach") as page:
        assert page.goto(f"{pages_stack.urls['timesheets']}/pages/hours").status == 403
