"""Each event becomes the emails its participants should get."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined
from sqlalchemy.orm import Session

from notifications.models import Delivery
from peercoach.events.envelope import Envelope

templates = Environment(loader=PackageLoader("notifications"), undefined=StrictUndefined,
                        keep_trailing_newline=True)
PROGRAM_NAMES = {
    "voluntary_peer_coaching": "Voluntary Peer Coaching",
    "district_coaching": "District Instructional Coaching",
    "peer_support_service": "Peer Support Service",
}


def queue(session: Session, envelope: Envelope, recipient: str, template: str, subject: str) -> None:
    body = templates.get_template(f"{template}.txt").render(
        program_name=PROGRAM_NAMES[envelope.payload["program"]], **envelope.payload)
    session.add(Delivery(event_id=envelope.id, recipient=recipient, template=template,
                         subject=subject, body_text=body))


def application_received(session: Session, envelope: Envelope, payload: dict) -> None:
    queue(session, envelope, payload["teacher"]["email"], "application_received",
          "We received your coaching application")


HANDLERS = {"application.submitted": application_received}
