"""Fixtures for the timesheets tests: a migrated database, the app, pairings as matching announces them."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from peercoach.db import Database
from peercoach.events.contracts import load_payload
from timesheets import handlers
from timesheets.db import tables

TODAY = date.today()
START = (TODAY.replace(day=1) - timedelta(days=70)).replace(day=1)


def pairing_payload(**overrides) -> dict:
    """A `pairing.created` payload (JSON form) with unique ids."""
    ref = uuid.uuid4().hex[:8]
    body = {
        "pairing_id": f"p-{ref}", "application_id": f"a-{ref}", "program": "district_coaching",
        "referral": "self",
        "teacher": {"employee_id": f"T{ref}", "first_name": "Ada", "last_name": "Lovelace",
                    "email": f"ada.{ref}@school.example.org", "school": "Hill", "district": "SD-61",
                    "employment_status": "permanent", "grade_levels": ["4"], "subjects": ["math"]},
        "coach": {"coach_id": f"c-{ref}", "employee_id": f"E{ref}", "name": "Grace Hopper",
                  "email": f"grace.{ref}@school.example.org", "district": "SD-61"},
        "learning_partner": None, "hours_approved": "10.00", "release_half_days": 4,
        "funding": {"federation_pct": "40.00", "district_pct": "60.00"}, "account_code": "ACC-100",
        "started_on": START.isoformat(),
    }
    for key, value in overrides.items():
        if isinstance(value, dict):
            body[key] = {**body[key], **value}
        else:
            body[key] = value
    return body


@dataclass
class Service:
    client: object
    db: Database
    url: str
    token: object
    today = TODAY
    start = START

    @staticmethod
    def pairing_payload(**overrides) -> dict:
        return pairing_payload(**overrides)

    def add_pairing(self, **overrides) -> dict:
        payload = pairing_payload(**overrides)
        with self.db.transaction() as session:
            handlers.add_pairing(session, None, load_payload("pairing.created", 1, payload))
        return payload

    def coach(self, pairing: dict) -> dict:
        return self.token("coach", sub=pairing["coach"]["coach_id"])

    def log(self, pairing: dict, day: date, minutes: int, activity: str = "planning", note: str | None = None,
            **more):
        return self.client.post(f"/pairings/{pairing['pairing_id']}/entries", headers=self.coach(pairing),
                                json={"date": day.isoformat(), "minutes": minutes, "activity": activity,
                                      "note": note, **more})

    @property
    def period(self) -> str:
        return self.start.strftime("%Y-%m")

    def sheet(self, pairing: dict, action: str = "", headers: dict | None = None, **kwargs):
        """GET the coach's timesheet for `period`, or POST an action (submit, approve, reject) to it."""
        path = f"/timesheets/{pairing['coach']['coach_id']}/{self.period}"
        if not action:
            return self.client.get(path, headers=headers or self.coach(pairing))
        role = self.coach(pairing) if action == "submit" else self.token("coordinator")
        return self.client.post(f"{path}/{action}", headers=headers or role, **kwargs)

    def rate(self, district: str, hourly: str, half_day: str, effective_from, **more) -> None:
        response = self.client.put(f"/rates/{district}", headers=self.token("coordinator"), json={
            "hourly_rate": hourly, "release_half_day_rate": half_day,
            "effective_from": effective_from.isoformat(), **more})
        assert response.status_code == 200, response.get_json()

    def events(self, type_: str | None = None) -> list[dict]:
        with self.db.transaction() as session:
            bodies = session.scalars(select(tables.outbox.c.body).order_by(tables.outbox.c.seq))
            found = [json.loads(body) for body in bodies]
        return [e for e in found if type_ is None or e["type"] == type_]


@pytest.fixture
def service(make_app, database_url, token):
    url = database_url("timesheets")
    app = make_app("timesheets", url)
    db = Database(url)
    yield Service(app.test_client(), db, url, token)
    db.dispose()
