"""Who may produce each event: the one service that owns its routing key.

A consumer accepts an event only when the broker vouches (through the AMQP `user_id`
property, which RabbitMQ checks against the connection's user) that it was published by the
broker user of the service named here; the broker's topic permissions let each service's
user publish only these routing keys (see `peercoach.messaging.access`).
"""
from __future__ import annotations

PRODUCERS: dict[str, str] = {
    "application.submitted": "intake",
    "application.withdrawn": "intake",
    "application.approved": "matching",
    "application.denied": "matching",
    "pairing.created": "matching",
    "pairing.hours_extended": "matching",
    "pairing.closed": "matching",
    "session.ended": "matching",  # sign-out is served by matching (peercoach.web.session)
    "role.granted": "matching",  # matching owns the roles admins grant (peercoach.web.grants)
    "role.revoked": "matching",
    "credential.issued": "matching",  # machine credentials (peercoach.web.machine_credentials)
    "credential.revoked": "matching",
    "credential.used.intake": "intake",  # each service tells matching of the uses it served
    "credential.used.timesheets": "timesheets",
    "credential.used.notifications": "notifications",
    "timesheet.submitted": "timesheets",
    "timesheet.approved": "timesheets",
    "timesheet.rejected": "timesheets",
    "hours.threshold_reached": "timesheets",
    "payroll.exported": "timesheets",
}


def owner(type_: str) -> str | None:
    """The service that produces `type_`, or None for a type nobody produces."""
    return PRODUCERS.get(type_)


def produced_by(service: str) -> tuple[str, ...]:
    """The routing keys `service` may publish."""
    return tuple(sorted(type_ for type_, producer in PRODUCERS.items() if producer == service))
