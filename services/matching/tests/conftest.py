"""Fixtures for matching's tests: an app on a fresh database, and ways to put data in it."""
from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from matching.models import tables
from peercoach.db import Database
from peercoach.testing.events import deliver
from tests.helpers import submitted_payload


class Matching:
    """The matching app and its database, with the coordinator's token at hand."""

    def __init__(self, app, db: Database, token):
        self.app, self.db, self.token = app, db, token
        self.client = app.test_client()
        self.coordinator = token("coordinator", sub="coordinator-1")

    def add_coach(self, **overrides) -> dict:
        ref = uuid.uuid4().hex[:8]
        body = {"employee_id": f"C{ref}", "name": f"Coach {ref}", "email": f"coach.{ref}@school.example.org",
                "school": "Berkeley High", "district": "BUSD", "focus_areas": ["numeracy"],
                "grade_levels": ["9", "10", "11"], "subjects": ["math"], "support_types": ["observation_feedback"],
                "programs": ["voluntary_peer_coaching"], "max_active_pairings": 3, **overrides}
        response = self.client.post("/coaches", json=body, headers=self.coordinator)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def submit(self, **overrides) -> dict:
        """Deliver an `application.submitted` event to the handler, as the consumer does."""
        payload = submitted_payload(**overrides)
        deliver("matching", self.db, "application.submitted", payload, producer="intake")
        return self.review_of(payload["application_id"])

    def review_of(self, application_id: str) -> dict:
        reviews = [r for status in ("pending", "approved", "denied", "withdrawn")
                   for r in self.client.get(f"/reviews?status={status}", headers=self.coordinator).get_json()]
        return next(r for r in reviews if r["application_id"] == application_id)

    def decide(self, review_id: str, **body):
        return self.client.post(f"/reviews/{review_id}/decision", json=body, headers=self.coordinator)

    def approve(self, review_id: str, coach_id: str, **body):
        return self.decide(review_id, decision="approve", coach_id=coach_id, **body)

    def pair(self, program: str = "voluntary_peer_coaching", **teacher) -> dict:
        """An approved pairing, with its teacher's and coach's tokens as `teacher_auth` and `coach_auth`."""
        coach = self.add_coach(programs=[program])
        review = self.submit(program=program, teacher={**submitted_payload()["teacher"], **teacher})
        terms = {"hours_approved": "12", "release_half_days": 2} if program == "peer_support_service" else {}
        response = self.approve(review["id"], coach["id"], **terms)
        assert response.status_code == 200, response.get_json()
        pairing = self.client.get(f"/pairings/{response.get_json()['pairing_id']}", headers=self.coordinator)
        return {**pairing.get_json(), "teacher_auth": self.token("teacher", sub=review["teacher"]["employee_id"]),
                "coach_auth": self.token("coach", sub=coach["id"])}

    def close(self, pairing: dict) -> None:
        response = self.client.post(f"/pairings/{pairing['id']}/close", headers=self.coordinator)
        assert response.status_code == 200, response.get_json()

    def events(self, type_: str) -> list[dict]:
        """Payloads of the events of `type_` written to the outbox, oldest first."""
        outbox = tables.outbox
        with self.db.transaction() as session:
            bodies = session.scalars(select(outbox.c.body).where(outbox.c.type == type_).order_by(outbox.c.seq))
            return [json.loads(body)["payload"] for body in bodies]


@pytest.fixture
def matching(make_app, database_url, token):
    url = database_url("matching")
    db = Database(url)
    yield Matching(make_app("matching", url), db, token)
    db.dispose()
