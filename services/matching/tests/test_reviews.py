"""Reviews open on submission with ranked suggestions and close on withdrawal."""
import uuid

from peercoach.events.envelope import Envelope
from peercoach.messaging.topology import Names
from peercoach.testing.broker import publish_raw
from peercoach.testing.events import deliver
from tests.helpers import eventually, submitted_payload


def withdraw(matching, application_id: str, program: str = "voluntary_peer_coaching") -> None:
    deliver("matching", matching.db, "application.withdrawn", {
        "application_id": application_id, "program": program,
        "teacher": {"name": "Ada Teacher", "email": "ada@school.example.org"}, "withdrawn_by": "teacher"},
        producer="intake")


def test_a_submitted_application_opens_a_pending_review_with_ranked_suggestions(
        matching, start_worker, amqp_url, namespace):
    literacy = matching.add_coach(focus_areas=["literacy"])
    numeracy = matching.add_coach()
    start_worker("matching", matching.app.config["DATABASE_URL"])
    payload = submitted_payload(learning_partner={"name": "Lin Partner", "email": "lin@school.example.org"})

    publish_raw(amqp_url, Names(namespace).exchange, "application.submitted",
                Envelope.new("application.submitted", payload, producer="intake").to_json())

    review = eventually(lambda: next(iter(matching.client.get(
        "/reviews?status=pending", headers=matching.coordinator).get_json()), None))
    assert review["application_id"] == payload["application_id"] and review["status"] == "pending"
    assert review["teacher"] == payload["teacher"] and review["learning_partner"]["name"] == "Lin Partner"
    assert [s["coach_id"] for s in review["suggestions"]] == [numeracy["id"], literacy["id"]]
    assert "focus area numeracy (+35)" in review["suggestions"][0]["reasons"]
    assert review["suggestions"][0]["score"] > review["suggestions"][1]["score"]


def test_the_requested_coach_is_marked_first_or_explained(matching):
    best = matching.add_coach()
    requested = matching.add_coach(focus_areas=["literacy"])
    inactive = matching.add_coach(active=False)

    honoured = matching.submit(requested_coach_id=requested["id"])
    refused = matching.submit(requested_coach_id=inactive["id"])

    assert [(s["coach_id"], s["requested"]) for s in honoured["suggestions"]] == [
        (requested["id"], True), (best["id"], False)]
    assert refused["requested_coach"] == {"coach_id": inactive["id"], "eligible": False, "code": "coach_inactive",
                                          "message": "The coach is inactive."}


def test_the_teacher_is_never_suggested_as_their_own_coach(matching):
    teacher_as_coach = matching.add_coach(employee_id="E-SAME")
    payload = submitted_payload()
    payload["teacher"]["employee_id"] = "E-SAME"

    review = matching.submit(**payload)

    assert teacher_as_coach["id"] not in [s["coach_id"] for s in review["suggestions"]]


def test_a_withdrawal_closes_the_review_and_drops_its_proposal(matching):
    matching.add_coach()
    review = matching.submit()
    matching.client.post("/assignments/propose", headers=matching.coordinator)

    withdraw(matching, review["application_id"])

    closed = matching.review_of(review["application_id"])
    assert closed["status"] == "withdrawn" and closed["proposal"] is None and closed["suggestions"] == []
    assert matching.approve(review["id"], "any").status_code == 409


def test_a_withdrawal_seen_before_its_submission_keeps_the_review_closed(matching):
    application_id = str(uuid.uuid4())

    withdraw(matching, application_id)
    review = matching.submit(application_id=application_id)
    again = matching.submit(application_id=application_id)

    assert review["status"] == again["status"] == "withdrawn"
    assert review["teacher"]["first_name"] == "Ada"


def test_reviews_are_for_the_coordinator(matching, token):
    review = matching.submit()

    assert matching.client.get("/reviews", headers=token("coach", sub="c")).status_code == 403
    one = matching.client.get(f"/reviews/{review['id']}", headers=matching.coordinator)
    assert one.get_json()["id"] == review["id"]
    assert matching.client.get("/reviews?status=lost", headers=matching.coordinator).status_code == 422
    assert matching.client.get("/reviews/nope", headers=matching.coordinator).status_code == 404
