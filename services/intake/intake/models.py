"""Applications as the intake service keeps them."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    program: Mapped[str] = mapped_column(String(40))
    referral: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    teacher: Mapped[dict] = mapped_column(JSON)
    focus_area: Mapped[str] = mapped_column(String(60))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
