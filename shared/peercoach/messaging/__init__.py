"""Reliable messaging: transactional outbox, confirmed relay, idempotent consumer."""
