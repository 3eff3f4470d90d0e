"""The outbox and inbox tables every service keeps beside its own."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text

from peercoach.web import grants, machine_credentials, session_tables


class MessagingTables:
    """Declare `outbox` and `inbox` on a service's MetaData (so its migrations carry them), and
    the tables every service keeps about browser sessions, granted roles and machine credentials
    (peercoach.web.session_tables, peercoach.web.grants, peercoach.web.machine_credentials)."""

    def __init__(self, metadata: MetaData):
        self.outbox = Table(
            "outbox", metadata,
            Column("seq", Integer, primary_key=True, autoincrement=True),
            Column("event_id", String(36), nullable=False, unique=True),
            Column("type", String(100), nullable=False),
            Column("body", Text, nullable=False),
            Column("created_at", DateTime(timezone=True), nullable=False),
            Column("published_at", DateTime(timezone=True), nullable=True),
            Column("attempts", Integer, nullable=False, default=0),
            Column("last_error", Text, nullable=True),
            Index("ix_outbox_unpublished", "published_at", "seq"),
        )
        self.inbox = Table(
            "inbox", metadata,
            Column("event_id", String(36), primary_key=True),
            Column("consumer", String(100), primary_key=True),
            Column("type", String(100), nullable=False),
            Column("processed_at", DateTime(timezone=True), nullable=False),
        )
        session_tables.declare(metadata)
        grants.declare(metadata)
        machine_credentials.declare(metadata)
