"""Consume a service's queue: each event handled once, acked after the handler's commit.

A handler runs inside a database transaction together with the inbox row that records
the event as processed; a redelivered event finds its inbox row and changes nothing.
A failing event is retried through the retry queue, then dead-lettered; an event that
cannot be parsed, or that was not published by the service owning its routing key (see
`peercoach.messaging.trust`), goes to the dead-letter queue at once and changes nothing.
Other events keep flowing.
While the database is unreachable an event is put back on the queue without counting
as an attempt, so an outage never dead-letters good events.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Callable

import pika
from pika.exceptions import AMQPError
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from peercoach.db import Database
from peercoach.events.envelope import Envelope
from peercoach.events.event import Event
from peercoach.events.producers import PRODUCERS
from peercoach.logs import correlation_id, fields
from peercoach.messaging import metrics, topology, trust
from peercoach.messaging.connection import backoff_delays, connect
from peercoach.messaging.tables import MessagingTables
from peercoach.web import grants, machine_credentials, session_tables

log = logging.getLogger(__name__)

Handler = Callable[[Session, Event], None]
ATTEMPTS_HEADER = "x-peercoach-attempts"


class Consumer:
    def __init__(self, service: str, db: Database, tables: MessagingTables, handlers: dict[str, Handler],
                 amqp_url: str, names: topology.Names, max_attempts: int = 5, prefetch: int = 20,
                 broker_users: Mapping[str, str] | None = None):
        """`broker_users`: the broker user each service publishes as (by default every service
        shares this consumer's own login, which cannot tell services apart)."""
        # Every service keeps the sessions signed out anywhere (peercoach.web.session_tables), the roles
        # granted (peercoach.web.grants) and the machine credentials matching issues
        # (peercoach.web.machine_credentials).
        metadata = tables.outbox.metadata
        handlers = {session_tables.EVENT: session_tables.handler(metadata), **grants.handlers(metadata),
                    **machine_credentials.handlers(metadata, service, tuple(topology.SUBSCRIPTIONS)), **handlers}
        missing = set(topology.SUBSCRIPTIONS[service]) - set(handlers)
        if missing:
            raise ValueError(f"{service} subscribes to {sorted(missing)} but has no handler for them")
        self.service, self.db, self.inbox = service, db, tables.inbox
        self.handlers, self.amqp_url, self.names = handlers, amqp_url, names
        self.max_attempts, self.prefetch = max_attempts, prefetch
        self.db_retry_delay = 2.0
        self.user = pika.URLParameters(amqp_url).credentials.username
        self.producers = trust.Producers(broker_users or {name: self.user for name in set(PRODUCERS.values())})

    def run(self, stop: threading.Event) -> None:
        """Consume until `stop` is set, reconnecting (and re-declaring) after broker failures."""
        delays, lost = backoff_delays(), False
        while not stop.is_set():
            connection = connect(self.amqp_url, f"{self.names.queue(self.service)}-consumer", stop, loss_logged=lost)
            if connection is None:
                return
            try:
                channel = connection.channel()
                topology.declare(channel, self.names)
                channel.basic_qos(prefetch_count=self.prefetch)
                channel.confirm_delivery()
                channel.basic_consume(self.names.queue(self.service), self._on_message)
                delays, lost = backoff_delays(), False
                while not stop.is_set():
                    connection.process_data_events(time_limit=0.2)
            except AMQPError as exc:
                log.warning("consumer lost the broker: %r", exc)
                lost = True
                stop.wait(next(delays))
            finally:
                if connection.is_open:
                    connection.close()

    def _on_message(self, channel, method, properties, body: bytes) -> None:
        try:
            envelope = Envelope.from_json(body)
        except ValueError as exc:
            log.error("dead-lettering an unreadable message: %s", exc, extra=fields(
                message_id=properties.message_id, routing_key=method.routing_key))
            metrics.CONSUMED.labels(method.routing_key, "dead_lettered").inc()
            channel.basic_nack(method.delivery_tag, requeue=False)
            return
        refusal = self.producers.refusal(envelope, trust.publisher(properties, self.user))
        if refusal:
            log.warning("dead-lettering an event from the wrong producer: %s", refusal, extra=fields(
                event_id=envelope.id, routing_key=method.routing_key))
            metrics.CONSUMED.labels(envelope.type, "refused").inc()
            channel.basic_nack(method.delivery_tag, requeue=False)
            return
        token = correlation_id.set(envelope.correlation_id)
        try:
            outcome = self.handle(envelope)
        except OperationalError:
            outcome = "database_unavailable"
        except Exception:
            outcome = self._after_failure(channel, properties, body, envelope)
        finally:
            correlation_id.reset(token)
        metrics.CONSUMED.labels(envelope.type, outcome).inc()
        if outcome == "dead_lettered":
            channel.basic_nack(method.delivery_tag, requeue=False)
        elif outcome == "database_unavailable":
            log.warning("database unavailable; %s goes back to the queue", envelope.type)
            channel.connection.sleep(self.db_retry_delay)
            channel.basic_nack(method.delivery_tag, requeue=True)
        else:
            channel.basic_ack(method.delivery_tag)

    def handle(self, envelope: Envelope) -> str:
        """Apply one event exactly once: 'processed', or 'duplicate' if already applied."""
        handler = self.handlers.get(envelope.type)
        with self.db.transaction() as session:
            seen = session.execute(select(self.inbox.c.event_id).where(
                self.inbox.c.event_id == envelope.id, self.inbox.c.consumer == self.service)).first()
            if seen:
                return "duplicate"
            session.execute(self.inbox.insert().values(
                event_id=envelope.id, consumer=self.service, type=envelope.type,
                processed_at=datetime.now(timezone.utc)))
            if handler is not None:
                handler(session, Event.of(envelope))
        return "processed" if handler else "ignored"

    def _after_failure(self, channel, properties, body: bytes, envelope: Envelope) -> str:
        attempts = int((properties.headers or {}).get(ATTEMPTS_HEADER, 0)) + 1
        log.exception("handling %s failed (attempt %d of %d)", envelope.type, attempts, self.max_attempts,
                      extra=fields(event_id=envelope.id))
        if attempts >= self.max_attempts:
            return "dead_lettered"
        retry = trust.republished(properties, self.user, {**(properties.headers or {}), ATTEMPTS_HEADER: attempts})
        channel.basic_publish(self.names.retry_exchange(self.service), self.service, body, retry, mandatory=True)
        return "retried"

