"""entries: the substitute booking's ticket number on release entries

Revision ID: 4d6e8f0a2b3c
Revises: 3c5d7e9f1a2b
Create Date: 2026-12-07 20:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "4d6e8f0a2b3c"
down_revision = "3c5d7e9f1a2b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("ticket_number", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("ticket_number")
