"""Intake's use cases called as a worker or a page would: a database and a principal, no Flask request."""
import pytest

from intake import usecases
from intake.schemas import ApplicationInSchema
from peercoach.db import Database
from peercoach.principal import Principal
from peercoach.refusals import Conflict, Forbidden, NotFound, RuleBroken
from peercoach.testing.samples import application

COORDINATOR = Principal("coordinator", "pat")


@pytest.fixture
def db(intake_url):
    database = Database(intake_url)
    yield database
    database.dispose()


def form() -> dict:
    return ApplicationInSchema().load(application())


def test_submit_answers_a_repeated_key_with_its_first_answer_and_refuses_it_for_another_application(db):
    data = form()
    first = usecases.submit(db, data, "key-1")

    assert first.status_code == 201 and usecases.submit(db, data, "key-1") == first
    with pytest.raises(RuleBroken) as reused:
        usecases.submit(db, form(), "key-1")
    assert reused.value.code == "idempotency_key_reused"
    assert usecases.applications(db)["total"] == 1


def test_an_application_is_read_by_the_coordinator_and_its_teacher_only(db):
    created = usecases.submit(db, form()).body
    teacher = Principal("teacher", created["teacher"]["employee_id"])

    assert usecases.application(db, COORDINATOR, created["id"]).id == created["id"]
    assert usecases.application(db, teacher, created["id"]).status == "submitted"
    with pytest.raises(Forbidden):
        usecases.application(db, Principal("teacher", "someone-else"), created["id"])
    with pytest.raises(NotFound):
        usecases.application(db, COORDINATOR, "no-such-application")


def test_withdrawing_names_who_withdrew_and_happens_once(db):
    created = usecases.submit(db, form()).body
    teacher = Principal("teacher", created["teacher"]["employee_id"])

    withdrawn = usecases.withdraw(db, teacher, created["id"])

    assert (withdrawn.status, withdrawn.withdrawn_by) == ("withdrawn", "teacher")
    with pytest.raises(Conflict) as again:
        usecases.withdraw(db, COORDINATOR, created["id"])
    assert again.value.code == "not_withdrawable"
