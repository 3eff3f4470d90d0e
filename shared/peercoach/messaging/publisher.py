"""Publish a batch of messages and wait for the broker's confirms of all of them at once.

pika's BlockingChannel waits for each confirm in turn (one round trip per message) and flushes
the socket after each publish; here confirms are enabled, and messages published, on the
underlying channel, so a whole batch goes out together and its confirms come back together.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import pika
from pika.exceptions import AMQPError
from pika.spec import Basic


class ConfirmTimeout(AMQPError):
    """The broker did not confirm every message of a batch in time."""


@dataclass(frozen=True)
class Message:
    exchange: str
    routing_key: str
    body: bytes
    properties: pika.BasicProperties


@dataclass
class BatchResult:
    confirmed: list[int]
    nacked: list[int]
    unroutable: list[int]


class ConfirmingPublisher:
    def __init__(self, connection: pika.BlockingConnection, channel, confirm_timeout: float = 30.0):
        self.connection = connection
        self.channel = channel
        self.confirm_timeout = confirm_timeout
        self._next_tag = 1
        self._pending: dict[int, int] = {}
        self._outcomes: dict[int, bool] = {}
        self._returned: set[str] = set()
        channel.add_on_return_callback(self._on_return)
        channel._impl.confirm_delivery(ack_nack_callback=self._on_confirm)
        self.connection.process_data_events(time_limit=0)

    def _on_confirm(self, frame) -> None:
        method = frame.method
        acked = isinstance(method, Basic.Ack)
        if method.multiple:
            tags = [tag for tag in self._pending if tag <= method.delivery_tag]
        else:
            tags = [method.delivery_tag]
        for tag in tags:
            self._outcomes.setdefault(tag, acked)

    def _on_return(self, _channel, _method, properties, _body) -> None:
        self._returned.add(properties.message_id)

    def publish(self, messages: list[Message]) -> BatchResult:
        """Send every message, then wait for all confirms. Indexes in the result refer to `messages`."""
        self._pending = {}
        for index, message in enumerate(messages):
            self._pending[self._next_tag] = index
            self._next_tag += 1
            self.channel._impl.basic_publish(message.exchange, message.routing_key, message.body,
                                             message.properties, mandatory=True)
        deadline = time.monotonic() + self.confirm_timeout
        while any(tag not in self._outcomes for tag in self._pending):
            if time.monotonic() > deadline:
                raise ConfirmTimeout(f"{len(self._pending)} messages not confirmed in {self.confirm_timeout}s")
            self.connection.process_data_events(time_limit=0.05)
        return self._result(messages)

    def _result(self, messages: list[Message]) -> BatchResult:
        result = BatchResult([], [], [])
        for tag, index in self._pending.items():
            acked = self._outcomes.pop(tag)
            if not acked:
                result.nacked.append(index)
            elif messages[index].properties.message_id in self._returned:
                result.unroutable.append(index)
            else:
                result.confirmed.append(index)
        self._returned.clear()
        return result
