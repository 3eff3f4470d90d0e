"""What the coordinator reads about the program as a whole: the year-end report and the audit trail."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from matching import program_report
from matching.audit import AuditEntry
from matching.models import Pairing, PairingUsage, Review
from peercoach.web.paging import paged


def applications(session: Session, first: date, last: date) -> list[program_report.Application]:
    """Applications submitted from `first` to `last` (inclusive, UTC), with their pairings' figures."""
    used = (select(PairingUsage.pairing_id, func.sum(PairingUsage.hours).label("hours"),
                   func.sum(PairingUsage.federation_amount).label("federation"),
                   func.sum(PairingUsage.district_amount).label("district"))
            .group_by(PairingUsage.pairing_id).subquery())
    start = datetime.combine(first, time(), timezone.utc)
    rows = session.execute(
        select(Review, Pairing.hours_approved, used.c.hours, used.c.federation, used.c.district)
        .outerjoin(Pairing, Pairing.review_id == Review.id).outerjoin(used, used.c.pairing_id == Pairing.id)
        .where(Review.submitted_at >= start, Review.submitted_at < start + timedelta(days=(last - first).days + 1)))
    zero = program_report.ZERO
    return [program_report.Application(
        teacher=review.teacher["employee_id"], program=review.program, focus_area=review.focus_area,
        school=review.teacher.get("school", ""), status=review.status, hours_approved=approved or zero,
        hours_used=hours or zero, federation_cost=federation or zero, district_cost=district or zero)
        for review, approved, hours, federation, district in rows]


def program(session: Session, first: date, last: date) -> dict:
    """The program report of the period: figures per program, focus area and school, small groups hidden."""
    return {"from": first.isoformat(), "to": last.isoformat(), "min_teachers": program_report.MIN_TEACHERS,
            **program_report.report(applications(session, first, last))}


def _audit_trail(pairing_id: str | None, action: str | None, newest_first: bool = False) -> Select:
    order = (AuditEntry.at.desc(), AuditEntry.id.desc()) if newest_first else (AuditEntry.at, AuditEntry.id)
    statement = select(AuditEntry).order_by(*order)
    for field, value in (("pairing_id", pairing_id), ("action", action)):
        if value is not None:
            statement = statement.where(getattr(AuditEntry, field) == value)
    return statement


def audit_trail(session: Session, pairing_id: str | None = None, action: str | None = None) -> list[AuditEntry]:
    """Oldest first, of one pairing or one action when asked."""
    return list(session.scalars(_audit_trail(pairing_id, action)))


def audit_trail_page(session: Session, pairing_id: str | None = None, action: str | None = None, page: int = 1,
                     page_size: int = 20, newest_first: bool = False) -> dict:
    """One page of `audit_trail` (or of it newest first), with the total matching the filters."""
    return paged(session, _audit_trail(pairing_id, action, newest_first), page, page_size)
