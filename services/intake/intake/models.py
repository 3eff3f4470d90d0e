"""Applications as the intake service keeps them, and the Idempotency-Keys of recent posts."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base


def now() -> datetime:
    return datetime.now(timezone.utc)


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (Index("ix_applications_teacher_program", "employee_id", "program", "status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    program: Mapped[str] = mapped_column(String(40))
    referral: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    employee_id: Mapped[str] = mapped_column(String(40))
    teacher: Mapped[dict] = mapped_column(JSON)
    reasons: Mapped[list] = mapped_column(JSON)
    reason_details: Mapped[str] = mapped_column(Text, default="")
    focus_area: Mapped[str] = mapped_column(String(60))
    support_types: Mapped[list] = mapped_column(JSON)
    requested_coach_id: Mapped[str | None] = mapped_column(String(64))
    learning_partner: Mapped[dict | None] = mapped_column(JSON)
    consent_acknowledged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by: Mapped[str | None] = mapped_column(String(20))
    fingerprint: Mapped[str | None] = mapped_column(String(64))


class IdempotencyKey(Base):
    """A post's Idempotency-Key and what a repeat needs: no body, only the application it led to."""
    __tablename__ = "idempotency_keys"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    application_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
