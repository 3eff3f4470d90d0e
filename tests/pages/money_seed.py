"""Timesheets in a past month, made as people make them: a teacher applies (intake's API), the
coordinator approves a coach (matching's API), the coach logs time and submits (timesheets' API)."""
from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import requests

from peercoach.testing.samples import application
from tests.e2e.flows import People
from tests.helpers import eventually


def month_start(months_ago: int) -> date:
    """The first day of the month `months_ago` months before this one."""
    first = date.today().replace(day=1)
    for _ in range(months_ago):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def new_district() -> str:
    return f"SD-{uuid.uuid4().hex[:6].upper()}"


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode())))


def csv_total(rows: list[dict], payer: str, district: str | None = None) -> Decimal:
    return sum((Decimal(row["payer_amount"]) for row in rows
                if row["payer"] == payer and district in (None, row["district"])), Decimal("0.00"))


@dataclass
class Month:
    coach: dict
    pairing_id: str
    period: str
    district: str


class Seeder(People):
    def set_rates(self, district: str, effective_from: date, hourly: str = "50.00", release: str = "160.00") -> None:
        self.ok("PUT", "timesheets", f"/rates/{district}", self.coordinator, json={
            "hourly_rate": hourly, "release_half_day_rate": release, "effective_from": effective_from.isoformat()})

    def submitted(self, district: str, first: date, entries: list[tuple[int, int, str]],
                  program: str = "voluntary_peer_coaching", referral: str = "self", **terms) -> Month:
        """A coach of `district` paired from `first` in `program`, with `entries` (day of month, minutes,
        activity) logged and the month submitted."""
        ref = uuid.uuid4().hex[:6]
        coach = self.add_coach(employee_id=f"C-{ref}", name=f"Coach {ref.upper()}", email=f"coach.{ref}@example.org",
                               district=district, programs=[program])
        body = application(program=program, referral=referral)
        body["teacher"]["district"] = district
        sent = requests.post(f"{self.urls['intake']}/applications", json=body, timeout=15)
        assert sent.status_code == 201, sent.text
        pairing_id = self.approve(self.pending_review(sent.json()["id"]), coach, starts_on=first.isoformat(), **terms)
        eventually(lambda: self.call("GET", "timesheets", f"/pairings/{pairing_id}/hours",
                                     self.coach_headers(coach)).status_code == 200, timeout=30)
        for day, minutes, activity in entries:
            self.log(pairing_id, coach, first.replace(day=day).isoformat(), minutes, activity)
        period = first.strftime("%Y-%m")
        self.ok("POST", "timesheets", f"/timesheets/{coach['id']}/{period}/submit", self.coach_headers(coach))
        return Month(coach, pairing_id, period, district)

    def sheet(self, month: Month) -> dict:
        return self.ok("GET", "timesheets", f"/timesheets/{month.coach['id']}/{month.period}", self.coordinator)
