"""Intake's status follows matching's decisions, however they arrive (late, twice, unknown)."""
from peercoach.events.envelope import Envelope
from peercoach.messaging.topology import Names
from peercoach.testing.broker import publish_raw, queue_depth
from peercoach.testing.samples import application
from tests.helpers import eventually


def decision(type_: str, application_id: str) -> Envelope:
    common = {"application_id": application_id, "review_id": "r-1", "program": "voluntary_peer_coaching",
              "teacher": {"name": "Ada Teacher", "email": "ada@school.example.org"}}
    extra = ({"pairing_id": "p-1", "coach_id": "c-1", "hours_approved": "10.00"} if type_ == "application.approved"
             else {"reason": "The panel has no coach free this term."})
    return Envelope.new(type_, {**common, **extra}, producer="matching")


def publish(amqp_url, namespace, envelope: Envelope) -> None:
    publish_raw(amqp_url, Names(namespace).exchange, envelope.type, envelope.to_json())


def status_of(intake, token, application_id: str) -> str:
    return intake.client.get(f"/applications/{application_id}", headers=token("coordinator")).get_json()["status"]


def test_decisions_set_the_status_once_and_spare_withdrawn_and_unknown_applications(
        intake, token, start_worker, intake_url, amqp_url, namespace):
    approved, denied, withdrawn = (intake.client.post("/applications", json=application()).get_json()["id"]
                                   for _ in range(3))
    intake.client.post(f"/applications/{withdrawn}/withdraw", headers=token("coordinator"))
    start_worker("intake", intake_url)

    approval = decision("application.approved", approved)
    for envelope in (decision("application.approved", "unknown-id"), approval, approval,
                     decision("application.denied", approved), decision("application.approved", withdrawn),
                     decision("application.denied", denied)):
        publish(amqp_url, namespace, envelope)

    eventually(lambda: status_of(intake, token, denied) == "denied")  # the last one: all before are handled
    assert status_of(intake, token, approved) == "approved"
    assert status_of(intake, token, withdrawn) == "withdrawn"
    assert queue_depth(amqp_url, Names(namespace).dead_letter_queue("intake")) == 0


def test_a_teacher_may_leave_after_approval_but_a_denied_application_stays_denied(
        intake, token, start_worker, intake_url, amqp_url, namespace):
    approved, denied = (intake.client.post("/applications", json=application()).get_json()["id"] for _ in range(2))
    start_worker("intake", intake_url)
    publish(amqp_url, namespace, decision("application.approved", approved))
    publish(amqp_url, namespace, decision("application.denied", denied))
    eventually(lambda: status_of(intake, token, denied) == "denied")

    left = intake.client.post(f"/applications/{approved}/withdraw", headers=token("coordinator"))
    refused = intake.client.post(f"/applications/{denied}/withdraw", headers=token("coordinator"))

    assert left.status_code == 200 and status_of(intake, token, approved) == "withdrawn"
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "not_withdrawable"
