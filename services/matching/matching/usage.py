"""Hours used and cost per payer of each pairing, as approved timesheets report them.

`timesheet.approved` carries one line per pairing of the month (figures only, never a note).
A repeated event changes nothing; a line for a pairing this service does not know yet is kept
all the same, so out-of-order delivery loses nothing.
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Numeric, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from matching.models import Base
from peercoach.events.envelope import Envelope

MONEY = Numeric(12, 2)


class PairingUsage(Base):
    """One approved timesheet's figures for one pairing."""
    __tablename__ = "pairing_usage"

    timesheet_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pairing_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    federation_amount: Mapped[Decimal] = mapped_column(MONEY)
    district_amount: Mapped[Decimal] = mapped_column(MONEY)


def record_usage(session: Session, _envelope: Envelope, payload: dict) -> None:
    for line in payload["lines"]:
        key = (payload["timesheet_id"], line["pairing_id"])
        if session.get(PairingUsage, key) is None:
            session.add(PairingUsage(timesheet_id=key[0], pairing_id=key[1], hours=line["hours"],
                                     federation_amount=line["federation_amount"],
                                     district_amount=line["district_amount"]))
