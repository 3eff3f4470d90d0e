"""Payroll batches: approved timesheets exported once, identical bytes on every download."""
import csv
import io
import threading
from datetime import timedelta

from sqlalchemy import select

from timesheets.models import Timesheet

HEADER = "batch_id,employee_id,coach_name,period,pairing_id,program,hours,rate,gross_amount,payer," \
         "payer_amount,account_code"


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
        f"{common},1.50,50.00,75.00,federation,30.00,ACC-100",
        f"{common},1.50,50.00,75.00,district,45.00,ACC-100",
        f"{common},1.00,60.00,60.00,federation,24.00,ACC-100",
        f"{common},1.00,60.00,60.00,district,36.00,ACC-100",
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
