"""A teacher or the coordinator withdraws an application that is still submitted."""
from __future__ import annotations

from intake import events, records
from intake.db import outbox
from intake.models import Application, now
from peercoach.db import Database
from peercoach.refusals import Conflict
from peercoach.web.auth import Principal


WITHDRAWABLE = ("submitted", "approved")  # a teacher may leave the program at any time


def withdraw(db: Database, application_id: str, principal: Principal) -> Application:
    with db.transaction() as session:
        application = records.visible(session, application_id, principal, for_update=True)
        if application.status not in WITHDRAWABLE:
            raise Conflict(f"This application is {application.status}; it can no longer be withdrawn.",
                           code="not_withdrawable")
        application.status = "withdrawn"
        application.withdrawn_by = principal.role
        application.status_changed_at = now()
        outbox.record(session, "application.withdrawn", events.withdrawn(application))
    return application
