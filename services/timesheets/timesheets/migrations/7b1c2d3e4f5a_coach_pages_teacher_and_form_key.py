"""the coach's pages: the teacher of each pairing; the key of the form that made an entry (one entry per form)

Revision ID: 7b1c2d3e4f5a
Revises: dcd05b44d83e
Create Date: 2026-12-07 23:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "7b1c2d3e4f5a"
down_revision = "dcd05b44d83e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pairings") as batch:
        batch.add_column(sa.Column("teacher_name", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("teacher_school", sa.String(length=200), nullable=True))
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("form_key", sa.String(length=64), nullable=True))
        batch.create_unique_constraint("uq_entries_form_key", ["form_key"])


def downgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.drop_constraint("uq_entries_form_key", type_="unique")
        batch.drop_column("form_key")
    with op.batch_alter_table("pairings") as batch:
        batch.drop_column("teacher_school")
        batch.drop_column("teacher_name")
