"""A worker that loses the broker finds it again at once, and says so in one line per outage.

The broker is cut off by a TCP forwarder between the worker and RabbitMQ (the shared broker
itself keeps running): new connections are refused and open ones dropped, as in an outage.
"""
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from intake.models import outbox
from peercoach.db import Database
from peercoach.messaging.connection import backoff_delays
from peercoach.messaging.topology import Names
from peercoach.testing.broker import wait_until_consumed
from peercoach.testing.ports import free_port
from peercoach.testing.tcp_proxy import TcpProxy
from tests.helpers import eventually, submitted_payload


def test_retries_start_at_once_and_wait_at_most_half_a_second():
    delays = backoff_delays()
    first = [next(delays) for _ in range(50)]
    assert first[0] <= 0.05
    assert max(first) <= 0.5


def through(amqp_url: str, port: int) -> str:
    parts = urlsplit(amqp_url)
    credentials = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    return urlunsplit(parts._replace(netloc=f"{credentials}127.0.0.1:{port}"))


@pytest.fixture
def cut_off_broker(amqp_url):
    parts = urlsplit(amqp_url)
    proxy = TcpProxy(parts.hostname, parts.port or 5672, free_port())
    yield proxy
    proxy.stop()


def log_lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.startswith("{")]


def test_a_lost_broker_is_one_warning_per_connection_and_nothing_is_lost(
        tmp_path, amqp_url, namespace, database_url, jwt_secret, probe, cut_off_broker):
    url = database_url("intake")
    db = Database(url)
    stderr = tmp_path / "worker.log"
    env = {**os.environ, "AMQP_URL": through(amqp_url, cut_off_broker.port), "PEERCOACH_NAMESPACE": namespace,
           "INTAKE_DATABASE_URL": url, "PEERCOACH_JWT_SECRET": jwt_secret,
           "INTAKE_WORKER_METRICS_PORT": str(free_port())}
    with stderr.open("w") as log_file:
        process = subprocess.Popen([str(Path(sys.executable).parent / "peercoach"), "worker", "intake"], env=env,
                                   stderr=log_file, stdout=subprocess.DEVNULL)
    try:
        eventually(lambda: any("broker unreachable" in e["message"] for e in log_lines(stderr)))
        cut_off_broker.start()  # the broker appears
        wait_until_consumed(amqp_url, Names(namespace).queue("intake"))
        with db.transaction() as session:
            first = outbox.record(session, "application.submitted", submitted_payload())
        assert [e.id for e in probe.wait_for("application.submitted")] == [first.id]

        cut_off_broker.stop()  # the broker goes away with both of the worker's connections
        eventually(lambda: sum("lost the broker" in e["message"] for e in log_lines(stderr)) == 2)
        with db.transaction() as session:
            second = outbox.record(session, "application.submitted", submitted_payload())
        probe.collect(2.0)  # the worker keeps knocking meanwhile
        cut_off_broker.start()  # and the broker is back
        assert [e.id for e in probe.wait_for("application.submitted", count=2)] == [first.id, second.id]
        # the consumer's connection finds the broker again on its own, perhaps after the relay's
        eventually(lambda: sum("reachable again" in e["message"] for e in log_lines(stderr)) == 4)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        db.dispose()

    lines = log_lines(stderr)
    warnings = [e["message"] for e in lines if e["level"] == "warning"
                and "shares its broker user" not in e["message"]]  # the start-up note of running as guest
    assert sorted(m.split(":")[0] for m in warnings) == sorted([
        f"{Names(namespace).queue('intake')}-consumer", f"{Names(namespace).queue('intake')}-relay",
        "consumer lost the broker", "relay lost the broker"])
    assert not [e for e in lines if e["level"] in ("error", "critical")]
    assert "Traceback" not in stderr.read_text()
    assert sum("reachable again" in e["message"] for e in lines) == 4
