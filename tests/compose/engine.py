"""The container engine the compose test drives: a Docker engine where one answers, else podman.

Podman serves the Docker API through `podman system service`, on a socket of the test's own. Podman 4.3
runs health checks from systemd timers; where there is no systemd (our CI machine) nothing would run
them and `docker compose up --wait` would never end, so `HealthChecks` runs them as an engine would.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator

from peercoach.testing.infrastructure import docker_engine_answers

PROJECT_LABEL = "com.docker.compose.project"


class EngineMissing(RuntimeError):
    pass


@contextmanager
def engine(workdir: Path) -> Iterator[dict]:
    """What the compose CLI's environment needs to reach the engine: nothing for a Docker engine; for
    podman, DOCKER_HOST and the classic builder (podman has no buildx)."""
    if docker_engine_answers():
        yield {}
    elif shutil.which("podman"):
        with podman_service(workdir) as docker_host:
            yield {"DOCKER_HOST": docker_host, "COMPOSE_BAKE": "false", "DOCKER_BUILDKIT": "0"}
    else:
        raise EngineMissing("no container engine: no Docker engine answers (docker info) and podman is missing "
                            "(apt-get install podman runc)")


def is_podman(env: dict) -> bool:
    return "DOCKER_HOST" in env


@contextmanager
def podman_service(workdir: Path) -> Iterator[str]:
    """`podman system service` on its own socket until the block ends. It also ends by itself after 5
    idle minutes, should this process die without stopping it."""
    try:
        Path("/run/podman").mkdir(exist_ok=True)  # podman 4.3 expects it before it serves
    except PermissionError:
        pass  # rootless: podman uses its own run directory
    path = workdir / "podman.sock"
    with open(workdir / "podman-service.log", "wb") as log:
        service = subprocess.Popen(["podman", "system", "service", "--time=300", f"unix://{path}"],
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for_socket(path, service)
        yield f"unix://{path}"
    finally:
        os.killpg(service.pid, signal.SIGTERM)
        try:
            service.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(service.pid, signal.SIGKILL)
            service.wait()


def _wait_for_socket(path: Path, service: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.poll() is not None:
            raise EngineMissing(f"podman system service exited ({service.returncode}); see {path.parent}")
        try:
            with socket.socket(socket.AF_UNIX) as client:
                client.connect(str(path))
                client.sendall(b"GET /_ping HTTP/1.0\r\n\r\n")
                if client.recv(64).startswith(b"HTTP/1."):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise EngineMissing(f"podman system service did not answer on {path} within {timeout}s")


def health_checks(env: dict, project: str):
    """Run the project's health checks where the engine does not (podman without systemd)."""
    return HealthChecks(project) if is_podman(env) else nullcontext()


class HealthChecks:
    """`podman healthcheck run` on each running container of the project that has a check: every second
    while it is starting (failures inside its start_period do not count), then at its interval."""

    STARTING_EVERY = 1.0

    def __init__(self, project: str):
        self.project = project
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="podman-health-checks", daemon=True)
        self.last_run: dict[str, float] = {}
        self.running: dict[str, subprocess.Popen] = {}

    def __enter__(self) -> HealthChecks:
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop.set()
        self.thread.join(timeout=30)
        for check in self.running.values():
            check.wait()

    def _run(self) -> None:
        while not self.stop.wait(self.STARTING_EVERY):
            self.running = {cid: check for cid, check in self.running.items() if check.poll() is None}
            for container in self._containers():
                if self._due(container):
                    self._start(container["Id"])

    def _containers(self) -> list[dict]:
        ids = subprocess.run(["podman", "ps", "--quiet", "--no-trunc",
                              "--filter", f"label={PROJECT_LABEL}={self.project}"],
                             capture_output=True, text=True).stdout.split()
        if not ids:
            return []
        inspected = subprocess.run(["podman", "inspect", *ids], capture_output=True, text=True)
        try:
            return [c for c in json.loads(inspected.stdout or "[]") if c["Config"].get("Healthcheck")]
        except json.JSONDecodeError:
            return []  # a container went away between the two calls: look again next time

    def _due(self, container: dict) -> bool:
        cid = container["Id"]
        if cid in self.running:
            return False
        health = container["State"].get("Health") or {}
        every = self.STARTING_EVERY if health.get("Status") in (None, "", "starting") \
            else container["Config"]["Healthcheck"].get("Interval", 30e9) / 1e9
        return time.monotonic() - self.last_run.get(cid, 0.0) >= every

    def _start(self, cid: str) -> None:
        self.last_run[cid] = time.monotonic()
        self.running[cid] = subprocess.Popen(["podman", "healthcheck", "run", cid],
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def leftovers(project: str) -> dict[str, list[str]]:
    """What podman still holds of the project: should be nothing after `down -v`."""
    def listed(*command: str) -> list[str]:
        return subprocess.run(["podman", *command], capture_output=True, text=True).stdout.split()
    label = f"label={PROJECT_LABEL}={project}"
    return {"containers": listed("ps", "--all", "--quiet", "--filter", label),
            "volumes": listed("volume", "ls", "--quiet", "--filter", label),
            "networks": [n for n in listed("network", "ls", "--format", "{{.Name}}") if n.startswith(f"{project}_")],
            "pods": listed("pod", "ps", "--quiet", "--filter", f"name={project}")}


def remove_leftovers(project: str) -> None:
    found = leftovers(project)
    if found["containers"]:
        subprocess.run(["podman", "rm", "--force", "--volumes", *found["containers"]], capture_output=True)
    if found["pods"]:
        subprocess.run(["podman", "pod", "rm", "--force", *found["pods"]], capture_output=True)
    if found["volumes"]:
        subprocess.run(["podman", "volume", "rm", "--force", *found["volumes"]], capture_output=True)
    if found["networks"]:
        subprocess.run(["podman", "network", "rm", "--force", *found["networks"]], capture_output=True)
