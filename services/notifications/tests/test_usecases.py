"""The delivery log's use cases called directly: a session, no Flask request."""
import uuid

import pytest
from sqlalchemy import select

from notifications import usecases
from notifications.deliveries import enqueue
from notifications.models import Delivery
from peercoach.refusals import Conflict, NotFound


def queued(session, recipient: str) -> Delivery:
    enqueue(session, str(uuid.uuid4()), "timesheet.reminder", recipient, "timesheet_reminder",
            {"coach_id": "c-1", "coach_name": "Grace", "period": "2026-11"})
    return session.scalars(select(Delivery).where(Delivery.recipient == recipient)).one()


def test_the_log_is_read_by_recipient_and_a_sent_email_is_sent_again_once(notifications_db):
    with notifications_db.transaction() as session:
        sent = queued(session, "Grace@School.example.org")
        queued(session, "lin@school.example.org")
        sent.state = "sent"

    with notifications_db.transaction() as session:
        count, found = usecases.deliveries(session, 0, 10, recipient="grace@school.example.org")
        again = usecases.resend(session, sent.id)
    with notifications_db.transaction() as session, pytest.raises(Conflict) as twice:
        usecases.resend(session, sent.id)

    assert count == 1 and [d.id for d in found] == [sent.id]
    assert (again.resend_of, again.state, again.sequence) == (sent.id, "queued", 1)
    assert twice.value.code == "already_queued"


def test_resending_an_unknown_email_is_refused(notifications_db):
    with notifications_db.transaction() as session, pytest.raises(NotFound):
        usecases.resend(session, str(uuid.uuid4()))
