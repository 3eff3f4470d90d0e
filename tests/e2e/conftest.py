import pytest

from peercoach.messaging.topology import Names
from peercoach.service import SERVICES
from peercoach.testing import stack as stack_mod
from peercoach.testing.broker import wait_until_consumed
from peercoach.testing.flooding import RAISED_LIMITS


@pytest.fixture
def stack(databases, amqp_url, namespace, jwt_secret, smtp_server, tmp_path, broker_users):
    """All four services and their workers running as real processes on a test namespace, each
    logged in to the broker as its own user (as `make run` and compose run them)."""
    running = stack_mod.build(databases, amqp_url, namespace, jwt_secret, smtp_server.port, tmp_path)
    running.env.update(RAISED_LIMITS)  # the fault tests post dozens of applications a minute from one address
    running.env.update(broker_users.env())
    for name in SERVICES:
        running.start(name)
        running.start(f"{name}-worker")
    try:
        running.wait_ready()
        for name in SERVICES:
            wait_until_consumed(amqp_url, Names(namespace).queue(name), timeout=60)
        yield running
    finally:
        running.stop()
