"""The four services as real processes, as `make run` starts them: gunicorn and a worker each."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from peercoach import migrations, service
from peercoach.service import SERVICES
from peercoach.testing.ports import free_port

BIN = Path(sys.executable).parent


@dataclass
class Stack:
    env: dict
    urls: dict[str, str]
    log_dir: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def start(self, name: str) -> None:
        """Start (or restart) one process: a service name for gunicorn, `name-worker` for its worker."""
        service_name = name.removesuffix("-worker")
        if name.endswith("-worker"):
            command = [str(BIN / "peercoach"), "worker", service_name]
        else:
            command = [str(BIN / "gunicorn"), "--no-control-socket", "--workers", "2",
                       "--bind", f"127.0.0.1:{self.env[f'{service_name.upper()}_PORT']}",
                       f"{service_name}.app:create_app()"]
        log = open(self.log_dir / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(command, env=self.env, stdout=log, stderr=log,
                                                start_new_session=True)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, sig)
        process.wait(timeout=30)

    def stop(self) -> None:
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        for name, url in self.urls.items():
            while True:
                try:
                    if requests.get(f"{url}/readyz", timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError(f"{name} not ready in {timeout}s; see {self.log_dir}/{name}.log")
                time.sleep(0.2)


def build(databases, amqp_url: str, namespace: str, jwt_secret: str, smtp_port: int, log_dir: Path) -> Stack:
    """Fresh migrated databases and free ports for every service; nothing started yet."""
    env = {**os.environ, "AMQP_URL": amqp_url, "PEERCOACH_NAMESPACE": namespace,
           "PEERCOACH_JWT_SECRET": jwt_secret, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port),
           "PEERCOACH_DATA_DIR": str(log_dir)}
    urls = {}
    for name in SERVICES:
        url = databases.url(databases.create())
        migrations.upgrade(service.load(name), url)
        port = free_port()
        env[f"{name.upper()}_DATABASE_URL"] = url
        env[f"{name.upper()}_PORT"] = str(port)
        env[f"{name.upper()}_WORKER_METRICS_PORT"] = str(free_port())
        urls[name] = f"http://127.0.0.1:{port}"
    env.update({f"{name.upper()}_PUBLIC_URL": url for name, url in urls.items()})
    return Stack(env, urls, log_dir)
