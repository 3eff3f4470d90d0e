"""The compose stack brought up for real: built, `up --wait`, driven, then `down -v`."""
from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from peercoach.service import SERVICES
from peercoach.testing.ports import free_port
from tests.compose import engine as engine_mod
from tests.compose.cli import Compose
from tests.helpers import eventually

HOST_PORTS = tuple(name.upper() for name in SERVICES) + ("MAILPIT", "RABBITMQ_MANAGEMENT", "DEV_IDP")
COMPOSE_FILE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def operator_login() -> tuple[str, str]:
    """The broker's operator (the one user the management API lets in; there is no guest), as the
    compose file's header gives it for a local stack."""
    found = re.search(r"\((peercoach-operator) / (\S+)\)", COMPOSE_FILE.read_text())
    assert found, "docker-compose.yml's header no longer names the operator's local login"
    return found.group(1), found.group(2)


@dataclass
class Mailpit:
    """Mailpit's HTTP API, as the stack publishes it on the host."""
    url: str

    def messages_to(self, address: str) -> list[dict]:
        listed = requests.get(f"{self.url}/api/v1/messages", timeout=10).json()["messages"]
        return [m for m in listed if any(to["Address"] == address for to in m["To"])]

    def wait_for(self, address: str, subject_part: str, timeout: float = 60.0) -> dict:
        """The one message to `address` whose subject has `subject_part`, with its text."""
        found = eventually(lambda: [m for m in self.messages_to(address) if subject_part in m["Subject"]],
                           timeout=timeout, interval=0.5)
        assert len(found) == 1, found
        return requests.get(f"{self.url}/api/v1/message/{found[0]['ID']}", timeout=10).json()


@dataclass
class Stack:
    compose: Compose
    urls: dict[str, str]
    mailpit: Mailpit
    rabbitmq_management: str

    def queue_depth(self, queue: str) -> int | None:
        """Messages in a queue as the management UI's API shows them (refreshed every 5 s); None while
        the broker does not answer."""
        try:
            answer = requests.get(f"{self.rabbitmq_management}/api/queues/%2F/{queue}", auth=operator_login(),
                                  timeout=10)
        except requests.RequestException:
            return None
        return answer.json().get("messages") if answer.status_code == 200 else None


@pytest.fixture(scope="module")
def stack(tmp_path_factory, jwt_secret):
    """The stack under a project name of its own, every published port on 127.0.0.1 at a free port, so it
    disturbs nothing else on the machine (its PostgreSQL, RabbitMQ, another run)."""
    workdir = tmp_path_factory.mktemp("compose")
    project = f"peercoach-test-{uuid.uuid4().hex[:6]}"
    ports = {name: free_port() for name in HOST_PORTS}
    env = {**os.environ, "PEERCOACH_JWT_SECRET": jwt_secret, "PEERCOACH_BIND_ADDRESS": "127.0.0.1",
           # One build at a time: the four images share their first layers, built once.
           "COMPOSE_PARALLEL_LIMIT": "1",
           **{f"{name}_HOST_PORT": str(port) for name, port in ports.items()}}
    try:
        with engine_mod.engine(workdir) as engine_env:
            compose = Compose({**env, **engine_env}, project)
            with engine_mod.health_checks(engine_env, project):
                try:
                    up = compose("up", "--build", "--wait", "--wait-timeout", "300", timeout=900)
                    assert up.returncode == 0, _failed_up(compose, up)
                    yield Stack(compose, {name: f"http://127.0.0.1:{ports[name.upper()]}" for name in SERVICES},
                                Mailpit(f"http://127.0.0.1:{ports['MAILPIT']}"),
                                f"http://127.0.0.1:{ports['RABBITMQ_MANAGEMENT']}")
                finally:
                    down = compose("down", "--volumes", "--remove-orphans", "--timeout", "30", timeout=300)
                    if engine_mod.is_podman(engine_env):
                        left = engine_mod.leftovers(project)
                        engine_mod.remove_leftovers(project)
            assert down.returncode == 0, down.stderr
            if engine_mod.is_podman(engine_env):
                assert not any(left.values()), f"down -v left {left}"
    except engine_mod.EngineMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))


def _failed_up(compose: Compose, up) -> str:
    status = compose("ps", "--all").stdout
    logs = compose("logs", "--no-color", "--tail", "40").stdout
    hint = ("\n(No registry? docker/standins/README.md builds stand-ins for the public images.)"
            if "pull" in up.stderr.lower() else "")
    return f"docker compose up failed:\n{up.stderr[-6000:]}{hint}\n{status}\n{logs[-20000:]}"


def pytest_collection_modifyitems(config, items):
    """These tests run only when their marker is asked for (`-m compose`, as `make test-compose` does):
    `make test`, or any other `-m` such as `-m "not outage"`, leaves them out."""
    if re.search(r"(?<!not )\bcompose\b", config.option.markexpr or ""):
        return
    left_out = [item for item in items if item.get_closest_marker("compose")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("compose")]
