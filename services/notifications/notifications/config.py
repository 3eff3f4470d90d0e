"""Settings of notifications alone, read from the environment here and nowhere else."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    coordinator_email: str = "coordinator@localhost"
    max_attempts: int = 8
    backoff_base_seconds: float = 2.0
    backoff_cap_seconds: float = 600.0
    claim_seconds: float = 120.0


def load(env: dict | None = None) -> Config:
    """`COORDINATOR_EMAIL`, `SMTP_MAX_ATTEMPTS`, `SMTP_BACKOFF_SECONDS`, `SMTP_BACKOFF_CAP_SECONDS`."""
    env = os.environ if env is None else env
    defaults = Config()
    return Config(
        coordinator_email=env.get("COORDINATOR_EMAIL") or defaults.coordinator_email,
        max_attempts=int(env.get("SMTP_MAX_ATTEMPTS", defaults.max_attempts)),
        backoff_base_seconds=float(env.get("SMTP_BACKOFF_SECONDS", defaults.backoff_base_seconds)),
        backoff_cap_seconds=float(env.get("SMTP_BACKOFF_CAP_SECONDS", defaults.backoff_cap_seconds)),
    )
