"""The four services running on the test broker and databases, with data made through their own
APIs and events: what the access table calls its endpoints against."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from peercoach.service import SERVICES
from peercoach.testing.flooding import RAISED_LIMITS
from tests.helpers import application

DISTRICT = "BUSD"


@dataclass
class Subject:
    """What a call is about: its path parameters and the people it concerns."""
    params: dict = field(default_factory=dict)
    teacher: str = "E-nobody"
    coach: str = "c-nobody"
    payer: str = "district"


@dataclass
class World:
    clients: dict
    token: Callable
    period: str = field(default_factory=lambda: date.today().strftime("%Y-%m"))
    other_coach: str = ""
    subjects: dict[str, Subject] = field(default_factory=dict)
    machine_secret: str = ""  # a machine credential acting as finance of the district payer

    def call(self, service: str, method: str, path: str, headers: dict | None = None, **kwargs):
        return self.clients[service].open(path, method=method, headers=headers or {}, **kwargs)

    def send(self, service: str, method: str, path: str, status: int, role: str = "coordinator",
             sub: str = "tester", **kwargs) -> dict:
        """A call that must succeed (setting the world up), answered with its JSON body."""
        headers = self.token(role, sub=sub) if role else {}
        response = self.call(service, method, path, headers, **kwargs)
        assert response.status_code == status, (method, path, response.status_code, response.get_data(as_text=True))
        return response.get_json() if response.is_json else {}

    def fresh_application(self) -> Subject:
        body = application()
        created = self.send("intake", "POST", "/applications", 201, role="", json=body)
        return Subject({"application_id": created["id"]}, teacher=body["teacher"]["employee_id"])

    def new_grant(self, *_) -> dict:
        return {"email": f"clerk.{uuid.uuid4().hex[:8]}@district.example.org", "role": "payroll"}

    def fresh_grant(self) -> Subject:
        created = self.send("matching", "POST", "/grants", 201, role="admin", json=self.new_grant())
        return Subject({"grant_id": created["id"]})

    def fresh_credential(self) -> Subject:
        created = self.send("matching", "POST", "/credentials", 201, role="admin",
                            json={"name": f"Tool {uuid.uuid4().hex[:8]}", "role": "payroll"})
        return Subject({"credential_id": created["id"]})

    def new_coach(self) -> dict:
        ref = uuid.uuid4().hex[:8]
        return {"employee_id": f"C{ref}", "name": f"Grace Coach{ref}", "email": f"grace.{ref}@school.example.org",
                "district": DISTRICT, "focus_areas": ["numeracy"], "grade_levels": ["9", "10"],
                "subjects": ["math"], "support_types": ["observation_feedback"],
                "programs": ["voluntary_peer_coaching"], "max_active_pairings": 5}

    def entry(self, pairing_id: str, coach_id: str, minutes: int = 30) -> dict:
        return self.send("timesheets", "POST", f"/pairings/{pairing_id}/entries", 201, role="coach", sub=coach_id,
                         json={"date": date.today().isoformat(), "minutes": minutes, "activity": "planning",
                               "note": "Planned the first observation."})


def start(make_app, database_url, start_worker, token, smtp_port: int, app_config: dict | None = None) -> World:
    """Every service's app (test client) and worker, on fresh databases and the test's namespace; the apps
    with `app_config` on top of the test settings and the public form's limits raised (the table and the
    API fuzzing post to it far more often than its limits allow)."""
    urls = {name: database_url(name) for name in SERVICES}
    clients = {name: make_app(name, urls[name], **{**RAISED_LIMITS, **(app_config or {})}).test_client()
               for name in SERVICES}
    for name in SERVICES:
        mail = {"smtp_host": "127.0.0.1", "smtp_port": smtp_port} if name == "notifications" else {}
        start_worker(name, urls[name], **mail)
    return World(clients, token)
