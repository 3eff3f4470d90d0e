"""The delivery log, and the view of coaches' pairings and timesheets the reminders need."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

from sqlalchemy import JSON, Boolean, Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from notifications.db import Base

STATES = ("queued", "sent", "failed")


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Delivery(Base):
    """One email to one recipient for one event; a resend is a new row with the next `sequence`."""
    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("event_id", "recipient", "template", "sequence"),
        Index("ix_deliveries_due", "state", "next_attempt_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    event_id: Mapped[str] = mapped_column(String(36))
    event_type: Mapped[str] = mapped_column(String(100))
    recipient: Mapped[str] = mapped_column(String(320), index=True)
    template: Mapped[str] = mapped_column(String(60))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    resend_of: Mapped[str | None] = mapped_column(String(36), nullable=True)
    subject: Mapped[str] = mapped_column(String(200))
    context: Mapped[dict] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CoachPairing(Base):
    """A pairing as far as reminders care: whose it is, since when, and whether it is closed."""
    __tablename__ = "coach_pairings"

    pairing_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    coach_id: Mapped[str] = mapped_column(String(64), index=True)
    coach_name: Mapped[str] = mapped_column(String(200))
    coach_email: Mapped[str] = mapped_column(String(320))
    started_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class CoachTimesheet(Base):
    """Whether a coach's timesheet for a month is in (submitted or approved) or open (rejected)."""
    __tablename__ = "coach_timesheets"

    coach_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    submitted: Mapped[bool] = mapped_column(Boolean)
    as_of: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PlanOfAssistance(Base):
    """An application made on a plan of assistance (from `application.submitted`): only its teacher's
    pairing email says so. Nothing else about the referral is kept."""
    __tablename__ = "plans_of_assistance"

    application_id: Mapped[str] = mapped_column(String(64), primary_key=True)
