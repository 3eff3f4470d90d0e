"""Move committed outbox rows to the broker; a row is marked published only after its confirm."""
from __future__ import annotations

import json
import logging
import threading
from datetime import datetime, timezone

import pika
from pika.exceptions import AMQPError
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from peercoach.db import Database
from peercoach.messaging import metrics, topology
from peercoach.messaging.connection import backoff_delays, connect
from peercoach.messaging.publisher import ConfirmingPublisher, Message
from peercoach.messaging.tables import MessagingTables
from peercoach.messaging.wakeup import Waiter

log = logging.getLogger(__name__)


def to_message(exchange: str, row, user: str) -> Message:
    """The outbox row as a persistent message; `user_id` is the relay's broker user, which the
    broker checks against the connection's, so consumers know who really published it."""
    envelope = json.loads(row.body)
    return Message(exchange, row.type, row.body.encode(), pika.BasicProperties(
        content_type="application/json",
        delivery_mode=pika.DeliveryMode.Persistent,
        message_id=row.event_id,
        correlation_id=envelope["correlation_id"],
        type=row.type,
        app_id=envelope["producer"],
        user_id=user,
    ))


class Relay:
    def __init__(self, service: str, db: Database, tables: MessagingTables, amqp_url: str,
                 names: topology.Names, batch_size: int = 2000, poll_interval: float = 0.2):
        self.connection_name = f"{names.queue(service)}-relay"
        self.db, self.outbox = db, tables.outbox
        self.amqp_url, self.names = amqp_url, names
        self.user = pika.URLParameters(amqp_url).credentials.username
        self.batch_size, self.poll_interval = batch_size, poll_interval
        self.waiter = Waiter(db, tables.outbox.name)  # woken when an outbox row commits (PostgreSQL)

    def run(self, stop: threading.Event) -> None:
        """Relay until `stop` is set, reconnecting after any broker failure."""
        delays, lost = backoff_delays(), False
        while not stop.is_set():
            connection = connect(self.amqp_url, self.connection_name, stop, loss_logged=lost)
            if connection is None:
                return
            try:
                publisher = self._publisher(connection)
                delays, lost = backoff_delays(), False
                while not stop.is_set():
                    if self.relay_batch(publisher) == 0:
                        self.waiter.wait(self.poll_interval, stop)
                        connection.process_data_events(0)
            except AMQPError as exc:
                log.warning("relay lost the broker: %r", exc)
                lost = True
                stop.wait(next(delays))
            except OperationalError as exc:
                log.warning("relay cannot reach its database: %s", exc.orig)
                stop.wait(next(delays))
            finally:
                if connection.is_open:
                    connection.close()
        self.waiter.close()

    def _publisher(self, connection) -> ConfirmingPublisher:
        channel = connection.channel()
        topology.declare(channel, self.names)
        return ConfirmingPublisher(connection, channel)

    def relay_batch(self, publisher: ConfirmingPublisher) -> int:
        """Publish up to one batch of unpublished rows; returns how many were attempted."""
        with self.db.transaction() as session:
            query = (select(self.outbox).where(self.outbox.c.published_at.is_(None))
                     .order_by(self.outbox.c.seq).limit(self.batch_size))
            if self.db.is_postgres:
                query = query.with_for_update(skip_locked=True)
            rows = session.execute(query).all()
            if not rows:
                return 0
            result = publisher.publish([to_message(self.names.exchange, row, self.user) for row in rows])
            now = datetime.now(timezone.utc)
            done = [rows[i].seq for i in result.confirmed + result.unroutable]
            if done:
                session.execute(update(self.outbox).where(self.outbox.c.seq.in_(done)).values(published_at=now))
            for i in result.unroutable:
                log.warning("event %s (%s) has no subscriber", rows[i].event_id, rows[i].type)
            if result.nacked:
                nacked = [rows[i].seq for i in result.nacked]
                session.execute(update(self.outbox).where(self.outbox.c.seq.in_(nacked)).values(
                    attempts=self.outbox.c.attempts + 1, last_error="nacked by broker"))
            metrics.RELAYED.inc(len(done))
            return len(rows)
