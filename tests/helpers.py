"""Helpers for the cross-service tests: waiting on eventual outcomes, sample data."""
from __future__ import annotations

import time

from peercoach.testing.samples import application, submitted_payload  # noqa: F401  (re-exported for tests)


def eventually(check, timeout: float = 20.0, interval: float = 0.1):
    """Call `check` until it returns something truthy; fail with its last answer after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout}s (last answer: {result!r})")
        time.sleep(interval)
