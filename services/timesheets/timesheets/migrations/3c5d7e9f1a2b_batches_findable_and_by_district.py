"""payroll batches: who made them, their Idempotency-Key, their CSV layout; batch lines' district

Revision ID: 3c5d7e9f1a2b
Revises: ef5bba50337e
Create Date: 2026-12-07 20:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "3c5d7e9f1a2b"
down_revision = "ef5bba50337e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("payroll_batches") as batch:
        batch.add_column(sa.Column("created_by", sa.String(length=320), nullable=True))
        batch.add_column(sa.Column("idempotency_key", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("layout", sa.Integer(), nullable=False, server_default="1"))
        batch.create_unique_constraint("uq_payroll_batches_idempotency_key", ["idempotency_key"])
        batch.create_index("ix_payroll_batches_period_created", ["period", "created_at"])
    with op.batch_alter_table("batch_lines") as batch:
        batch.add_column(sa.Column("district", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("batch_lines") as batch:
        batch.drop_column("district")
    with op.batch_alter_table("payroll_batches") as batch:
        batch.drop_index("ix_payroll_batches_period_created")
        batch.drop_constraint("uq_payroll_batches_idempotency_key", type_="unique")
        batch.drop_column("layout")
        batch.drop_column("idempotency_key")
        batch.drop_column("created_by")
