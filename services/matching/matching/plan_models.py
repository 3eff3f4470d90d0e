"""What a pairing writes about its coaching: the development plan, its calendar and the reflections.

All of it is confidential: read by the pair and the coordinator only, never put in an event,
email, log line, metric or report.
"""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matching.models import Base, new_id, now


class Plan(Base):
    """The professional development plan of one pairing, written by its teacher and coach."""
    __tablename__ = "plans"

    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairings.id"), primary_key=True)
    focus_area: Mapped[str] = mapped_column(String(60))
    goals: Mapped[str] = mapped_column(Text, default="")
    support_types: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_by: Mapped[str] = mapped_column(String(20))
    events: Mapped[list[PlanEvent]] = relationship(order_by="PlanEvent.day, PlanEvent.id", lazy="selectin",
                                                   cascade="all, delete-orphan")


class PlanEvent(Base):
    """One date of the calendar of events: a pre-conference, an observation, a release day..."""
    __tablename__ = "plan_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    pairing_id: Mapped[str] = mapped_column(ForeignKey("plans.pairing_id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time | None] = mapped_column(Time)
    minutes: Mapped[int | None] = mapped_column(Integer)


class Reflection(Base):
    """One participant's reflection at the close of a pairing; submitting again replaces it."""
    __tablename__ = "reflections"
    __table_args__ = (UniqueConstraint("pairing_id", "author_role", name="uq_reflections_pairing_author"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairings.id"), index=True)
    author_role: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
