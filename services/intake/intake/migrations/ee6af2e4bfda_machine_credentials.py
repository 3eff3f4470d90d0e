"""machine credentials: the credentials kept from matching's events

Revision ID: ee6af2e4bfda
Revises: d3d36d36b6fa
Create Date: 2026-12-07 23:45:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = 'ee6af2e4bfda'
down_revision = 'd3d36d36b6fa'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('machine_credentials',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('payer', sa.String(length=20), nullable=True),
    sa.Column('districts', sa.JSON(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('secret_hash')
    )


def downgrade() -> None:
    op.drop_table('machine_credentials')
