"""The broker itself refuses what a service's user may not do (issue 17, item 1).

Each service logs in as its own broker user: it may publish only its own routing keys, only
as itself (`user_id`), and may neither read another service's queue nor put anything into it.
"""
from __future__ import annotations

import os
import uuid

import pika
import pytest
from pika.exceptions import ChannelClosedByBroker

from peercoach.events.producers import PRODUCERS
from peercoach.messaging import access, topology
from peercoach.messaging.topology import Names
from peercoach.service import SERVICES
from peercoach.testing import infrastructure
from peercoach.testing.fixtures import BrokerUsers

ACCESS_REFUSED, PRECONDITION_FAILED = 403, 406


@pytest.fixture(scope="module")
def world(amqp_url, run_id):
    """A namespace of the module's own, its topology and a user per service (as `make run` sets them up)."""
    namespace = f"test-{run_id}-{uuid.uuid4().hex[:6]}"
    users = access.new_users(f"{namespace}-")
    try:
        access.create(namespace, access.vhost_of(amqp_url), users)
    except access.RabbitmqctlMissing as exc:
        pytest.fail(str(exc)) if os.environ.get("CI") else pytest.skip(str(exc))
    yield Names(namespace), BrokerUsers(amqp_url, tuple(users))
    access.delete(users)
    infrastructure.delete_namespace(amqp_url, namespace)


@pytest.fixture
def declared(world):
    return world[0]


@pytest.fixture
def broker_users(world):
    return world[1]


def attempt(url: str, action) -> int | str:
    """'ok', or the reply code with which the broker closed the channel."""
    connection = pika.BlockingConnection(pika.URLParameters(url))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        action(channel)
        return "ok"
    except ChannelClosedByBroker as exc:
        return exc.reply_code
    finally:
        if connection.is_open:
            connection.close()


def publishing(exchange: str, key: str, user_id: str | None):
    def publish(channel):
        channel.basic_publish(exchange, key, b"{}", pika.BasicProperties(user_id=user_id))
    return publish


def test_each_service_may_publish_only_its_own_routing_keys(broker_users, declared, subtests):
    for service in SERVICES:
        for key, producer in PRODUCERS.items():
            with subtests.test(service=service, key=key):
                outcome = attempt(broker_users.url(service),
                                  publishing(declared.exchange, key, broker_users.names[service]))
                assert outcome == ("ok" if producer == service else ACCESS_REFUSED)


def test_a_message_claiming_another_user_is_refused_by_the_broker(broker_users, declared):
    as_matching = publishing(declared.exchange, "application.submitted", broker_users.names["matching"])

    assert attempt(broker_users.url("intake"), as_matching) == PRECONDITION_FAILED


def test_a_service_cannot_read_or_fill_another_services_queues(broker_users, declared, subtests):
    intake, own = broker_users.url("intake"), broker_users.names["intake"]
    refused = {
        "read matching's queue": lambda ch: ch.basic_get(declared.queue("matching")),
        "read matching's dead letters": lambda ch: ch.basic_get(declared.dead_letter_queue("matching")),
        "publish to matching's retry exchange": publishing(declared.retry_exchange("matching"), "matching", own),
        "publish to any queue by name (default exchange)": publishing("", declared.queue("matching"), own),
        "publish to the dead-letter exchange": publishing(declared.dead_letter_exchange, "matching", own),
        "declare a queue outside the namespace": lambda ch: ch.queue_declare("spy", durable=False),
        "declare a server-named queue": lambda ch: ch.queue_declare("", exclusive=True),
    }
    allowed = {
        "read its own dead letters": lambda ch: ch.basic_get(declared.dead_letter_queue("intake")),
        "publish to its own retry exchange": publishing(declared.retry_exchange("intake"), "intake", own),
        "declare the whole topology": lambda ch: topology.declare(ch, declared),
    }
    for name, action in refused.items():
        with subtests.test(name):
            assert attempt(intake, action) == ACCESS_REFUSED
    for name, action in allowed.items():
        with subtests.test(name):
            assert attempt(intake, action) == "ok"
