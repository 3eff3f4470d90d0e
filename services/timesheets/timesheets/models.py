"""Pairings as the timesheets service keeps them."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from timesheets.db import Base


class Pairing(Base):
    __tablename__ = "pairings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    coach_id: Mapped[str] = mapped_column(String(36), index=True)
    program: Mapped[str] = mapped_column(String(40))
    hours_approved: Mapped[Decimal] = mapped_column(Numeric(8, 2))
