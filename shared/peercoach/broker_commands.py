"""`peercoach broker`: create the services' broker users (`make run`) or write them as a
definitions file for a broker elsewhere (docker compose). See `peercoach.messaging.access`."""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import click

from peercoach import service
from peercoach import settings as settings_mod
from peercoach.messaging import access


@click.group()
def broker() -> None:
    """The broker users of the services (one each, allowed only what that service does)."""


@broker.command("setup")
@click.option("--env-file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the four <SERVICE>_AMQP_URL settings.")
def broker_setup(env_file: Path) -> None:
    """Create (or update) a user per service on this machine's broker with rabbitmqctl.

    Users are `<namespace>-<service>` in the virtual host of AMQP_URL; their passwords are kept
    under PEERCOACH_DATA_DIR/broker/ and their URLs written to ENV_FILE (what `make run` does)."""
    base, namespace = _env("AMQP_URL", settings_mod.DEFAULT_AMQP_URL), _env("PEERCOACH_NAMESPACE", "peercoach")
    folder = settings_mod.data_dir() / "broker"
    folder.mkdir(parents=True, exist_ok=True)
    users = []
    for name in service.SERVICES:
        password_file = folder / name
        if not password_file.exists():
            password_file.write_text(secrets.token_urlsafe(24))
            password_file.chmod(0o600)
        users.append(access.BrokerUser(name, f"{namespace}-{name}", password_file.read_text().strip()))
    try:
        access.create(namespace, access.vhost_of(base), users)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    lines = [f"{user.service.upper()}_AMQP_URL='{access.url_for(base, user.name, user.password)}'" for user in users]
    env_file.parent.mkdir(parents=True, exist_ok=True)
    env_file.write_text("\n".join(lines) + "\n")
    env_file.chmod(0o600)
    click.echo(f"broker users {', '.join(user.name for user in users)} ready; their URLs are in {env_file}")


@broker.command("definitions")
@click.option("--vhost", default="/", show_default=True)
@click.option("--operator", default=None, help="Also an administrator user of this name (for the management UI).")
def broker_definitions(vhost: str, operator: str | None) -> None:
    """Print a RabbitMQ definitions file with a user per service, to load when the broker boots.

    Each user's name and password come from <SERVICE>_AMQP_URL when set (else `<namespace>-<service>`
    and a random password, shown on stderr with the URL to give the service); an operator's password
    comes from RABBITMQ_OPERATOR_PASSWORD (else random, shown on stderr)."""
    namespace = _env("PEERCOACH_NAMESPACE", "peercoach")
    users = []
    for name in service.SERVICES:
        url = _env(f"{name.upper()}_AMQP_URL")
        parts = urlsplit(url) if url else None
        if parts and parts.username and parts.password:
            users.append(access.BrokerUser(name, unquote(parts.username), unquote(parts.password)))
        else:
            user = access.BrokerUser(name, f"{namespace}-{name}", secrets.token_urlsafe(24))
            users.append(user)
            click.echo(f"{name.upper()}_AMQP_URL=" + access.url_for("amqp://localhost:5672/" + _quote_vhost(vhost),
                                                                    user.name, user.password), err=True)
    extra = []
    if operator:
        password = _env("RABBITMQ_OPERATOR_PASSWORD") or secrets.token_urlsafe(24)
        if not _env("RABBITMQ_OPERATOR_PASSWORD"):
            click.echo(f"{operator} password: {password}", err=True)
        extra.append({"name": operator, "password_hash": access.password_hash(password),
                      "hashing_algorithm": access.HASHING_ALGORITHM, "tags": ["administrator"]})
    document = access.definitions(namespace, vhost, users, with_vhost=True, extra_users=extra)
    if operator:
        document["permissions"].append({"user": operator, "vhost": vhost,
                                         "configure": ".*", "write": ".*", "read": ".*"})
    click.echo(json.dumps(document, indent=2))


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name) or default


def _quote_vhost(vhost: str) -> str:
    return quote(vhost, safe="")
