"""Watch and disturb the real broker from tests."""
from __future__ import annotations

import subprocess
import time

import pika

from peercoach.events.envelope import Envelope
from peercoach.messaging.topology import Names


class Probe:
    """An exclusive queue bound to the namespace's exchange: sees every event published."""

    def __init__(self, amqp_url: str, namespace: str, routing_key: str = "#"):
        self.connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
        self.channel = self.connection.channel()
        names = Names(namespace)
        self.channel.exchange_declare(names.exchange, exchange_type="topic", durable=True)
        self.queue = self.channel.queue_declare("", exclusive=True).method.queue
        self.channel.queue_bind(self.queue, names.exchange, routing_key=routing_key)
        self.received: list[Envelope] = []

    def collect(self, seconds: float = 1.0) -> list[Envelope]:
        """Everything that arrived so far, waiting `seconds` for more."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            method, _props, body = self.channel.basic_get(self.queue, auto_ack=True)
            if method is None:
                self.connection.sleep(0.05)
                continue
            self.received.append(Envelope.from_json(body))
        return self.received

    def wait_for(self, type_: str, count: int = 1, timeout: float = 20.0) -> list[Envelope]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [e for e in self.collect(0.1) if e.type == type_]
            if len(found) >= count:
                return found
        raise AssertionError(f"expected {count} {type_} event(s) within {timeout}s, saw "
                             f"{[e.type for e in self.received]}")

    def close(self) -> None:
        if self.connection.is_open:
            self.connection.close()


def publish_raw(amqp_url: str, exchange: str, routing_key: str, body: bytes, headers=None,
                user_id: str | None = "") -> None:
    """Publish bytes as they are (for poison messages and redeliveries), with `user_id` the URL's
    user unless given (None: no user_id at all)."""
    params = pika.URLParameters(amqp_url)
    connection = pika.BlockingConnection(params)
    channel = connection.channel()
    channel.confirm_delivery()
    channel.basic_publish(exchange, routing_key, body, pika.BasicProperties(
        delivery_mode=pika.DeliveryMode.Persistent, headers=headers,
        user_id=params.credentials.username if user_id == "" else user_id))
    connection.close()


def queue_depth(amqp_url: str, queue: str) -> int:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        return connection.channel().queue_declare(queue, passive=True).method.message_count
    finally:
        connection.close()


def close_connections_named(prefix: str) -> int:
    """Have the broker close every client connection whose name starts with `prefix`."""
    listing = subprocess.run(["rabbitmqctl", "list_connections", "-q", "--no-table-headers",
                              "pid", "client_properties"], capture_output=True, text=True, check=True)
    closed = 0
    for line in listing.stdout.splitlines():
        pid, _, properties = line.partition("\t")
        if f'{{"connection_name","{prefix}' in properties:
            subprocess.run(["rabbitmqctl", "close_connection", pid, "test: closed by broker"],
                           capture_output=True, check=True)
            closed += 1
    return closed


def stop_broker() -> None:
    subprocess.run(["rabbitmqctl", "stop_app"], capture_output=True, check=True)


def start_broker() -> None:
    subprocess.run(["rabbitmqctl", "start_app"], capture_output=True, check=True)
    subprocess.run(["rabbitmqctl", "await_startup"], capture_output=True, check=True)


def wait_until_consumed(amqp_url: str, queue: str, timeout: float = 20.0) -> None:
    """Block until some consumer listens on `queue` (so the topology is declared too)."""
    deadline = time.monotonic() + timeout
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        while time.monotonic() < deadline:
            channel = connection.channel()
            try:
                if channel.queue_declare(queue, passive=True).method.consumer_count:
                    return
            except pika.exceptions.ChannelClosedByBroker:
                pass
            else:
                channel.close()
            connection.sleep(0.05)
    finally:
        connection.close()
    raise AssertionError(f"nobody consumed {queue} within {timeout}s")
