"""wake the waiting loop when an outbox row commits (PostgreSQL LISTEN/NOTIFY)

Revision ID: b2d3f4a5c6e7
Revises: 608ac02061a0
Create Date: 2026-12-07 23:55:00
"""
from alembic import op

from peercoach.messaging.wakeup import create_trigger, drop_trigger

revision = "b2d3f4a5c6e7"
down_revision = "608ac02061a0"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_trigger(op, "outbox")


def downgrade() -> None:
    drop_trigger(op, "outbox")
