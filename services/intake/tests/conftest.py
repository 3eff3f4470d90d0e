"""Fixtures for the intake tests: a fresh database, the app, and what was written to it."""
from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import func, select

from intake.models import Application, tables
from peercoach.db import Database


def form_answers(**overrides) -> dict:
    """What a teacher types into the /apply form (unique values)."""
    ref = uuid.uuid4().hex[:8]
    form = {
        "program": "voluntary_peer_coaching", "referral": "self", "employee_id": f"E{ref}",
        "first_name": "Ada", "last_name": "Lovelace", "email": f"ada.{ref}@school.example.org",
        "school": "Hill Elementary", "district": "BUSD", "employment_status": "permanent",
        "grade_levels": ["3", "4"], "subjects": "math, science", "reasons": ["new_grade_level", "improve_practice"],
        "reason_details": "First year teaching grade 4.", "focus_area": "numeracy",
        "support_types": ["model_teaching", "observation_feedback"], "requested_coach_id": "",
        "partner_name": "", "partner_email": "", "consent": "yes",
    }
    form.update(overrides)
    return form


class Intake:
    """The intake app's test client, with a look at its database."""

    def __init__(self, app, url: str):
        self.app = app
        self.client = app.test_client()
        self.db = Database(url)

    def applications(self) -> int:
        with self.db.transaction() as session:
            return session.scalar(select(func.count()).select_from(Application))

    def outbox(self, type_: str | None = None) -> list[dict]:
        """Event envelopes recorded so far (oldest first), optionally of one type."""
        with self.db.transaction() as session:
            rows = session.execute(select(tables.outbox.c.body).order_by(tables.outbox.c.seq)).scalars()
            events = [json.loads(body) for body in rows]
        return [e for e in events if type_ is None or e["type"] == type_]


@pytest.fixture
def intake_url(database_url) -> str:
    return database_url("intake")


@pytest.fixture
def intake(make_app, intake_url):
    service = Intake(make_app("intake", intake_url), intake_url)
    yield service
    service.db.dispose()


@pytest.fixture
def filled_form():
    """`filled_form(**changes)`: the form answers with some changed."""
    return form_answers
