"""Consent-gated disclosure for peer support cases (document 003).

A report about a member goes only to a recipient that the member, the local president and the
peer consultant each agreed to in advance. Agreements, releases and refused attempts are audited
(matching.audit); the audit trail never holds a report's content.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matching.models import Base, new_id, now

PARTIES = ("member", "local_president", "consultant")


class Agreement(Base):
    """One party's advance agreement that reports about this case may go to `recipient`."""
    __tablename__ = "disclosure_agreements"
    __table_args__ = (UniqueConstraint("pairing_id", "party", "recipient_key", name="uq_agreements_party_recipient"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairings.id"), index=True)
    party: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(200))
    recipient_key: Mapped[str] = mapped_column(String(200))
    president_name: Mapped[str | None] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(80))
    agreed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Report(Base):
    """A report released to a recipient all three parties agreed to; delivering it is done outside."""
    __tablename__ = "disclosure_reports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairings.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    released_by: Mapped[str] = mapped_column(String(80))
    released_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

