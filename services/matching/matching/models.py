"""Coaches, reviews, pairings and extensions as the matching service keeps them, and each pairing's usage."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from peercoach.db import declare

Base, tables, outbox = declare("matching")


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(timezone.utc)


class Coach(Base):
    __tablename__ = "coaches"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    employee_id: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    school: Mapped[str] = mapped_column(String(200), default="")
    district: Mapped[str] = mapped_column(String(100))
    focus_areas: Mapped[list] = mapped_column(JSON, default=list)
    grade_levels: Mapped[list] = mapped_column(JSON, default=list)
    subjects: Mapped[list] = mapped_column(JSON, default=list)
    support_types: Mapped[list] = mapped_column(JSON, default=list)
    programs: Mapped[list] = mapped_column(JSON)
    max_active_pairings: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Review(Base):
    """The panel's review of one application; a withdrawal seen first leaves the details empty."""
    __tablename__ = "reviews"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    application_id: Mapped[str] = mapped_column(String(36), unique=True)
    program: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    referral: Mapped[str | None] = mapped_column(String(40))
    teacher: Mapped[dict | None] = mapped_column(JSON)
    focus_area: Mapped[str | None] = mapped_column(String(60))
    support_types: Mapped[list] = mapped_column(JSON, default=list)
    requested_coach_id: Mapped[str | None] = mapped_column(String(36))
    learning_partner: Mapped[dict | None] = mapped_column(JSON)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    proposed_coach_id: Mapped[str | None] = mapped_column(ForeignKey("coaches.id"), index=True)
    proposed_score: Mapped[int | None] = mapped_column(Integer)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pairing_id: Mapped[str | None] = mapped_column(String(36))
    decision_reason: Mapped[str | None] = mapped_column(Text)


class Pairing(Base):
    __tablename__ = "pairings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), unique=True)
    application_id: Mapped[str] = mapped_column(String(36))
    coach_id: Mapped[str] = mapped_column(ForeignKey("coaches.id"), index=True)
    program: Mapped[str] = mapped_column(String(40))
    referral: Mapped[str] = mapped_column(String(40))
    teacher: Mapped[dict] = mapped_column(JSON)
    learning_partner: Mapped[dict | None] = mapped_column(JSON)
    hours_approved: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    release_half_days: Mapped[int] = mapped_column(Integer)
    federation_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    district_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    account_code: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    started_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)


class Extension(Base):
    """A request for more hours; its reason is coaching-adjacent and stays in this service."""
    __tablename__ = "extensions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairings.id"), index=True)
    hours: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PairingUsage(Base):
    """One approved timesheet's figures for one pairing (from `timesheet.approved`)."""
    __tablename__ = "pairing_usage"

    timesheet_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pairing_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    federation_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    district_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
