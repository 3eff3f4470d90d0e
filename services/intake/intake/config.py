"""Settings of intake alone, read from the environment here and nowhere else."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Config:
    idempotency_key_hours: float = 24.0

    @property
    def idempotency_key_ttl(self) -> timedelta:
        return timedelta(hours=self.idempotency_key_hours)


def load(env: dict | None = None) -> Config:
    """`IDEMPOTENCY_KEY_HOURS`: how long a post's Idempotency-Key is remembered (then purged)."""
    env = os.environ if env is None else env
    hours = float(env.get("IDEMPOTENCY_KEY_HOURS") or Config.idempotency_key_hours)
    if hours <= 0:
        raise ValueError("IDEMPOTENCY_KEY_HOURS must be a positive number of hours")
    return Config(idempotency_key_hours=hours)
