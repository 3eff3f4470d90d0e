"""Repeated posts: never another person's application, and keys remembered without bodies, for a while."""
import json
import time
from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import inspect, select, text, update

from intake import idempotency
from intake.models import Application, IdempotencyKey, now
from peercoach import migrations, service
from peercoach.db import Database
from peercoach.testing.samples import application


def test_a_post_naming_someone_elses_employee_id_gets_nothing_of_theirs(intake):
    teacher = application(reason_details="Struggling since the spring; please keep this private.",
                          learning_partner={"name": "Bo Li", "email": "bo@school.example.org"})
    first = intake.client.post("/applications", json=teacher).get_json()
    junk = application(program=teacher["program"], reason_details="x")
    junk["teacher"] = {**junk["teacher"], "employee_id": teacher["teacher"]["employee_id"],
                       "email": "someone.else@mail.example.com"}

    answer = intake.client.post("/applications", json=junk)

    assert answer.status_code == 201 and answer.get_json()["id"] != first["id"]
    said = json.dumps(answer.get_json())
    for private in ("Struggling since the spring", teacher["teacher"]["email"], "Bo Li", first["id"]):
        assert private not in said
    with intake.db.transaction() as session:
        kept = session.get(Application, first["id"])
        assert kept.teacher == teacher["teacher"] and kept.reason_details == teacher["reason_details"]
    assert intake.applications() == 2 and len(intake.outbox("application.submitted")) == 2


@pytest.mark.parametrize("change", [
    lambda body: body["teacher"].update(email="other@mail.example.com"),
    lambda body: body.update(reason_details="Something else."),
    lambda body: body.update(reasons=["new_school"]),
    lambda body: body.update(learning_partner={"name": "Cy", "email": "cy@school.example.org"}),
])
def test_a_double_submit_is_the_whole_body_again_anything_else_is_a_new_application(intake, change):
    body = application()
    first = intake.client.post("/applications", json=body).get_json()
    changed = json.loads(json.dumps(body))
    change(changed)

    same = intake.client.post("/applications", json=json.loads(json.dumps(body)))
    other = intake.client.post("/applications", json=changed)

    assert same.status_code == 200 and same.get_json()["id"] == first["id"]
    assert other.status_code == 201 and other.get_json()["id"] != first["id"]
    assert other.get_json()["teacher"] == changed["teacher"]


def test_a_key_is_remembered_with_the_application_id_and_no_body(intake):
    body = application(reason_details="Only intake may keep this sentence.")

    first = intake.client.post("/applications", json=body, headers={"Idempotency-Key": "k-1"}).get_json()

    with intake.db.transaction() as session:
        columns = {c["name"] for c in inspect(session.connection()).get_columns("idempotency_keys")}
        row = session.execute(select(IdempotencyKey.__table__)).one()._asdict()
    assert columns == {"key", "fingerprint", "status_code", "application_id", "created_at"}
    assert row["application_id"] == first["id"] and row["status_code"] == 201
    assert "Only intake" not in json.dumps(row, default=str)


def backdate_keys(db: Database, hours: float) -> None:
    with db.transaction() as session:
        session.execute(update(IdempotencyKey).values(created_at=now() - timedelta(hours=hours)))


def keys(db: Database) -> list[str]:
    with db.transaction() as session:
        return sorted(session.scalars(select(IdempotencyKey.key)))


def test_an_expired_key_counts_for_nothing(intake):
    key = {"Idempotency-Key": "k-old"}
    first = intake.client.post("/applications", json=application(), headers=key).get_json()
    backdate_keys(intake.db, 25)

    again = intake.client.post("/applications", json=application(), headers=key)

    assert again.status_code == 201 and again.get_json()["id"] != first["id"]


def test_how_long_a_key_is_kept_is_a_setting(make_app, intake):
    client = make_app("intake", intake.db.engine.url.render_as_string(hide_password=False),
                      IDEMPOTENCY_KEY_HOURS=1).test_client()
    key = {"Idempotency-Key": "k-short"}
    first = client.post("/applications", json=application(), headers=key).get_json()
    backdate_keys(intake.db, 0.5)
    kept = client.post("/applications", json=application(), headers=key)
    backdate_keys(intake.db, 1.5)
    forgotten = client.post("/applications", json=application(), headers=key)

    assert kept.status_code == 422
    assert forgotten.status_code == 201 and forgotten.get_json()["id"] != first["id"]


def test_the_worker_purges_keys_older_than_the_setting(intake, intake_url, start_worker, monkeypatch):
    intake.client.post("/applications", json=application(), headers={"Idempotency-Key": "k-stale"})
    backdate_keys(intake.db, 25)
    intake.client.post("/applications", json=application(), headers={"Idempotency-Key": "k-fresh"})
    monkeypatch.setenv("IDEMPOTENCY_KEY_HOURS", "24")

    start_worker("intake", intake_url)

    deadline = time.monotonic() + 10
    while keys(intake.db) != ["k-fresh"] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert keys(intake.db) == ["k-fresh"]


def test_purge_forgets_only_the_expired(intake):
    for name in ("a", "b"):
        intake.client.post("/applications", json=application(), headers={"Idempotency-Key": name})
    with intake.db.transaction() as session:
        session.execute(update(IdempotencyKey).where(IdempotencyKey.key == "a")
                        .values(created_at=now() - timedelta(hours=30)))

    with intake.db.transaction() as session:
        assert idempotency.purge(session, timedelta(hours=24)) == 1
    assert keys(intake.db) == ["b"]


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_stored_responses_become_keys_without_their_bodies(backend, databases, tmp_path):
    url = databases.url(databases.create()) if backend == "postgresql" else f"sqlite:///{tmp_path}/intake.sqlite3"
    config = migrations.alembic_config(service.load("intake"), url)
    command.upgrade(config, "ef9d894038f8")
    db = Database(url)
    with db.transaction() as session:
        session.execute(text("INSERT INTO idempotent_responses (key, fingerprint, status_code, body, created_at) "
                             "VALUES ('k', 'f', 201, :body, :at)"),
                        {"body": json.dumps({"id": "app-1", "reason_details": "secret"}), "at": now()})

    command.upgrade(config, "head")

    with db.transaction() as session:
        tables = inspect(session.connection()).get_table_names()
        rows = session.execute(select(IdempotencyKey.key, IdempotencyKey.fingerprint, IdempotencyKey.status_code,
                                      IdempotencyKey.application_id)).all()
    db.dispose()
    assert "idempotent_responses" not in tables
    assert [tuple(r) for r in rows] == [("k", "f", 201, "app-1")]
