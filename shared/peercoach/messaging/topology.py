"""Exchange and queue names, and who listens to what.

Every relay declares the whole topology on connect, so an event published before its
consumer first started still waits in that consumer's durable queue.
"""
from __future__ import annotations

from dataclasses import dataclass

CREDENTIALS = ("credential.issued", "credential.revoked")  # kept by every service but matching, which owns them
GRANTS = ("role.granted", "role.revoked")  # kept by every service but matching, which owns them
SUBSCRIPTIONS: dict[str, tuple[str, ...]] = {
    "intake": ("application.approved", "application.denied", "session.ended", *CREDENTIALS, *GRANTS),
    "matching": ("application.submitted", "application.withdrawn", "timesheet.approved", "session.ended",
                 "credential.used.intake", "credential.used.timesheets", "credential.used.notifications"),
    "timesheets": ("pairing.created", "pairing.hours_extended", "pairing.closed", "session.ended",
                   *CREDENTIALS, *GRANTS),
    "notifications": ("application.submitted", "application.approved", "application.denied",
                      "application.withdrawn", "pairing.created", "pairing.hours_extended",
                      "pairing.closed", "timesheet.submitted", "timesheet.approved",
                      "timesheet.rejected", "hours.threshold_reached", "session.ended",
                      *CREDENTIALS, *GRANTS),
}

RETRY_DELAY_MS = 1000


@dataclass(frozen=True)
class Names:
    namespace: str

    @property
    def exchange(self) -> str:
        return f"{self.namespace}.events"

    @property
    def dead_letter_exchange(self) -> str:
        return f"{self.namespace}.dead-letter"

    def queue(self, service: str) -> str:
        return f"{self.namespace}.{service}"

    def retry_queue(self, service: str) -> str:
        return f"{self.namespace}.{service}.retry"

    def dead_letter_queue(self, service: str) -> str:
        return f"{self.namespace}.{service}.dead-letter"

    def retry_exchange(self, service: str) -> str:
        """Where a service's consumer (and `peercoach dlq replay`) sends a message back for another
        try: only that service's broker user may publish to it (see `peercoach.messaging.access`)."""
        return f"{self.namespace}.retry.{service}"


def declare(channel, names: Names) -> None:
    """Idempotently declare exchanges, every service's queues and their bindings."""
    channel.exchange_declare(names.exchange, exchange_type="topic", durable=True)
    channel.exchange_declare(names.dead_letter_exchange, exchange_type="direct", durable=True)
    for service, routing_keys in SUBSCRIPTIONS.items():
        declare_service_queues(channel, names, service, routing_keys)


def declare_service_queues(channel, names: Names, service: str, routing_keys) -> None:
    main, retry, dead = names.queue(service), names.retry_queue(service), names.dead_letter_queue(service)
    channel.queue_declare(main, durable=True, arguments={
        "x-dead-letter-exchange": names.dead_letter_exchange,
        "x-dead-letter-routing-key": service,
    })
    channel.queue_declare(retry, durable=True, arguments={
        "x-message-ttl": RETRY_DELAY_MS,
        "x-dead-letter-exchange": "",
        "x-dead-letter-routing-key": main,
    })
    channel.queue_declare(dead, durable=True)
    channel.queue_bind(dead, names.dead_letter_exchange, routing_key=service)
    channel.exchange_declare(names.retry_exchange(service), exchange_type="direct", durable=True)
    channel.queue_bind(retry, names.retry_exchange(service), routing_key=service)
    for key in routing_keys:
        channel.queue_bind(main, names.exchange, routing_key=key)
