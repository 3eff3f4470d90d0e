"""The real PostgreSQL and RabbitMQ the tests run against.

From `TEST_DATABASE_URL` / `AMQP_URL` when set; otherwise the local server when one answers on its
standard port; otherwise containers started with testcontainers where a Docker engine answers;
otherwise a clear error naming what to set.
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pika
import psycopg
from sqlalchemy import create_engine, text

from peercoach.db import normalize_url
from peercoach.messaging.connection import broker_reachable
from peercoach.messaging.topology import SUBSCRIPTIONS, Names

LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
LOCAL_RABBITMQ = "amqp://guest:guest@127.0.0.1:5672/%2F"
MISSING = "No {what} for the tests: none answers at {local}, and {why}. Set {var} to one that answers."


class InfrastructureMissing(RuntimeError):
    pass


@contextmanager
def postgres_url():
    if os.environ.get("TEST_DATABASE_URL"):
        yield os.environ["TEST_DATABASE_URL"]
    elif postgres_answers(LOCAL_POSTGRES):
        yield LOCAL_POSTGRES
    else:
        with _container("postgres", "TEST_DATABASE_URL", LOCAL_POSTGRES) as c:
            yield c.get_connection_url()


@contextmanager
def amqp_url():
    if os.environ.get("AMQP_URL"):
        yield os.environ["AMQP_URL"]
    elif broker_reachable(LOCAL_RABBITMQ):
        yield LOCAL_RABBITMQ
    else:
        with _container("rabbitmq", "AMQP_URL", LOCAL_RABBITMQ) as c:
            params = c.get_connection_params()
            yield f"amqp://guest:guest@{params.host}:{params.port}/%2F"


def postgres_answers(url: str) -> bool:
    try:
        psycopg.connect(url, connect_timeout=3).close()
        return True
    except psycopg.Error:
        return False


def docker_engine_answers() -> bool:
    """A Docker engine answers (what `docker info` asks), not merely a docker client on the PATH."""
    try:
        import docker
        client = docker.from_env(timeout=10)
        try:
            return client.ping()
        finally:
            client.close()
    except Exception:  # no SDK, no socket, refused, not a Docker API: no engine either way
        return False


@contextmanager
def _container(kind: str, var: str, local: str):
    def missing(why: str) -> InfrastructureMissing:
        return InfrastructureMissing(MISSING.format(what=kind, local=local, why=why, var=var))

    if not docker_engine_answers():
        raise missing("no Docker engine answers (docker info) to start one in a container")
    if kind == "postgres":
        from testcontainers.community.postgres import PostgresContainer
        container = PostgresContainer("postgres:16-alpine")
    else:
        from testcontainers.community.rabbitmq import RabbitMqContainer
        container = RabbitMqContainer("rabbitmq:3.13-management")
    from docker.errors import DockerException
    try:
        container.start()
    except DockerException as exc:
        raise missing(f"a Docker engine answers but the {kind} container did not start ({exc})") from exc
    try:
        yield container
    finally:
        container.stop()


class Databases:
    """Fresh PostgreSQL databases, cloned from a migrated template per service (fast)."""

    def __init__(self, admin_url: str, run_id: str):
        self.admin_url = normalize_url(admin_url)
        self.engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        self.run_id = run_id
        self.created: list[str] = []

    def url(self, name: str) -> str:
        return self.engine.url.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str | None = None, template: str | None = None) -> str:
        name = name or f"pc_{self.run_id}_{uuid.uuid4().hex[:8]}"
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        self.created.append(name)
        return name

    def drop_all(self) -> None:
        with self.engine.connect() as connection:
            for name in reversed(self.created):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.engine.dispose()


def bench_amqp_url() -> str:
    """For benchmarks: `AMQP_URL`, else the local RabbitMQ."""
    return os.environ.get("AMQP_URL", LOCAL_RABBITMQ)


def bench_databases(run_id: str) -> Databases:
    """For benchmarks: databases on `TEST_DATABASE_URL`, else on the local PostgreSQL."""
    return Databases(os.environ.get("TEST_DATABASE_URL", LOCAL_POSTGRES), run_id)


def delete_namespace(amqp_url: str, namespace: str) -> None:
    """Remove every queue and exchange a test run or benchmark declared on the shared broker."""
    names = Names(namespace)
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    for service in SUBSCRIPTIONS:
        for queue in (names.queue(service), names.retry_queue(service), names.dead_letter_queue(service)):
            channel.queue_delete(queue)
    for exchange in (names.exchange, names.dead_letter_exchange, *map(names.retry_exchange, SUBSCRIPTIONS)):
        channel.exchange_delete(exchange)
    connection.close()
