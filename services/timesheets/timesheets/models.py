"""What the timesheets service keeps: pairings, time entries, timesheets, rates, payroll batches."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from peercoach.db import declare

Base, tables, outbox = declare("timesheets")

MONEY = Numeric(12, 2)
ANY_PROGRAM = ""
HOURS = Numeric(8, 2)


class Pairing(Base):
    """A pairing as `pairing.created` announced it, with extensions and closing applied."""
    __tablename__ = "pairings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    coach_id: Mapped[str] = mapped_column(String(36), index=True)
    coach_employee_id: Mapped[str] = mapped_column(String(64))
    coach_name: Mapped[str] = mapped_column(String(200))
    coach_email: Mapped[str] = mapped_column(String(320))
    coach_district: Mapped[str] = mapped_column(String(100))
    program: Mapped[str] = mapped_column(String(40))
    district: Mapped[str] = mapped_column(String(100))
    hours_approved: Mapped[Decimal] = mapped_column(HOURS)
    release_half_days: Mapped[int] = mapped_column(Integer)
    federation_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    district_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    account_code: Mapped[str] = mapped_column(String(100))
    started_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    teacher_name: Mapped[str | None] = mapped_column(String(200))  # for the coach's pages (none before them)
    teacher_school: Mapped[str | None] = mapped_column(String(200))
    teacher_employee_id: Mapped[str | None] = mapped_column(String(64), index=True)  # the teacher's own page
    threshold_notified_for: Mapped[Decimal | None] = mapped_column(HOURS)


class Entry(Base):
    """One line of a coach's time log. `note` is private to the coach and the coordinator.
    `rate` is the price of one unit (hour, or release half-day) fixed when the month is approved."""
    __tablename__ = "entries"
    __table_args__ = (
        Index("ix_entries_coach_period", "coach_id", "period"),
        CheckConstraint("minutes > 0", name="ck_entries_minutes_positive"),
        UniqueConstraint("form_key", name="uq_entries_form_key"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairings.id"), index=True)
    coach_id: Mapped[str] = mapped_column(String(36))
    day: Mapped[date] = mapped_column(Date)
    period: Mapped[str] = mapped_column(String(7))
    minutes: Mapped[int] = mapped_column(Integer)
    activity: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    ticket_number: Mapped[str | None] = mapped_column(String(40))  # release_day only: the substitute booking
    rate: Mapped[Decimal | None] = mapped_column(MONEY)
    form_key: Mapped[str | None] = mapped_column(String(64))  # the page form that made it: a resend makes no second
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Timesheet(Base):
    """A coach's month once submitted: submitted -> approved (locked) | rejected (open again)."""
    __tablename__ = "timesheets"
    __table_args__ = (UniqueConstraint("coach_id", "period", name="uq_timesheets_coach_period"),
                      Index("ix_timesheets_period_status", "period", "status"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    coach_id: Mapped[str] = mapped_column(String(36))
    period: Mapped[str] = mapped_column(String(7))
    status: Mapped[str] = mapped_column(String(20))
    employee_id: Mapped[str] = mapped_column(String(64))
    coach_name: Mapped[str] = mapped_column(String(200))
    coach_email: Mapped[str] = mapped_column(String(320))
    hours: Mapped[Decimal] = mapped_column(HOURS)
    reject_reason: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("payroll_batches.id"), index=True)


class Rate(Base):
    """A district's rates from `effective_from` until the next change: for one program, or for
    every program without a rate of its own (`program` empty)."""
    __tablename__ = "rates"

    district: Mapped[str] = mapped_column(String(100), primary_key=True)
    program: Mapped[str] = mapped_column(String(40), primary_key=True, default=ANY_PROGRAM)
    effective_from: Mapped[date] = mapped_column(Date, primary_key=True)
    hourly_rate: Mapped[Decimal] = mapped_column(MONEY)
    release_half_day_rate: Mapped[Decimal] = mapped_column(MONEY)


class PayrollBatch(Base):
    """A month's exported timesheets. `layout` is the CSV's column set when it was made (1: before
    the `district` column), so a batch downloads with the same bytes for ever."""
    __tablename__ = "payroll_batches"
    __table_args__ = (Index("ix_payroll_batches_period_created", "period", "created_at"),
                      UniqueConstraint("idempotency_key", name="uq_payroll_batches_idempotency_key"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    period: Mapped[str] = mapped_column(String(7))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str | None] = mapped_column(String(320))
    idempotency_key: Mapped[str | None] = mapped_column(String(255))
    layout: Mapped[int] = mapped_column(Integer, default=2)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    gross_total: Mapped[Decimal] = mapped_column(MONEY, default=Decimal(0))


class BatchLine(Base):
    """One CSV row of a batch, stored as exported so every download is byte-identical."""
    __tablename__ = "batch_lines"

    batch_id: Mapped[str] = mapped_column(ForeignKey("payroll_batches.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    timesheet_id: Mapped[str] = mapped_column(ForeignKey("timesheets.id"))
    employee_id: Mapped[str] = mapped_column(String(64))
    coach_name: Mapped[str] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(7))
    pairing_id: Mapped[str] = mapped_column(String(36))
    program: Mapped[str] = mapped_column(String(40))
    hours: Mapped[Decimal] = mapped_column(HOURS)
    rate: Mapped[Decimal] = mapped_column(MONEY)
    gross_amount: Mapped[Decimal] = mapped_column(MONEY)
    payer: Mapped[str] = mapped_column(String(20))
    payer_amount: Mapped[Decimal] = mapped_column(MONEY)
    account_code: Mapped[str] = mapped_column(String(100))
    district: Mapped[str | None] = mapped_column(String(100))
