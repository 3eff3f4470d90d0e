"""Configuration from the environment, with the defaults of the contract."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEFAULT_PORTS = {"intake": 5001, "matching": 5002, "timesheets": 5003, "notifications": 5004}
DEFAULT_AMQP_URL = "amqp://guest:guest@localhost:5672/%2F"
MIN_JWT_SECRET_BYTES = 32


@dataclass(frozen=True)
class Settings:
    service: str
    database_url: str
    amqp_url: str
    namespace: str
    port: int
    jwt_secret: str | None
    worker_metrics_port: int = 0
    worker_metrics_address: str = "127.0.0.1"
    # Every service's broker user name: whom a consumer believes for each event's producer.
    # Empty: every service publishes as the user of `amqp_url` (one shared broker login).
    broker_users: dict[str, str] = field(default_factory=dict)
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
        amqp_url=amqp_url(service, env),
        namespace=env.get("PEERCOACH_NAMESPACE", "peercoach"),
        port=port,
        jwt_secret=env.get("PEERCOACH_JWT_SECRET") or None,
        worker_metrics_port=int(env.get(f"{service.upper()}_WORKER_METRICS_PORT", port + 100)),
        worker_metrics_address=(env.get(f"{service.upper()}_WORKER_METRICS_ADDRESS")
                                or env.get("WORKER_METRICS_ADDRESS") or "127.0.0.1"),
        broker_users={name: broker_user(name, env) for name in DEFAULT_PORTS},
        smtp_host=env.get("SMTP_HOST", "localhost"),
        smtp_port=int(env.get("SMTP_PORT", 1025)),
        mail_from=env.get("MAIL_FROM", "coaching@localhost"),
    )


def public_url(service: str, env: dict | None = None) -> str:
    """Where people reach a service from a browser (links in emails)."""
    env = os.environ if env is None else env
    port = env.get(f"{service.upper()}_PORT", DEFAULT_PORTS[service])
    return env.get(f"{service.upper()}_PUBLIC_URL", f"http://localhost:{port}").rstrip("/")


def amqp_url(service: str, env: dict | None = None) -> str:
    """The service's own broker login: `<SERVICE>_AMQP_URL`, else the shared `AMQP_URL`."""
    env = os.environ if env is None else env
    return env.get(f"{service.upper()}_AMQP_URL") or env.get("AMQP_URL") or DEFAULT_AMQP_URL


def user_of(url: str) -> str:
    """The user name an AMQP URL logs in as (pika's default, guest, when it names none)."""
    return unquote(urlsplit(url).username or "guest")


def broker_user(service: str, env: dict | None = None) -> str:
    """The broker user `service` publishes as: `<SERVICE>_AMQP_USER` (so other services need only
    the name, not the password), else the user of its broker URL."""
    env = os.environ if env is None else env
    return env.get(f"{service.upper()}_AMQP_USER") or user_of(amqp_url(service, env))


def check_jwt_secret(secret: str | None) -> str:
    """The token secret if it is long enough to resist guessing; raises RuntimeError otherwise."""
    if not secret:
        raise RuntimeError("PEERCOACH_JWT_SECRET is not set; refusing to start without a token secret")
    if len(secret.encode()) < MIN_JWT_SECRET_BYTES:
        raise RuntimeError(f"PEERCOACH_JWT_SECRET is {len(secret.encode())} bytes; refusing to start with less than "
                           f"{MIN_JWT_SECRET_BYTES} (make one with `openssl rand -base64 48`)")
    return secret


def revoked_tokens_path(env: dict | None = None) -> Path:
    """The list of revoked API token ids: `PEERCOACH_REVOKED_TOKENS`, else `revoked-tokens` in the data dir."""
    env = os.environ if env is None else env
    return Path(env.get("PEERCOACH_REVOKED_TOKENS") or data_dir() / "revoked-tokens")
