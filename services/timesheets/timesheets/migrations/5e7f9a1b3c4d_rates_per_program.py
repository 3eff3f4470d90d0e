"""rates: a district's rate may be for one program (empty program: every program)

Revision ID: 5e7f9a1b3c4d
Revises: 4d6e8f0a2b3c
Create Date: 2026-12-07 20:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = "5e7f9a1b3c4d"
down_revision = "4d6e8f0a2b3c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.add_column("rates", sa.Column("program", sa.String(length=40), nullable=False, server_default=""))
        op.drop_constraint("rates_pkey", "rates", type_="primary")
        op.create_primary_key("rates_pkey", "rates", ["district", "program", "effective_from"])
        return
    _copy_into_new_rates(["district", "program", "effective_from"], "district, '', effective_from")


def downgrade() -> None:
    op.execute("DELETE FROM rates WHERE program <> ''")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("rates_pkey", "rates", type_="primary")
        op.drop_column("rates", "program")
        op.create_primary_key("rates_pkey", "rates", ["district", "effective_from"])
        return
    _copy_into_new_rates(["district", "effective_from"], "district, effective_from")


def _copy_into_new_rates(key: list[str], selected: str) -> None:
    """SQLite cannot change a primary key in place: copy the rates into a table with the new key."""
    op.create_table(
        "rates_new",
        sa.Column("district", sa.String(length=100), nullable=False),
        *([sa.Column("program", sa.String(length=40), nullable=False, server_default="")]
          if "program" in key else []),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("hourly_rate", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("release_half_day_rate", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.PrimaryKeyConstraint(*key, name="rates_pkey"))
    op.execute(f"INSERT INTO rates_new ({', '.join(key)}, hourly_rate, release_half_day_rate) "
               f"SELECT {selected}, hourly_rate, release_half_day_rate FROM rates")
    op.drop_table("rates")
    op.rename_table("rates_new", "rates")
