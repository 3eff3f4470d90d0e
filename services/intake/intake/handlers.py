"""How intake follows the panel's decisions."""
from __future__ import annotations

from sqlalchemy.orm import Session

from intake.models import Application
from peercoach.events.envelope import Envelope


def set_status(status: str):
    def handle(session: Session, envelope: Envelope, payload: dict) -> None:
        application = session.get(Application, payload["application_id"])
        if application is not None and application.status == "submitted":
            application.status = status
    return handle


HANDLERS = {
    "application.approved": set_status("approved"),
    "application.denied": set_status("denied"),
}
