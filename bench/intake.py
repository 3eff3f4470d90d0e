"""Sustained POST /applications through gunicorn, beside a hello-world Flask app under the same settings.

    AMQP_URL=... TEST_DATABASE_URL=... .venv/bin/python bench/intake.py [--seconds 10] [--clients 8]

Both apps run under gunicorn with the same workers and threads; the intake app against a fresh,
migrated PostgreSQL database (dropped afterwards), the hello-world app answering the same POST
with a fixed JSON body after parsing it. Client threads (one requests.Session each) post unique
applications for a bounded time; prints requests/s for both and their ratio.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import benchpath  # noqa: F401  (first: keeps bench/ off the import path)
import requests

from peercoach.testing import infrastructure
from peercoach.testing.flooding import RAISED_LIMITS
from peercoach.testing.samples import application

BIN = Path(sys.executable).parent
HELLO = '''
from flask import Flask, request

app = Flask("hello")


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.post("/applications")
def applications():
    request.get_json()
    return {"id": "hello", "status": "submitted"}, 201
'''


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(app: str, port: int, args, env: dict, workdir: Path) -> subprocess.Popen:
    log = open(workdir / f"gunicorn-{port}.log", "ab")
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--no-control-socket", "--workers", str(args.workers), "--threads", str(args.threads),
         "--bind", f"127.0.0.1:{port}", "--chdir", str(workdir), app],
        env=env, stdout=log, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return process
        except requests.RequestException:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"{app} did not start; see {log.name}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def drive(url: str, seconds: float, clients: int) -> tuple[float, int, int]:
    """(requests/s, created, failed) of `clients` threads posting unique applications for `seconds`."""
    counts = {"ok": 0, "failed": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        ok = failed = 0
        with requests.Session() as session:
            while time.monotonic() < deadline:
                body = json.dumps(application())
                response = session.post(f"{url}/applications", data=body,
                                        headers={"Content-Type": "application/json"})
                ok, failed = (ok + 1, failed) if response.status_code == 201 else (ok, failed + 1)
        with lock:
            counts["ok"] += ok
            counts["failed"] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return (counts["ok"] + counts["failed"]) / elapsed, counts["ok"], counts["failed"]


def measure(name: str, app: str, env: dict, args, workdir: Path) -> float:
    port = free_port()
    process = start_gunicorn(app, port, args, env, workdir)
    try:
        drive(f"http://127.0.0.1:{port}", 1.0, args.clients)
        rate, ok, failed = drive(f"http://127.0.0.1:{port}", args.seconds, args.clients)
    finally:
        stop(process)
    print(f"{name:<44} {rate:8.0f} requests/s ({ok} created, {failed} failed, {args.seconds:.0f} s)")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    databases = infrastructure.bench_databases(f"bench{uuid.uuid4().hex[:6]}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        (workdir / "hello_app.py").write_text(HELLO)
        try:
            env = {**os.environ, "INTAKE_DATABASE_URL": databases.url(databases.create()),
                   "AMQP_URL": infrastructure.bench_amqp_url(),
                   "PEERCOACH_NAMESPACE": f"bench-{uuid.uuid4().hex[:6]}",
                   "PEERCOACH_JWT_SECRET": secrets.token_urlsafe(32), "PEERCOACH_DATA_DIR": tmp,
                   **RAISED_LIMITS}
            subprocess.run([str(BIN / "peercoach"), "migrate", "intake"], env=env, check=True, capture_output=True)
            print(f"gunicorn --workers {args.workers} --threads {args.threads}; {args.clients} client threads")
            intake = measure("intake POST /applications (PostgreSQL)", "intake.app:create_app()", env, args, workdir)
            hello = measure("hello-world Flask POST /applications", "hello_app:app", env, args, workdir)
        finally:
            databases.drop_all()
    print(f"{'ratio intake / hello-world':<44} {intake / hello:8.2f}")


if __name__ == "__main__":
    main()
