"""Pairings arrive over RabbitMQ; what timesheets announces leaves through the relay."""
from peercoach.events.envelope import Envelope
from peercoach.messaging.topology import Names
from peercoach.testing.broker import publish_raw, queue_depth
from tests.helpers import eventually


def publish(amqp_url, namespace, type_, payload):
    event = Envelope.new(type_, payload, "matching")
    publish_raw(amqp_url, Names(namespace).exchange, type_, event.to_json())
    return event


def person(pairing):
    return {"name": "Ada Lovelace", "email": pairing["teacher"]["email"]}


def test_pairings_created_extended_and_closed_over_the_broker(
        service, start_worker, amqp_url, namespace, probe):
    start_worker("timesheets", service.url)
    created = service.pairing_payload()
    path = f"/pairings/{created['pairing_id']}/hours"
    coordinator = service.token("coordinator")
    extension = {"pairing_id": created["pairing_id"], "extension_id": "x-1", "hours_added": "5.00",
                 "hours_approved": "15.00", "teacher": person(created), "coach": created["coach"]}

    publish(amqp_url, namespace, "pairing.created", created)
    publish(amqp_url, namespace, "pairing.created", created)
    publish(amqp_url, namespace, "pairing.hours_extended", extension)
    eventually(lambda: service.client.get(path, headers=coordinator).get_json().get("approved") == "15.00")
    publish(amqp_url, namespace, "pairing.closed", {
        "pairing_id": created["pairing_id"], "program": created["program"],
        "closed_on": service.start.isoformat(), "teacher": person(created), "coach": created["coach"]})
    eventually(lambda: service.client.get(path, headers=coordinator).get_json()["closed_on"])

    late = service.log(created, service.start.replace(day=2), 30).get_json()
    assert late["error"]["code"] == "after_pairing"
    assert service.log(created, service.start, 720).status_code == 201
    threshold = probe.wait_for("hours.threshold_reached")[0]
    assert threshold.payload["hours_approved"] == "15.00" and threshold.payload["hours_used"] == "12.00"


def test_an_extension_for_an_unknown_pairing_is_retried_then_dead_lettered(
        service, start_worker, amqp_url, namespace):
    start_worker("timesheets", service.url)
    unknown = service.pairing_payload()

    publish(amqp_url, namespace, "pairing.hours_extended", {
        "pairing_id": unknown["pairing_id"], "extension_id": "x-2", "hours_added": "5.00",
        "hours_approved": "15.00", "teacher": person(unknown), "coach": unknown["coach"]})

    eventually(lambda: queue_depth(amqp_url, Names(namespace).dead_letter_queue("timesheets")) == 1,
               timeout=30)
