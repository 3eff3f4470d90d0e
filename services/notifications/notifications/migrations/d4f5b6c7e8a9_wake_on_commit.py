"""wake the waiting loop when an outbox row or a queued email commits (PostgreSQL LISTEN/NOTIFY)

Revision ID: d4f5b6c7e8a9
Revises: 529bbcf08e46
Create Date: 2026-12-07 23:55:00
"""
from alembic import op

from peercoach.messaging.wakeup import create_trigger, drop_trigger

revision = "d4f5b6c7e8a9"
down_revision = "529bbcf08e46"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_trigger(op, "outbox")
    create_trigger(op, "deliveries")


def downgrade() -> None:
    drop_trigger(op, "deliveries")
    drop_trigger(op, "outbox")
