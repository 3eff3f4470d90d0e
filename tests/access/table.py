"""Who may call what: every operation of every service's OpenAPI document, against every caller.

A caller not named in `allowed` is refused: 401 without a token, 403 with one, or 404 where the
service deliberately hides another coach's pairing (matching answers "no pairing with this id").
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tests.access.seed import PLAN, RECIPIENT
from tests.access.world import DISTRICT, Subject, World
from tests.helpers import application

CALLERS = ("anonymous", "teacher", "other_teacher", "coach", "other_coach", "coordinator", "payroll",
           "finance", "other_finance", "district_finance", "other_district_finance", "admin", "machine")
OTHER_DISTRICT = "SD-OTHER"  # a second district: its finance officer reads nothing of the world's district
OTHER_PAYER = {"district": "federation", "federation": "district"}


def headers(world: World, caller: str, subject: Subject) -> dict:
    """The caller's Authorization header, the teacher, coach and payer being those of `subject`."""
    return {
        "anonymous": dict,
        "teacher": lambda: world.token("teacher", sub=subject.teacher),
        "other_teacher": lambda: world.token("teacher", sub="E-another-teacher"),
        "coach": lambda: world.token("coach", sub=subject.coach),
        "other_coach": lambda: world.token("coach", sub=world.other_coach),
        "finance": lambda: world.token("finance", payer=subject.payer),
        "other_finance": lambda: world.token("finance", payer=OTHER_PAYER[subject.payer]),
        "district_finance": lambda: world.token("finance", payer="district", districts=(DISTRICT,)),
        "other_district_finance": lambda: world.token("finance", payer="district", districts=(OTHER_DISTRICT,)),
        "machine": lambda: {"Authorization": f"Bearer {world.machine_secret}"},  # finance of the district payer
    }.get(caller, lambda: world.token(caller))()


@dataclass(frozen=True)
class Op:
    service: str
    method: str
    path: str
    allowed: dict[str, int]
    subject: str | Callable[[World], Subject] = "pairing"
    hidden: tuple[str, ...] = ()
    body: Callable[[World, str], dict] | None = None  # the JSON body a caller sends
    query: Callable[[World], dict] | None = None
    html: bool = False  # a page: it refuses in HTML, not in JSON

    def expected(self, caller: str) -> int:
        if caller in self.allowed:
            return self.allowed[caller]
        if caller in self.hidden:
            return 404
        return 401 if caller == "anonymous" else 403

    def callers(self) -> list[str]:
        """Refused callers first: the allowed call after them proves they changed nothing."""
        return sorted(CALLERS, key=lambda caller: caller in self.allowed)

    def subject_for(self, world: World) -> Subject:
        """A fresh subject per call (made by a function), or one shared by the world."""
        return self.subject(world) if callable(self.subject) else world.subjects[self.subject]

    @property
    def key(self) -> tuple[str, str, str]:
        return self.service, self.method, self.path


EVERYONE = {caller: 201 for caller in CALLERS}
LINK_ONLY = {caller: 401 for caller in CALLERS}  # only the emailed link's token opens it, never a bearer token
COORDINATOR = {"coordinator": 200}
PARTICIPANTS = {"teacher": 200, "coach": 200, "coordinator": 200}
FINANCE = {"finance": 200, "other_finance": 200, "machine": 200, "district_finance": 200, "other_district_finance": 200}


def agreement(_world, caller: str) -> dict:
    """The coordinator records the local president's agreement, naming them; the others their own."""
    return {"recipient": RECIPIENT, **({"president_name": "Sam Rivera"} if caller == "coordinator" else {})}


def today_entry(*_) -> dict:
    return {"date": date.today().isoformat(), "minutes": 30, "activity": "observation", "note": "Observed."}


