"""Configuration from the environment, with the defaults of the contract."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PORTS = {"intake": 5001, "matching": 5002, "timesheets": 5003, "notifications": 5004}


@dataclass(frozen=True)
class Settings:
    service: str
    database_url: str
    amqp_url: str
    namespace: str
    port: int
    jwt_secret: str | None
    worker_metrics_port: int = 0
    smtp_host: str = "localhost"
    smtp_port: int = 1025
    mail_from: str = "coaching@localhost"


def data_dir() -> Path:
    return Path(os.environ.get("PEERCOACH_DATA_DIR", "./var"))


def default_database_url(service: str) -> str:
    path = data_dir().resolve() / f"{service}.sqlite3"
    return f"sqlite:///{path}"


def load(service: str, env: dict | None = None) -> Settings:
    env = os.environ if env is None else env
    port = int(env.get(f"{service.upper()}_PORT", DEFAULT_PORTS[service]))
    return Settings(
        service=service,
        database_url=env.get(f"{service.upper()}_DATABASE_URL") or default_database_url(service),
        amqp_url=env.get("AMQP_URL", "amqp://guest:guest@localhost:5672/%2F"),
        namespace=env.get("PEERCOACH_NAMESPACE", "peercoach"),
        port=port,
        jwt_secret=env.get("PEERCOACH_JWT_SECRET") or None,
        worker_metrics_port=int(env.get(f"{service.upper()}_WORKER_METRICS_PORT", port + 100)),
        smtp_host=env.get("SMTP_HOST", "localhost"),
        smtp_port=int(env.get("SMTP_PORT", 1025)),
        mail_from=env.get("MAIL_FROM", "coaching@localhost"),
    )


def public_url(service: str, env: dict | None = None) -> str:
    """Where people reach a service from a browser (links in emails)."""
    env = os.environ if env is None else env
    port = env.get(f"{service.upper()}_PORT", DEFAULT_PORTS[service])
    return env.get(f"{service.upper()}_PUBLIC_URL", f"http://localhost:{port}").rstrip("/")
