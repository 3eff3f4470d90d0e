"""How intake follows the panel's decisions (application.approved / application.denied).

Only a submitted application takes a decision. A decision for an application that was
withdrawn meanwhile, already decided (a repeat), or unknown here changes nothing.
"""
from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from intake.models import Application, now
from peercoach.events.event import Event
from peercoach.logs import fields

log = logging.getLogger(__name__)


def follow_decision(status: str):
    def handle(session: Session, event: Event) -> None:
        application = session.get(Application, event.payload["application_id"], with_for_update=True)
        if application is None or application.status != "submitted":
            log.info("%s left unapplied", event.type, extra=fields(
                event_id=event.id, application_id=event.payload["application_id"],
                current_status=application.status if application else "unknown"))
            return
        application.status = status
        application.status_changed_at = now()
    return handle


HANDLERS = {
    "application.approved": follow_decision("approved"),
    "application.denied": follow_decision("denied"),
}
