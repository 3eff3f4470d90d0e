"""Fixtures of the notifications tests: sample events, applying them, and a running worker."""
from __future__ import annotations

import uuid

import pytest

from peercoach.db import Database
from peercoach.events.envelope import Envelope
from peercoach.events.producers import owner
from peercoach.messaging.topology import Names
from peercoach.testing.broker import publish_raw
from peercoach.testing.events import deliver
from peercoach.testing.samples import submitted_payload


class Samples:
    """Valid payloads of every event notifications consumes, with unique people."""

    @staticmethod
    def ref() -> str:
        return uuid.uuid4().hex[:8]

    def teacher(self) -> dict:
        return submitted_payload()["teacher"]

    def coach(self) -> dict:
        ref = self.ref()
        return {"coach_id": f"C{ref}", "employee_id": f"K{ref}", "name": f"Grace Coach{ref}",
                "email": f"grace.{ref}@school.example.org", "district": "BUSD"}

    def partner(self) -> dict:
        ref = self.ref()
        return {"name": f"Lin Partner{ref}", "email": f"lin.{ref}@school.example.org"}

    @staticmethod
    def person(teacher: dict) -> dict:
        return {"name": f"{teacher['first_name']} {teacher['last_name']}", "email": teacher["email"]}

    def submitted(self, **overrides) -> dict:
        return submitted_payload(**overrides)

    def approved(self, teacher: dict | None = None, **overrides) -> dict:
        return {"application_id": str(uuid.uuid4()), "review_id": str(uuid.uuid4()),
                "pairing_id": str(uuid.uuid4()), "program": "voluntary_peer_coaching",
                "teacher": self.person(teacher or self.teacher()), "coach_id": "C1",
                "hours_approved": "10.00", **overrides}

    def denied(self, **overrides) -> dict:
        return {"application_id": str(uuid.uuid4()), "review_id": str(uuid.uuid4()),
                "program": "voluntary_peer_coaching", "teacher": self.person(self.teacher()),
                "reason": "The panel asks you to apply again in January.", **overrides}

    def withdrawn(self, **overrides) -> dict:
        return {"application_id": str(uuid.uuid4()), "program": "voluntary_peer_coaching",
                "teacher": self.person(self.teacher()), "withdrawn_by": "teacher", **overrides}

    def pairing_created(self, **overrides) -> dict:
        return {"pairing_id": str(uuid.uuid4()), "application_id": str(uuid.uuid4()),
                "program": "voluntary_peer_coaching", "referral": "self", "teacher": self.teacher(),
                "coach": self.coach(), "learning_partner": None, "hours_approved": "10.00",
                "release_half_days": 2, "funding": {"federation_pct": "0.00", "district_pct": "100.00"},
                "account_code": "ACC-1818", "started_on": "2026-11-02", **overrides}

    def hours_extended(self, **overrides) -> dict:
        return {"pairing_id": str(uuid.uuid4()), "extension_id": str(uuid.uuid4()), "hours_added": "4.00",
                "hours_approved": "14.00", "teacher": self.person(self.teacher()), "coach": self.coach(),
                **overrides}

    def pairing_closed(self, **overrides) -> dict:
        return {"pairing_id": str(uuid.uuid4()), "program": "voluntary_peer_coaching",
                "closed_on": "2026-12-18", "teacher": self.person(self.teacher()), "coach": self.coach(),
                **overrides}

    def timesheet(self, coach: dict | None = None, **overrides) -> dict:
        coach = coach or self.coach()
        return {"timesheet_id": str(uuid.uuid4()), "coach_id": coach["coach_id"], "period": "2026-11",
                "coach": {"name": coach["name"], "email": coach["email"]}, "hours": "6.50", **overrides}

    def threshold(self, **overrides) -> dict:
        return {"pairing_id": str(uuid.uuid4()), "coach": self.coach(), "hours_approved": "10.00",
                "hours_used": "8.00", "threshold_pct": 80, **overrides}


@pytest.fixture
def sample() -> Samples:
    return Samples()


@pytest.fixture
def notifications_db(database_url):
    db = Database(database_url("notifications"))
    yield db
    db.dispose()


@pytest.fixture
def apply(notifications_db):
    """Handle an event as the consumer does (inbox and all), without the broker."""
    def handle(type_: str, payload: dict, occurred_at: str | None = None, version: int = 1) -> Envelope:
        return deliver("notifications", notifications_db, type_, payload, occurred_at=occurred_at, version=version)
    return handle


@pytest.fixture
def publish(amqp_url, namespace):
    """Publish an event (or the same envelope again) to the namespace's exchange."""
    def send(type_: str | Envelope, payload: dict | None = None) -> Envelope:
        envelope = type_ if isinstance(type_, Envelope) else Envelope.new(type_, payload, producer=owner(type_))
        publish_raw(amqp_url, Names(namespace).exchange, envelope.type, envelope.to_json())
        return envelope
    return send
