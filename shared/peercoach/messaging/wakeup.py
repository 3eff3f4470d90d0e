"""Wake a waiting loop the moment a transaction that gave it work commits.

On PostgreSQL a trigger on the table the loop reads (the outbox, the delivery log) sends a
notification for each statement that inserts into it, which PostgreSQL delivers only when the
transaction commits, at no extra round trip; the loop `LISTEN`s on a connection of its own, so the
new row is picked up at once rather than at the next poll. The poll stays as the safety net (a
notification missed while the listening connection was down) and is the only mechanism on SQLite.
"""
from __future__ import annotations

import logging
import threading
import time

import psycopg
from psycopg import sql

from peercoach.db import Database

log = logging.getLogger(__name__)
STOP_CHECK = 0.5  # seconds: how soon a waiting loop notices it is asked to stop


def channel(table: str) -> str:
    """The notification channel of the work in `table`."""
    return f"peercoach_{table}"


def create_trigger(op, table: str) -> None:
    """For a migration: notify the channel named after `table` when a statement inserts into it."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE OR REPLACE FUNCTION peercoach_notify() RETURNS trigger LANGUAGE plpgsql AS "
               "$$ BEGIN PERFORM pg_notify(TG_ARGV[0], ''); RETURN NULL; END $$")
    op.execute(f"CREATE TRIGGER {table}_notify AFTER INSERT ON {table} "
               f"FOR EACH STATEMENT EXECUTE FUNCTION peercoach_notify('{channel(table)}')")


def drop_trigger(op, table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")


class Waiter:
    """Waits until a row is inserted into `table`, or `timeout` seconds at the most."""

    def __init__(self, db: Database, table: str):
        self.db, self.channel = db, channel(table)
        self.connection: psycopg.Connection | None = None

    def wait(self, timeout: float, stop: threading.Event) -> None:
        if not self.db.is_postgres:
            stop.wait(timeout)
            return
        try:
            connection = self._listening()
            deadline = time.monotonic() + timeout
            while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
                if list(connection.notifies(timeout=min(left, STOP_CHECK), stop_after=1)):
                    break
            for _ in connection.notifies(timeout=0):  # several commits, one wake-up
                pass
        except psycopg.Error as exc:
            log.warning("not listening for %s (%s): polling", self.channel, exc)
            self.close()
            stop.wait(timeout)

    def _listening(self) -> psycopg.Connection:
        if self.connection is None or self.connection.closed:
            url = self.db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
            self.connection = psycopg.connect(url, autocommit=True, connect_timeout=5)
            self.connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            finally:
                self.connection = None
