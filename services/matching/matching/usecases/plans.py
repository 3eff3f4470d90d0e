"""Writing and reading a pairing's development plan and its calendar: its teacher and coach write, the
coordinator reads."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from matching import calendar
from matching.participants import pairing_for, role_in
from matching.plan_models import Plan, PlanEvent
from peercoach.principal import Principal
from peercoach.refusals import Conflict, NotFound


def read(session: Session, principal: Principal, pairing_id: str) -> Plan:
    pairing = pairing_for(session, pairing_id, principal)
    plan = session.get(Plan, pairing.id)
    if plan is None:
        raise NotFound("The pairing has no plan yet.", "no_plan")
    return plan


def calendar_of(session: Session, principal: Principal, pairing_id: str, now: datetime) -> bytes:
    """The plan's events as an iCalendar file (empty before there is a plan)."""
    pairing = pairing_for(session, pairing_id, principal)
    plan = session.get(Plan, pairing.id)
    return calendar.ics(pairing.id, plan.events if plan else [], now)


def write(session: Session, principal: Principal, pairing_id: str, data: dict) -> Plan:
    """Replace the plan (and its calendar) with `data`, while the pairing is active."""
    pairing = pairing_for(session, pairing_id, principal, "teacher", "coach", lock=True)
    if pairing.status != "active":
        raise Conflict("The pairing is closed; its plan can no longer change.", "pairing_closed")
    plan = session.get(Plan, pairing.id) or Plan(pairing_id=pairing.id)
    plan.focus_area, plan.goals, plan.support_types = data["focus_area"], data["goals"], data["support_types"]
    plan.events = [PlanEvent(**event) for event in data["events"]]
    plan.updated_at, plan.updated_by = datetime.now(timezone.utc), role_in(pairing, principal)
    session.add(plan)
    session.flush()
    return plan
