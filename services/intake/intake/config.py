"""Settings of intake alone, read from the environment here and nowhere else."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Config:
    idempotency_key_hours: float = 24.0
    rate_limit_storage_url: str = "redis://127.0.0.1:6379"
    rate_limit_per_address: str = "10 per minute;60 per hour"
    rate_limit_per_email: str = "5 per day"

    @property
    def idempotency_key_ttl(self) -> timedelta:
        return timedelta(hours=self.idempotency_key_hours)


def load(env: dict | None = None) -> Config:
    """`IDEMPOTENCY_KEY_HOURS`: how long a post's Idempotency-Key is remembered (then purged);
    `RATE_LIMIT_STORAGE_URL`, `RATE_LIMIT_PER_ADDRESS`, `RATE_LIMIT_PER_EMAIL`: the public form's limits."""
    env = os.environ if env is None else env
    defaults = Config()
    hours = float(env.get("IDEMPOTENCY_KEY_HOURS") or defaults.idempotency_key_hours)
    if hours <= 0:
        raise ValueError("IDEMPOTENCY_KEY_HOURS must be a positive number of hours")
    return Config(
        idempotency_key_hours=hours,
        rate_limit_storage_url=env.get("RATE_LIMIT_STORAGE_URL") or defaults.rate_limit_storage_url,
        rate_limit_per_address=env.get("RATE_LIMIT_PER_ADDRESS") or defaults.rate_limit_per_address,
        rate_limit_per_email=env.get("RATE_LIMIT_PER_EMAIL") or defaults.rate_limit_per_email,
    )
