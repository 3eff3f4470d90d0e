"""`peercoach`: tokens, migrations, workers and dead-letter queues from the command line."""
from __future__ import annotations

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import click
import jwt

from peercoach import service
from peercoach import settings as settings_mod
from peercoach.broker_commands import broker
from peercoach.web import revocation
from peercoach.web.auth import MAX_API_TOKEN_TTL, PAYERS, ROLES, issue_token
from peercoach.web.grants import GRANTABLE


@click.group()
def main() -> None:
    """Operate the peer-coaching services."""


@main.command()
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--sub", required=True, help="Subject: a coach id for coaches, an employee id for teachers.")
@click.option("--email", default=None)
@click.option("--payer", default=None, type=click.Choice(PAYERS), help="For finance: the payer it may read.")
@click.option("--district", "districts", multiple=True,
              help="For finance of the district payer: a district it may read (repeat for more; none: all).")
@click.option("--hours", default=12, show_default=True,
              type=click.IntRange(1, int(MAX_API_TOKEN_TTL.total_seconds()) // 3600))
def token(role: str, sub: str, email: str | None, payer: str | None, districts: tuple[str, ...],
          hours: int) -> None:
    """Print a bearer token signed with PEERCOACH_JWT_SECRET (its id, to revoke it by, on stderr)."""
    try:
        secret = settings_mod.check_jwt_secret(settings_mod.load("intake").jwt_secret)
        issued = issue_token(secret, role, sub, email, payer, timedelta(hours=hours), districts=districts)
    except (RuntimeError, ValueError) as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(issued)
    token_id = jwt.decode(issued, options={"verify_signature": False})["jti"]
    click.echo(f"token id {token_id} ({role} {sub}); revoke with: peercoach revoke {token_id}", err=True)


@main.command()
@click.argument("token_or_id")
def revoke(token_or_id: str) -> None:
    """Revoke an API token, given the token or its id: every service refuses it from its next request on
    (they read PEERCOACH_REVOKED_TOKENS, default var/revoked-tokens)."""
    token_id, note = token_or_id.strip(), ""
    if token_id.count(".") == 2:
        try:
            claims = jwt.decode(token_id, options={"verify_signature": False})
        except jwt.InvalidTokenError as exc:
            raise click.UsageError(f"not a token: {exc}") from exc
        if "jti" not in claims:
            raise click.UsageError("this token has no id; tokens without one are refused anyway")
        token_id, note = claims["jti"], f"{claims.get('role')} {claims.get('sub')}"
    path = settings_mod.revoked_tokens_path()
    revocation.revoke(path, token_id, note)
    click.echo(f"revoked {token_id} (listed in {path})")


@main.command()
@click.argument("email")
@click.argument("role", type=click.Choice(GRANTABLE))
@click.option("--district", "districts", multiple=True,
              help="For finance:district: a district it may read (repeat for more; none: all).")
def grant(email: str, role: str, districts: tuple[str, ...]) -> None:
    """Grant ROLE to whoever signs in with EMAIL (the first admin, say), as the admin page does:
    audited, and announced to every service. Uses matching's database (MATCHING_DATABASE_URL)."""
    from matching.usecases import grants
    from peercoach.db import Database
    from peercoach.principal import Principal
    from peercoach.refusals import Refusal
    db = Database(settings_mod.load("matching").database_url)
    try:
        with db.transaction() as session:
            granted = grants.grant(session, Principal("admin", "operator"), email, role, districts)
    except Refusal as refusal:
        raise click.ClickException(refusal.message) from refusal
    finally:
        db.dispose()
    click.echo(f"granted {role} to {granted['email']} (grant {granted['id']})")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def secret(path: Path) -> None:
    """Create a random token secret at PATH unless one is there already."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)


@main.command()
@click.argument("name", type=click.Choice(service.SERVICES + ("all",)))
def migrate(name: str) -> None:
    """Bring a service's database (or every service's) to the latest schema."""
    from peercoach import migrations
    for each in service.SERVICES if name == "all" else (name,):
        migrations.upgrade(service.load(each), settings_mod.load(each).database_url)
        click.echo(f"{each}: database at the latest revision")


@main.command()
@click.argument("name", type=click.Choice(service.SERVICES), envvar="PEERCOACH_SERVICE")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1), help="gunicorn worker processes")
def serve(name: str, workers: int) -> None:
    """Migrate a service's database, then become its web process (gunicorn on the service's port).

    NAME defaults to PEERCOACH_SERVICE, which each service's container image sets."""
    from peercoach import migrations
    settings = settings_mod.load(name)
    migrations.upgrade(service.load(name), settings.database_url)
    click.echo(f"{name}: database at the latest revision; serving on port {settings.port}")
    sys.stdout.flush()
    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "--no-control-socket", "--workers", str(workers),
                              "--bind", f"0.0.0.0:{settings.port}", f"{name}.app:create_app()"])


@main.command()
@click.argument("name", type=click.Choice(service.SERVICES))
@click.option("-m", "--message", required=True)
def revision(name: str, message: str) -> None:
    """Write a new migration for a service from its models."""
    from peercoach import migrations
    migrations.revision(service.load(name), settings_mod.load(name).database_url, message)


@main.command()
@click.argument("name", type=click.Choice(service.SERVICES))
def worker(name: str) -> None:
    """Run a service's outbox relay, event consumer and background loops."""
    from peercoach import worker as worker_mod
    try:
        worker_mod.run(service.load(name))
    except RuntimeError as exc:  # a setting it refuses to start with
        raise click.ClickException(str(exc)) from exc


@main.command("dev-idp")
@click.option("--port", default=None, type=int, help="Default: DEV_IDP_PORT, else 9400.")
@click.option("--host", default="127.0.0.1", show_default=True)
def dev_idp(port: int | None, host: str) -> None:
    """Run the development identity provider with the demo people (never in production)."""
    import os

    from peercoach import devidp
    devidp.run(port or int(os.environ.get("DEV_IDP_PORT", devidp.DEFAULT_PORT)), host)


@main.group()
def dlq() -> None:
    """Inspect and replay a service's dead-letter queue."""


@dlq.command("list")
@click.argument("name", type=click.Choice(service.SERVICES))
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1))
def dlq_list(name: str, limit: int) -> None:
    """Show the dead letters of a service (ids, types, why), leaving them in place."""
    from peercoach.messaging import deadletters
    from peercoach.messaging.topology import Names
    settings = settings_mod.load(name)
    letters = deadletters.peek(settings.amqp_url, Names(settings.namespace), name, limit)
    for letter in letters:
        click.echo(f"{letter.message_id}\t{letter.type}\t{letter.reason}\t{letter.original_queue}")
    click.echo(f"{len(letters)} dead letter(s) shown for {name}")


@dlq.command("replay")
@click.argument("name", type=click.Choice(service.SERVICES))
@click.option("--limit", default=None, type=click.IntRange(1), help="At most this many (default: all).")
def dlq_replay(name: str, limit: int | None) -> None:
    """Send a service's dead letters back to its queue for another try."""
    from peercoach.messaging import deadletters
    from peercoach.messaging.topology import Names
    settings = settings_mod.load(name)
    moved = deadletters.replay(settings.amqp_url, Names(settings.namespace), name, limit)
    click.echo(f"{moved} dead letter(s) sent back to {name}")


main.add_command(broker)
