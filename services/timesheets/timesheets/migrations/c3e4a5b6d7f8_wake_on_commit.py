"""wake the waiting loop when an outbox row commits (PostgreSQL LISTEN/NOTIFY)

Revision ID: c3e4a5b6d7f8
Revises: 34d25fc17aa6
Create Date: 2026-12-07 23:55:00
"""
from alembic import op

from peercoach.messaging.wakeup import create_trigger, drop_trigger

revision = "c3e4a5b6d7f8"
down_revision = "34d25fc17aa6"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_trigger(op, "outbox")


def downgrade() -> None:
    drop_trigger(op, "outbox")
