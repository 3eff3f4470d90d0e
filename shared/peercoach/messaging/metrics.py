"""Prometheus counters of the event bus (process-wide, exposed by /metrics)."""
from prometheus_client import Counter, Gauge

RELAYED = Counter("peercoach_events_relayed_total", "Outbox events confirmed by the broker")
CONSUMED = Counter("peercoach_events_consumed_total", "Events taken from a queue, by outcome",
                   ["type", "outcome"])
OUTBOX_PENDING = Gauge("peercoach_outbox_pending", "Outbox events not yet confirmed by the broker")
