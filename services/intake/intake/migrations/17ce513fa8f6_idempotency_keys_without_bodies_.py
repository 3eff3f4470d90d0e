"""idempotency keys without bodies, application fingerprints

Stored responses (whole bodies, with reason details) give way to idempotency keys that keep
only the application id; each remembered answer is carried over as its key and application id.

Revision ID: 17ce513fa8f6
Revises: ef9d894038f8
Create Date: 2026-12-07 19:39:44.817001
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '17ce513fa8f6'
down_revision = 'ef9d894038f8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    keys = op.create_table('idempotency_keys',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_index(op.f('ix_idempotency_keys_created_at'), 'idempotency_keys', ['created_at'], unique=False)
    responses = sa.table('idempotent_responses', sa.column('key'), sa.column('fingerprint'),
                         sa.column('status_code'), sa.column('body'),
                         sa.column('created_at', sa.DateTime(timezone=True)))
    connection = op.get_bind()
    rows = [{"key": r.key, "fingerprint": r.fingerprint, "status_code": r.status_code,
             "application_id": json.loads(r.body)["id"], "created_at": r.created_at}
            for r in connection.execute(sa.select(responses))]
    if rows:
        op.bulk_insert(keys, rows)
    op.drop_table('idempotent_responses')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fingerprint', sa.String(length=64), nullable=True))


def downgrade() -> None:
    """The old table comes back empty: the bodies it held are gone."""
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('fingerprint')
    op.create_table('idempotent_responses',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.drop_index(op.f('ix_idempotency_keys_created_at'), table_name='idempotency_keys')
    op.drop_table('idempotency_keys')
