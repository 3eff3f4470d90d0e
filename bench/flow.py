"""End-to-end latency through the running services, beside the broker's own round trip.

    AMQP_URL=... TEST_DATABASE_URL=... .venv/bin/python bench/flow.py [--rate 2] [--seconds 20]

Starts the four services and their workers as processes (as `make run` does), posts
applications at a sustained rate, approves each review as soon as it appears (a coordinator
who never sleeps), and measures from POST /applications to (a) the pairing email reaching the
teacher's SMTP server and (b) the pairing being visible in timesheets. The broker's round trip
(publish with confirm, then consume from a queue) is measured in the same run.
"""
from __future__ import annotations

import argparse
import secrets
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

import benchpath  # noqa: F401  (first: keeps bench/ off the import path)
import pika
import requests

from peercoach.messaging.topology import Names
from peercoach.service import SERVICES
from peercoach.testing import infrastructure
from peercoach.testing import stack as stack_mod
from peercoach.testing.broker import wait_until_consumed
from peercoach.testing.flooding import RAISED_LIMITS
from peercoach.testing.mail import Mailbox, start_smtp_server
from peercoach.testing.samples import application
from peercoach.web.auth import issue_token


def percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return f"p50 {cuts[49] * 1000:7.1f} ms   p95 {cuts[94] * 1000:7.1f} ms   p99 {cuts[98] * 1000:7.1f} ms"


def broker_round_trips(amqp_url: str, count: int = 300) -> list[float]:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.confirm_delivery()
    queue = channel.queue_declare("", exclusive=True).method.queue
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        channel.basic_publish("", queue, b"ping", pika.BasicProperties(delivery_mode=2))
        while channel.basic_get(queue, auto_ack=True)[0] is None:
            pass
        samples.append(time.perf_counter() - started)
    connection.close()
    return samples


class Coordinator(threading.Thread):
    """Approves every pending review at once; records when each pairing shows in timesheets."""

    def __init__(self, urls: dict, secret: str, coaches: list[str]):
        super().__init__(daemon=True)
        self.urls, self.coaches, self.stop = urls, coaches, threading.Event()
        self.headers = {"Authorization": f"Bearer {issue_token(secret, 'coordinator', 'bench')}"}
        self.pairings: dict[str, str] = {}
        self.visible_at: dict[str, float] = {}

    def run(self) -> None:
        while not self.stop.is_set():
            for review in requests.get(f"{self.urls['matching']}/reviews?status=pending", headers=self.headers,
                                       timeout=30).json():
                coach = self.coaches[len(self.pairings) % len(self.coaches)]
                decided = requests.post(f"{self.urls['matching']}/reviews/{review['id']}/decision", timeout=30,
                                        headers=self.headers, json={"decision": "approve", "coach_id": coach})
                self.pairings[review["application_id"]] = decided.json()["pairing_id"]
            for application_id, pairing_id in self.pairings.items():
                if application_id not in self.visible_at and requests.get(
                        f"{self.urls['timesheets']}/pairings/{pairing_id}/hours", headers=self.headers,
                        timeout=30).status_code == 200:
                    self.visible_at[application_id] = time.monotonic()
            time.sleep(0.02)


def add_coaches(urls: dict, secret: str, count: int) -> list[str]:
    headers = {"Authorization": f"Bearer {issue_token(secret, 'coordinator', 'bench')}"}
    return [requests.post(f"{urls['matching']}/coaches", headers=headers, timeout=30, json={
        "employee_id": f"C{n}", "name": f"Coach {n}", "email": f"coach{n}@example.org", "district": "BUSD",
        "programs": ["voluntary_peer_coaching"], "focus_areas": ["numeracy"], "max_active_pairings": 50,
    }).json()["id"] for n in range(count)]


def pairing_email_latencies(mailbox: Mailbox, posted: dict[str, tuple[float, str]]) -> list[float]:
    with mailbox.lock:
        arrivals = list(zip(mailbox.arrived_at, mailbox.messages))
    latencies = []
    for started, email in posted.values():
        pairing_mail = [at for at, message in arrivals
                        if message["To"] == email and "hours approved" in message["Subject"]]
        if pairing_mail:
            latencies.append(pairing_mail[0] - started)
    return latencies


def run(args, stack, mailbox: Mailbox) -> tuple[list[float], list[float]]:
    coaches = add_coaches(stack.urls, stack.env["PEERCOACH_JWT_SECRET"], args.rate * args.seconds // 40 + 1)
    coordinator = Coordinator(stack.urls, stack.env["PEERCOACH_JWT_SECRET"], coaches)
    coordinator.start()
    posted: dict[str, tuple[float, str]] = {}
    interval = 1 / args.rate
    next_post = time.monotonic()
    for _ in range(args.rate * args.seconds):
        time.sleep(max(0.0, next_post - time.monotonic()))
        body = application()
        started = time.monotonic()
        answer = requests.post(f"{stack.urls['intake']}/applications", json=body, timeout=30).json()
        posted[answer["id"]] = (started, body["teacher"]["email"])
        next_post += interval
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        to_email = pairing_email_latencies(mailbox, posted)
        if len(coordinator.visible_at) == len(posted) and len(to_email) == len(posted):
            break
        time.sleep(0.2)
    coordinator.stop.set()
    to_timesheets = [coordinator.visible_at[a] - posted[a][0] for a in coordinator.visible_at]
    return to_email, to_timesheets


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=int, default=2, help="applications per second")
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args()
    amqp_url = infrastructure.bench_amqp_url()
    databases = infrastructure.bench_databases("flow")
    names = Names(f"bench-{uuid.uuid4().hex[:6]}")
    smtp = start_smtp_server(Mailbox())
    stack = stack_mod.build(databases, amqp_url, names.namespace, secrets.token_urlsafe(32), smtp.port,
                            Path(tempfile.mkdtemp(prefix="flow-")))
    stack.env.update(RAISED_LIMITS)
    try:
        for name in SERVICES:
            stack.start(name)
            stack.start(f"{name}-worker")
        stack.wait_ready()
        for name in SERVICES:
            wait_until_consumed(amqp_url, names.queue(name), timeout=60)
        to_email, to_timesheets = run(args, stack, smtp.mailbox)
        round_trips = broker_round_trips(amqp_url)
    finally:
        stack.stop()
        smtp.stop()
        infrastructure.delete_namespace(amqp_url, names.namespace)
        databases.drop_all()
    total = args.rate * args.seconds
    print(f"{total} applications at {args.rate}/s, each approved as soon as its review appeared")
    print(f"POST -> pairing email at the teacher ({len(to_email)}/{total}):      {percentiles(to_email)}")
    print(f"POST -> pairing visible in timesheets ({len(to_timesheets)}/{total}): {percentiles(to_timesheets)}")
    print(f"broker round trip (confirmed publish + get):      {percentiles(round_trips)}")


if __name__ == "__main__":
    main()
