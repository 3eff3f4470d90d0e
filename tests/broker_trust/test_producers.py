"""The table of who produces what, and whom a consumer believes (no broker needed)."""
import pika
import pytest

from intake.db import outbox as intake_outbox
from peercoach.events.contracts import CONTRACTS
from peercoach.events.envelope import Envelope
from peercoach.events.producers import PRODUCERS, produced_by
from peercoach.messaging import access, trust
from peercoach.messaging.topology import SUBSCRIPTIONS
from peercoach.service import SERVICES
from peercoach.testing.samples import submitted_payload

USERS = {name: f"pc-{name}" for name in SERVICES}


def test_every_event_type_has_exactly_one_producing_service():
    assert set(PRODUCERS) == {type_ for type_, _version in CONTRACTS}
    assert set(PRODUCERS.values()) <= set(SERVICES)
    subscribed = {key for keys in SUBSCRIPTIONS.values() for key in keys}
    assert subscribed <= set(PRODUCERS)


def test_a_service_cannot_even_write_another_services_event_into_its_outbox():
    with pytest.raises(ValueError, match="intake may not produce pairing.closed"):
        intake_outbox.record(None, "pairing.closed", {})


def test_topic_permissions_name_exactly_the_services_own_routing_keys():
    import re
    for service in SERVICES:
        write = re.compile(access.topic_permissions("ns", service)["write"])
        assert {key for key in PRODUCERS if write.fullmatch(key)} == set(produced_by(service))


def properties(user_id, published_by=None):
    headers = {} if published_by is None else {trust.PUBLISHED_BY: published_by}
    return pika.BasicProperties(user_id=user_id, headers=headers)


def test_the_publisher_header_is_believed_only_on_a_message_sent_as_the_consumers_own_user():
    own = USERS["matching"]
    assert trust.publisher(properties(USERS["intake"]), own) == USERS["intake"]
    assert trust.publisher(properties(own, USERS["intake"]), own) == USERS["intake"]  # own retry or replay
    assert trust.publisher(properties(USERS["intake"], USERS["timesheets"]), own) == USERS["intake"]  # claimed
    assert trust.publisher(properties(own, ""), own) is None  # first published without a user
    assert trust.publisher(properties(None), own) is None


def test_republishing_keeps_the_first_publisher_and_nothing_more():
    own = USERS["matching"]
    first = trust.republished(properties(USERS["intake"]), own, {})
    again = trust.republished(first, own, {"x-peercoach-attempts": 2})
    unknown = trust.republished(properties(None), own, {})

    assert (first.user_id, first.headers[trust.PUBLISHED_BY]) == (own, USERS["intake"])
    assert trust.publisher(again, own) == USERS["intake"]
    assert trust.publisher(unknown, own) is None


@pytest.mark.parametrize("type_, producer, published_by, believed", [
    ("application.submitted", "intake", "pc-intake", True),
    ("application.submitted", "intake", "pc-matching", False),  # another service's user
    ("application.submitted", "intake", "guest", False),  # a user that is no service's
    ("application.submitted", "intake", None, False),  # no user at all
    ("application.submitted", "matching", "pc-intake", False),  # the envelope names another producer
])
def test_a_consumer_believes_an_event_only_from_its_owners_user(type_, producer, published_by, believed):
    envelope = Envelope.new(type_, submitted_payload(), producer)
    assert (trust.Producers(USERS).refusal(envelope, published_by) is None) is believed
