"""pytest fixtures: real databases and broker, apps, tokens and workers for any service.

Each test gets its own namespace on the broker and fresh databases, so tests and runs
sharing one RabbitMQ and one PostgreSQL never see each other's messages or rows.
"""
from __future__ import annotations

import importlib
import os
import secrets
import threading
import uuid
from dataclasses import dataclass, replace

import pytest

from peercoach import migrations, service, worker
from peercoach.db import Database
from peercoach.messaging.topology import Names
from peercoach.settings import Settings
from peercoach.testing import infrastructure
from peercoach.testing.browser import browser, browser_page  # noqa: F401  (fixtures of this plugin)
from peercoach.testing.idp import dev_idp  # noqa: F401  (a fixture of this plugin)
from peercoach.testing.mail import Mailbox, start_smtp_server
from peercoach.testing.pages import pages_stack  # noqa: F401  (a fixture of this plugin)
from peercoach.web.auth import issue_token


@pytest.fixture(scope="session")
def run_id() -> str:
    return uuid.uuid4().hex[:8]


@pytest.fixture(scope="session")
def postgres_url():
    try:
        with infrastructure.postgres_url() as url:
            yield url
    except infrastructure.InfrastructureMissing as exc:
        pytest.exit(str(exc), returncode=1)


@pytest.fixture(scope="session")
def amqp_url():
    try:
        with infrastructure.amqp_url() as url:
            yield url
    except infrastructure.InfrastructureMissing as exc:
        pytest.exit(str(exc), returncode=1)


@pytest.fixture
def namespace(amqp_url, run_id):
    """A namespace of the test's own: no message of another test can reach it."""
    name = f"test-{run_id}-{uuid.uuid4().hex[:6]}"
    yield name
    infrastructure.delete_namespace(amqp_url, name)


@dataclass(frozen=True)
class BrokerUsers:
    """A broker user per service (see `peercoach.messaging.access`), on the test's namespace."""
    amqp_url: str
    users: tuple

    def url(self, service_name: str) -> str:
        from peercoach.messaging.access import url_for
        user = next(u for u in self.users if u.service == service_name)
        return url_for(self.amqp_url, user.name, user.password)

    @property
    def names(self) -> dict[str, str]:
        return {user.service: user.name for user in self.users}

    def settings(self, service_name: str) -> dict:
        """Overrides for `settings_for` / `start_worker`: the service's own login, and everyone's user names."""
        return {"amqp_url": self.url(service_name), "broker_users": self.names}

    def env(self) -> dict[str, str]:
        """The `<SERVICE>_AMQP_URL` of every service, for processes."""
        return {f"{user.service.upper()}_AMQP_URL": self.url(user.service) for user in self.users}


@pytest.fixture
def broker_users(amqp_url, namespace, run_id):
    """A broker user per service, allowed only what that service does in this test's namespace
    (created with rabbitmqctl on this machine's broker, deleted afterwards; unique names)."""
    from peercoach.messaging import access
    users = access.new_users(f"test-{run_id}-{uuid.uuid4().hex[:6]}-")
    try:
        access.create(namespace, access.vhost_of(amqp_url), users)
    except access.RabbitmqctlMissing as exc:
        if os.environ.get("CI"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    yield BrokerUsers(amqp_url, tuple(users))
    access.delete(users)


@pytest.fixture(scope="session")
def databases(postgres_url, run_id):
    dbs = infrastructure.Databases(postgres_url, run_id)
    yield dbs
    dbs.drop_all()


@pytest.fixture(scope="session")
def migrated_templates(databases):
    """One migrated database per service, created on first use and cloned for each test."""
    templates: dict[str, str] = {}

    def template(name: str) -> str:
        if name not in templates:
            db_name = databases.create()
            migrations.upgrade(service.load(name), databases.url(db_name))
            templates[name] = db_name
        return templates[name]
    return template


@pytest.fixture
def database_url(databases, migrated_templates):
    """`database_url("intake")`: the URL of a fresh, migrated database of that service."""
    def make(name: str) -> str:
        return databases.url(databases.create(template=migrated_templates(name)))
    return make


@pytest.fixture(scope="session")
def jwt_secret() -> str:
    return secrets.token_urlsafe(32)


@pytest.fixture
def settings_for(amqp_url, namespace, jwt_secret):
    def make(name: str, database_url: str, **overrides) -> Settings:
        base = Settings(service=name, database_url=database_url, amqp_url=amqp_url,
                        namespace=namespace, port=0, jwt_secret=jwt_secret)
        return replace(base, **overrides)
    return make


@pytest.fixture
def make_app(database_url, amqp_url, namespace, jwt_secret):
    """`make_app("intake")` or `make_app("intake", db_url)`: the service's Flask app for tests."""
    def make(name: str, url: str | None = None, **config):
        create_app = importlib.import_module(f"{name}.app").create_app
        app = create_app({"TESTING": True, "DATABASE_URL": url or database_url(name), "AMQP_URL": amqp_url,
                          "NAMESPACE": namespace, "JWT_SECRET": jwt_secret, **config})
        return app
    return make


@pytest.fixture
def token(jwt_secret):
    """`token("coordinator")` → an `Authorization` header value for that role."""
    def make(role: str, sub: str = "tester", email: str | None = None, payer: str | None = None,
             districts: tuple[str, ...] = ()) -> dict:
        value = issue_token(jwt_secret, role, sub, email, payer, districts=districts)
        return {"Authorization": f"Bearer {value}"}
    return make


@pytest.fixture
def start_worker(settings_for, amqp_url, namespace):
    """`start_worker("matching", url)`: the service's relay, consumer and loops, in threads,
    returned once its consumer listens."""
    from peercoach.testing.broker import wait_until_consumed
    started = []

    def start(name: str, url: str, **overrides) -> Database:
        stop = threading.Event()
        db = Database(url)
        spec = service.load(name)
        threads = worker.threads(spec, settings_for(name, url, **overrides), db, stop)
        for thread in threads:
            thread.start()
        started.append((stop, threads, db))
        if spec.handlers:
            wait_until_consumed(amqp_url, Names(namespace).queue(name))
        return db
    yield start
    for stop, threads, db in started:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
        db.dispose()


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free local port; `.mailbox.messages` holds what arrived."""
    controller = start_smtp_server(Mailbox())
    yield controller
    controller.stop()


@pytest.fixture
def probe(amqp_url, namespace):
    """Sees every event published in this test run's namespace from now on."""
    from peercoach.testing.broker import Probe
    watcher = Probe(amqp_url, namespace)
    yield watcher
    watcher.close()
