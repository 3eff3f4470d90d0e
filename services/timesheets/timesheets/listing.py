"""Timesheets across coaches, for the coordinator: what waits for approval, month by month."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from peercoach.web.paging import paged
from timesheets.models import Timesheet

STATUSES = ("submitted", "approved", "rejected")


def page(session: Session, status: str | None, period: str | None, page: int, page_size: int) -> dict:
    """Timesheets with `status` in `period` (either may be None for all), oldest submission first."""
    where = [column == value for column, value in ((Timesheet.status, status), (Timesheet.period, period))
             if value is not None]
    return paged(session, select(Timesheet).where(*where).order_by(Timesheet.submitted_at, Timesheet.id),
                 page, page_size)
