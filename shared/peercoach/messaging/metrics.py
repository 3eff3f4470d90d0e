"""Prometheus metrics of the event bus: counters of the worker process (served on its own
metrics port) and the outbox backlog (counted by the web process at each scrape of /metrics)."""
from prometheus_client import Counter, Gauge

RELAYED = Counter("peercoach_events_relayed_total", "Outbox events confirmed by the broker")
CONSUMED = Counter("peercoach_events_consumed_total", "Events taken from a queue, by outcome",
                   ["type", "outcome"])
OUTBOX_PENDING = Gauge("peercoach_outbox_pending", "Outbox events waiting for the broker's confirm")
