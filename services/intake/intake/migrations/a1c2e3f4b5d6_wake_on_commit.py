"""wake the waiting loop when an outbox row commits (PostgreSQL LISTEN/NOTIFY)

Revision ID: a1c2e3f4b5d6
Revises: ee6af2e4bfda
Create Date: 2026-12-07 23:55:00
"""
from alembic import op

from peercoach.messaging.wakeup import create_trigger, drop_trigger

revision = "a1c2e3f4b5d6"
down_revision = "ee6af2e4bfda"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_trigger(op, "outbox")


def downgrade() -> None:
    drop_trigger(op, "outbox")
