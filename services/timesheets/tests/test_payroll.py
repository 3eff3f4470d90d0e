"""Payroll batches: approved timesheets exported once, identical bytes on every download."""
import csv
import io
import threading
from datetime import timedelta

from alembic import command
from sqlalchemy import create_engine, select, text

from peercoach.migrations import alembic_config
from timesheets.app import SPEC
from timesheets.models import Timesheet

HEADER = "batch_id,employee_id,coach_name,period,pairing_id,program,hours,rate,gross_amount,payer," \
         "payer_amount,account_code,district"


def approve(service, pairing, minutes=90):
    service.log(pairing, service.start, minutes, note="never exported")
    service.sheet(pairing, "submit")
    assert service.sheet(pairing, "approve").status_code == 200


def export(service, client=None):
    return (client or service.client).post("/payroll/exports", json={"period": service.period},
                                           headers=service.token("payroll"))


def test_export_csv_has_one_row_per_payer_share_and_downloads_identically(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    service.rate("SD-61", "60.00", "130.00", service.start + timedelta(days=10))
    pairing = service.add_pairing()
    service.log(pairing, service.start + timedelta(days=12), 60)
    service.log(pairing, service.start + timedelta(days=3), 300, "release_day")
    approve(service, pairing)

    created = export(service)
    batch = created.get_json()["batch_id"]
    path = f"/payroll/exports/{batch}"
    first = service.client.get(path, headers={**service.token("payroll"), "Accept": "text/csv"})
    again = service.client.get(f"{path}.csv", headers=service.token("payroll"))
    as_json = service.client.get(path, headers=service.token("payroll")).get_json()

    assert created.status_code == 201 and created.get_json()["rows"] == 4
    assert created.get_json()["gross_total"] == "135.00"
    assert first.mimetype == "text/csv" and first.data == again.data
    p, e = pairing["pairing_id"], pairing["coach"]["employee_id"]
    common = f"{batch},{e},Grace Hopper,{service.period},{p},district_coaching"
    assert first.data.decode().splitlines() == [
        HEADER,
        f"{common},1.50,50.00,75.00,federation,30.00,ACC-100,SD-61",
        f"{common},1.50,50.00,75.00,district,45.00,ACC-100,SD-61",
        f"{common},1.00,60.00,60.00,federation,24.00,ACC-100,SD-61",
        f"{common},1.00,60.00,60.00,district,36.00,ACC-100,SD-61",
    ]
    assert b"never exported" not in first.data
    assert as_json["lines"][0]["payer_amount"] == "30.00" and len(as_json["lines"]) == 4
    event = service.events("payroll.exported")[0]["payload"]
    assert event == {"batch_id": batch, "period": service.period, "rows": 4, "gross_total": "135.00",
                     "timesheet_ids": [service.sheet(pairing).get_json()["id"]]}


def test_a_timesheet_is_exported_once_and_then_locked(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    pairing = service.add_pairing()
    approve(service, pairing)

    first = export(service)
    second = export(service)

    assert first.status_code == 201
    assert second.status_code == 422 and second.get_json()["error"]["code"] == "nothing_to_export"
    assert service.sheet(pairing).get_json()["batch_id"] == first.get_json()["batch_id"]
    assert service.sheet(pairing, "reject", json={"reason": "late"}).status_code == 409


def test_only_payroll_exports_and_unknown_batches_are_404(service):
    assert service.client.post("/payroll/exports", json={"period": "2026-01"},
                               headers=service.token("coordinator")).status_code == 403
    assert service.client.post("/payroll/exports", json={"period": "January"},
                               headers=service.token("payroll")).status_code == 422
    assert service.client.get("/payroll/exports/nope.csv", headers=service.token("payroll")).status_code == 404


def test_concurrent_exports_never_put_a_timesheet_in_two_batches(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    for _ in range(8):
        approve(service, service.add_pairing())
    clients = [service.client.application.test_client() for _ in range(4)]
    barrier = threading.Barrier(len(clients))
    answers = []

    def race(client):
        barrier.wait()
        answers.append(export(service, client))

    threads = [threading.Thread(target=race, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(a.status_code in (201, 422) for a in answers)
    exported = [e["payload"]["timesheet_ids"] for e in service.events("payroll.exported")]
    flat = [timesheet for ids in exported for timesheet in ids]
    assert len(flat) == len(set(flat)) == 8
    with service.db.transaction() as session:
        assert all(session.scalars(select(Timesheet.batch_id)))


def batches(service, headers, **query):
    return service.client.get("/payroll/exports", query_string=query, headers=headers)


def test_a_lost_export_response_is_found_again_by_its_key_or_in_the_list(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    approve(service, service.add_pairing())
    key = {**service.token("payroll", email="clerk@district.example.org"), "Idempotency-Key": "march-run-1"}

    first = service.client.post("/payroll/exports", json={"period": service.period}, headers=key)
    approve(service, service.add_pairing())
    repeat = service.client.post("/payroll/exports", json={"period": service.period}, headers=key)
    listed = batches(service, service.token("payroll"), period=service.period).get_json()

    assert first.status_code == 201 and repeat.status_code == 200
    assert repeat.get_json() == first.get_json() and first.get_json()["rows"] == 2
    assert listed["total"] == 1 and listed["items"] == [{
        "batch_id": first.get_json()["batch_id"], "period": service.period,
        "created_at": first.get_json()["created_at"], "created_by": "clerk@district.example.org", "rows": 2,
        "totals": {"federation": "30.00", "district": "45.00"}}]
    assert export(service).status_code == 201  # the second pairing's month, waiting all along


def test_batches_are_listed_newest_first_by_period_a_page_at_a_time(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    made = []
    for _ in range(3):
        approve(service, service.add_pairing())
        made.append(export(service).get_json()["batch_id"])

    first_page = batches(service, service.token("payroll"), period=service.period, page_size=2).get_json()
    second_page = batches(service, service.token("payroll"), period=service.period, page=2, page_size=2)
    other_month = batches(service, service.token("payroll"), period="2001-01").get_json()

    assert [b["batch_id"] for b in first_page["items"]] == made[:0:-1] and first_page["total"] == 3
    assert [b["batch_id"] for b in second_page.get_json()["items"]] == made[:1]
    assert other_month == {"items": [], "total": 0, "page": 1, "page_size": 20}
    assert batches(service, service.token("payroll"), period="March").status_code == 422
    assert batches(service, service.token("coach")).status_code == 403


def test_finance_sees_only_its_payer_and_districts_in_the_batch_totals(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    service.rate("SD-23", "40.00", "100.00", service.start)
    approve(service, service.add_pairing(teacher={"district": "SD-61"}))
    approve(service, service.add_pairing(teacher={"district": "SD-23"}, coach={"district": "SD-23"}))
    export(service)

    def totals(**scope):
        return batches(service, service.token("finance", **scope)).get_json()["items"][0]["totals"]

    assert totals(payer="federation") == {"federation": "54.00"}
    assert totals(payer="district") == {"district": "81.00"}
    assert totals(payer="district", districts=("SD-61",)) == {"district": "45.00"}
    assert totals(payer="district", districts=("SD-23",)) == {"district": "36.00"}


def test_a_batch_made_before_the_district_column_downloads_with_its_first_bytes(service, databases, make_app):
    url = databases.url(databases.create())
    config = alembic_config(SPEC, url)
    command.upgrade(config, "ef5bba50337e")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO payroll_batches (id, period, created_at, rows, gross_total) "
            "VALUES ('b-1', '2026-01', '2026-02-01T09:00:00+00:00', 1, 75.00)"))
        connection.execute(text(
            "INSERT INTO timesheets (id, coach_id, period, status, employee_id, coach_name, coach_email, hours, "
            "submitted_at, batch_id) VALUES ('t-1', 'c-1', '2026-01', 'approved', 'E-1', 'Grace Hopper', "
            "'grace@example.org', 1.50, '2026-01-31T09:00:00+00:00', 'b-1')"))
        connection.execute(text(
            "INSERT INTO batch_lines (batch_id, line_no, timesheet_id, employee_id, coach_name, period, pairing_id, "
            "program, hours, rate, gross_amount, payer, payer_amount, account_code) VALUES ('b-1', 0, 't-1', "
            "'E-1', 'Grace Hopper', '2026-01', 'p-1', 'district_coaching', 1.50, 50.00, 75.00, 'district', "
            "75.00, 'ACC-1')"))
    engine.dispose()
    command.upgrade(config, "head")

    client = make_app("timesheets", url).test_client()
    old = client.get("/payroll/exports/b-1.csv", headers=service.token("payroll"))

    assert old.data.decode() == ("batch_id,employee_id,coach_name,period,pairing_id,program,hours,rate,"
                                 "gross_amount,payer,payer_amount,account_code\n"
                                 "b-1,E-1,Grace Hopper,2026-01,p-1,district_coaching,1.50,50.00,75.00,district,"
                                 "75.00,ACC-1\n")


def test_no_text_cell_of_the_payroll_csv_runs_as_a_formula(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    pairing = service.add_pairing(coach={"name": '=HYPERLINK("http://evil.example","Pay")', "employee_id": "-2+3"},
                                  account_code="@SUM(A1:A9)")
    tabbed = service.add_pairing(coach={"name": "\tTab Led"}, account_code="+ACC")
    for each in (pairing, tabbed):
        approve(service, each)
    batch = export(service).get_json()["batch_id"]

    text = service.client.get(f"/payroll/exports/{batch}.csv", headers=service.token("payroll")).data.decode()

    rows = list(csv.DictReader(io.StringIO(text)))
    cells = {(row["employee_id"], row["coach_name"], row["account_code"]) for row in rows}
    assert cells == {("'-2+3", '\'=HYPERLINK("http://evil.example","Pay")', "'@SUM(A1:A9)"),
                     (tabbed["coach"]["employee_id"], "'\tTab Led", "'+ACC")}
    assert {row["hours"] for row in rows} == {"1.50"} and {row["payer_amount"] for row in rows} == {"30.00", "45.00"}
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


def test_the_batch_as_json_is_streamed_line_by_line_with_its_figures(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    for _ in range(3):
        approve(service, service.add_pairing())
    batch = export(service).get_json()

    response = service.client.get(f"/payroll/exports/{batch['batch_id']}", headers=service.token("payroll"),
                                  buffered=False)
    streamed = response.is_streamed

    body = response.get_json()
    assert streamed and response.mimetype == "application/json"
    assert {key: body[key] for key in ("batch_id", "period", "rows", "gross_total", "created_at")} == \
        {key: batch[key] for key in ("batch_id", "period", "rows", "gross_total", "created_at")}
    assert len(body["lines"]) == 6 and {line["payer_amount"] for line in body["lines"]} == {"30.00", "45.00"}
    assert body["lines"][0]["district"] == "SD-61"