OPERATIONS = [
    Op("intake", "GET", "/applications", COORDINATOR),
    Op("intake", "POST", "/applications", EVERYONE, body=lambda *_: application()),
    Op("intake", "GET", "/applications/{application_id}", {"coordinator": 200, "teacher": 200}),
    Op("intake", "GET", "/applications/{application_id}/withdraw", LINK_ONLY, html=True),
    Op("intake", "POST", "/applications/{application_id}/withdraw", {"coordinator": 200, "teacher": 200},
       subject=World.fresh_application),

    Op("matching", "GET", "/coaches", COORDINATOR),
    Op("matching", "POST", "/coaches", {"coordinator": 201}, body=lambda w, _caller: w.new_coach()),
    Op("matching", "GET", "/coaches/{coach_id}", COORDINATOR),
    Op("matching", "PATCH", "/coaches/{coach_id}", COORDINATOR, body=lambda *_: {"school": "Hillside"}),
    Op("matching", "GET", "/reviews", COORDINATOR),
    Op("matching", "GET", "/reviews/{review_id}", COORDINATOR),
    Op("matching", "POST", "/reviews/{review_id}/decision", COORDINATOR, subject="pending_review",
       body=lambda *_: {"decision": "deny", "reason": "The panel has no coach for this focus this term."}),
    Op("matching", "POST", "/assignments/propose", COORDINATOR),
    Op("matching", "GET", "/pairings", {"coordinator": 200, "coach": 200, "other_coach": 200}),
    Op("matching", "GET", "/pairings/{pairing_id}", PARTICIPANTS, hidden=("other_coach",)),
    Op("matching", "POST", "/pairings/{pairing_id}/close", COORDINATOR, subject="closable"),
    Op("matching", "GET", "/pairings/{pairing_id}/extensions", {"coordinator": 200, "coach": 200},
       hidden=("other_coach",)),
    Op("matching", "POST", "/pairings/{pairing_id}/extensions", {"coordinator": 201, "coach": 201},
       hidden=("other_coach",), body=lambda *_: {"hours": "2", "reason": "A third observation."}),
    Op("matching", "GET", "/extensions", COORDINATOR),
    Op("matching", "POST", "/extensions/{extension_id}/decision", COORDINATOR, subject="extension",
       body=lambda *_: {"decision": "approve"}),
    Op("matching", "GET", "/pairings/{pairing_id}/plan", PARTICIPANTS, hidden=("other_coach",)),
    Op("matching", "PUT", "/pairings/{pairing_id}/plan", {"teacher": 200, "coach": 200}, hidden=("other_coach",),
       body=lambda *_: PLAN),
    Op("matching", "GET", "/pairings/{pairing_id}/calendar.ics", PARTICIPANTS, hidden=("other_coach",)),
    Op("matching", "GET", "/pairings/{pairing_id}/reflections", PARTICIPANTS, subject="closed",
       hidden=("other_coach",)),
    Op("matching", "POST", "/pairings/{pairing_id}/reflections", {"teacher": 201, "coach": 201}, subject="closed",
       hidden=("other_coach",), body=lambda *_: {"text": "We found our rhythm in the second cycle."}),
    Op("matching", "GET", "/pairings/{pairing_id}/agreements", PARTICIPANTS, subject="case", hidden=("other_coach",)),
    Op("matching", "POST", "/pairings/{pairing_id}/agreements", {"teacher": 201, "coach": 201, "coordinator": 201},
       subject="case", hidden=("other_coach",), body=agreement),
    Op("matching", "GET", "/pairings/{pairing_id}/reports", PARTICIPANTS, subject="case", hidden=("other_coach",)),
    Op("matching", "POST", "/pairings/{pairing_id}/reports", {"coach": 201}, subject="case", hidden=("other_coach",),
       body=lambda *_: {"recipient": RECIPIENT, "content": "Progress as agreed with the member."}),
    Op("matching", "GET", "/audit", COORDINATOR),
    Op("matching", "GET", "/grants", {"admin": 200}),
    Op("matching", "POST", "/grants", {"admin": 201}, body=World.new_grant),
    Op("matching", "DELETE", "/grants/{grant_id}", {"admin": 204}, subject=World.fresh_grant),
    Op("matching", "GET", "/reports/program", COORDINATOR, query=lambda *_: {"year": date.today().year}),

    Op("timesheets", "GET", "/pairings/{pairing_id}/entries", {"coach": 200, "coordinator": 200}),
    Op("timesheets", "POST", "/pairings/{pairing_id}/entries", {"coach": 201}, body=today_entry),
    Op("timesheets", "PATCH", "/entries/{entry_id}", {"coach": 200}, subject="entry",
       body=lambda *_: {"minutes": 45}),
    Op("timesheets", "DELETE", "/entries/{entry_id}", {"coach": 204}, subject="spare_entry"),
    Op("timesheets", "GET", "/pairings/{pairing_id}/hours", {"coach": 200, "coordinator": 200}),
    Op("timesheets", "GET", "/timesheets", COORDINATOR, query=lambda w: {"status": "submitted", "period": w.period}),
    Op("timesheets", "GET", "/timesheets/{coach_id}/{period}", {"coach": 200, "coordinator": 200}),
    Op("timesheets", "POST", "/timesheets/{coach_id}/{period}/submit", {"coach": 200}, subject="open_sheet"),
    Op("timesheets", "POST", "/timesheets/{coach_id}/{period}/approve", COORDINATOR, subject="submitted_sheet"),
    Op("timesheets", "POST", "/timesheets/{coach_id}/{period}/reject", COORDINATOR, subject="rejectable_sheet",
       body=lambda *_: {"reason": "The 12th is logged twice."}),
    Op("timesheets", "GET", "/rates/{district}", {"coordinator": 200, "payroll": 200, **FINANCE}),
    Op("timesheets", "PUT", "/rates/{district}", COORDINATOR, body=lambda *_: {
        "hourly_rate": "56.00", "release_half_day_rate": "121.00", "effective_from": date.today().isoformat()}),
    Op("timesheets", "POST", "/payroll/exports", {"payroll": 201}, subject="approved_sheet",
       body=lambda w, _caller: {"period": w.period}),
    Op("timesheets", "GET", "/payroll/exports", {"payroll": 200, **FINANCE}, query=lambda w: {"period": w.period}),
    Op("timesheets", "GET", "/payroll/exports/{batch_id}", {"payroll": 200}, subject="batch"),
    Op("timesheets", "GET", "/billing/statements",  # the world's district: not another district's officer
       {"coordinator": 200, "finance": 200, "machine": 200, "district_finance": 200},
       query=lambda w: {"payer": "district", "period": w.period, "district": DISTRICT}),

    Op("matching", "GET", "/credentials", {"admin": 200}),
    Op("matching", "POST", "/credentials", {"admin": 201},
       body=lambda *_: {"name": f"Payroll system {uuid.uuid4().hex[:8]}", "role": "payroll"}),
    Op("matching", "DELETE", "/credentials/{credential_id}", {"admin": 200}, subject=World.fresh_credential),

    Op("notifications", "GET", "/notifications", {"admin": 200}),
    Op("notifications", "POST", "/notifications/{delivery_id}/resend", {"admin": 202}, subject="delivery"),
]

OPERATOR_PATHS = ("/healthz", "/readyz", "/metrics", "/openapi.json")
