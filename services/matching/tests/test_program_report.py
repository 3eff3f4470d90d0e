"""The year-end program report: figures per program, focus area and school; no names; small groups suppressed."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

from sqlalchemy import select

from matching import program_report
from matching.usage import PairingUsage, record_usage
from peercoach.events.contracts import load_payload
from peercoach.events.envelope import Envelope


def application(teacher: str, **overrides) -> program_report.Application:
    values = dict(teacher=teacher, program="voluntary_peer_coaching", focus_area="numeracy", school="Hill",
                  status="approved", hours_approved=Decimal("10.00"))
    return program_report.Application(**{**values, **overrides})


def test_groups_under_five_teachers_are_suppressed_with_one_more_so_none_can_be_worked_out():
    many = [application(f"T{i}") for i in range(6)]
    two = [application(f"S{i}", school="Dale") for i in range(2)]
    middling = [application(f"M{i}", school="Elm", status="denied") for i in range(5)]

    result = program_report.report(many + two + middling)

    schools = {g["group"]: g for g in result["by_school"]}
    assert schools["Dale"]["suppressed"] and schools["Dale"]["applications"] is None
    assert schools["Elm"]["suppressed"], "the next smallest is hidden with the only small group"
    assert not schools["Hill"]["suppressed"] and schools["Hill"]["applications"] == 6
    assert result["totals"]["approval_rate_pct"] == Decimal("61.5")
    assert program_report.report(many[:4])["totals"]["suppressed"]


def test_the_same_teacher_twice_is_one_teacher():
    result = program_report.report([application("T1")] * 5 + [application(f"T{i}") for i in range(2, 5)])
    assert result["totals"]["suppressed"]


def deliver_usage(matching, pairing_id: str, hours: str, federation: str, district: str, timesheet_id="ts-1"):
    payload = {"timesheet_id": timesheet_id, "coach_id": "c", "period": "2026-11",
               "coach": {"name": "Grace", "email": "g@x.example.org"}, "hours": hours,
               "lines": [{"pairing_id": pairing_id, "hours": hours, "federation_amount": federation,
                          "district_amount": district}]}
    envelope = Envelope.new("timesheet.approved", payload, producer="timesheets")
    with matching.db.transaction() as session:
        record_usage(session, envelope, load_payload(envelope.type, envelope.version, envelope.payload))


def test_the_report_counts_decisions_hours_and_cost_with_no_names(matching):
    coach = matching.add_coach(max_active_pairings=20)
    teachers = []
    for number in range(6):
        review = matching.submit(submitted_at="2026-03-02T10:00:00+00:00")
        teachers.append(review["teacher"])
        if number < 5:
            pairing_id = matching.approve(review["id"], coach["id"]).get_json()["pairing_id"]
            deliver_usage(matching, pairing_id, "2.50", "0.00", "125.00")
        else:
            matching.decide(review["id"], decision="deny", reason="Not this year.")
    deliver_usage(matching, pairing_id, "2.50", "0.00", "125.00")
    odd = matching.submit(program="district_coaching", submitted_at="2026-04-01T10:00:00+00:00")
    teachers.append(odd["teacher"])
    matching.submit(submitted_at="2025-12-31T23:00:00+00:00")

    body = matching.client.get("/reports/program?year=2026", headers=matching.coordinator)
    as_csv = matching.client.get("/reports/program?from=2026-01-01&to=2026-12-31",
                                 headers={**matching.coordinator, "Accept": "text/csv"})

    result = body.get_json()
    assert result["totals"] == {"group": "all", "suppressed": False, "teachers": 7, "applications": 7,
                                "approved": 5, "denied": 1, "approval_rate_pct": "83.3",
                                "hours_approved": "50.00", "hours_used": "12.50", "federation_cost": "0.00",
                                "district_cost": "625.00"}
    programs = {g["group"]: g for g in result["by_program"]}
    assert programs["district_coaching"]["suppressed"] and programs["voluntary_peer_coaching"]["suppressed"]
    assert as_csv.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert rows[0]["dimension"] == "all" and rows[0]["hours_used"] == "12.50"
    everything = body.text + as_csv.text
    for teacher in teachers:
        for field in ("employee_id", "first_name", "last_name", "email"):
            assert teacher[field] not in everything


def test_the_period_is_a_year_or_a_range(matching, token):
    bad = [matching.client.get(f"/reports/program{query}", headers=matching.coordinator)
           for query in ("", "?year=2026&from=2026-01-01", "?from=2026-01-01", "?from=2026-02-01&to=2026-01-01",
                         "?year=nineteen", "?from=2026-01-01&to=9999-12-31")]
    assert [response.status_code for response in bad] == [422] * 6
    assert matching.client.get("/reports/program?year=2026", headers=token("finance", payer="district")) \
        .status_code == 403


def test_a_repeated_or_early_usage_line_is_kept_once(matching):
    deliver_usage(matching, "not-yet-known", "1.00", "10.00", "0.00")
    deliver_usage(matching, "not-yet-known", "1.00", "10.00", "0.00")
    with matching.db.transaction() as session:
        assert len(session.scalars(select(PairingUsage).where(PairingUsage.pairing_id == "not-yet-known")).all()) == 1



def test_no_text_cell_of_the_report_csv_runs_as_a_formula_and_figures_stay_numbers():
    schools = ("=1+1", "+cmd", "-2", "@SUM(A1)", "\tTabbed", "\rReturn")
    result = program_report.report([application(f"{school}-{i}", school=school)
                                    for school in schools for i in range(5)])
    result["totals"]["hours_used"] = Decimal("-1.50")

    rows = list(csv.reader(io.StringIO(as_text(program_report.csv_rows(result)))))

    assert sorted(row[1] for row in rows if row[0] == "school") == sorted(f"'{school}" for school in schools)
    assert rows[1][:3] == ["all", "all", "false"] and rows[1][3 + program_report.FIGURES.index("hours_used")] == "-1.50"


def as_text(rows) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
