"""A service's background process: outbox relay, event consumer and any loops of its own."""
from __future__ import annotations

import logging
import signal
import threading

from prometheus_client import start_http_server

from peercoach import logs
from peercoach import settings as settings_mod
from peercoach.db import Database
from peercoach.messaging.consumer import Consumer
from peercoach.messaging.relay import Relay
from peercoach.messaging.topology import Names
from peercoach.service import ServiceSpec

log = logging.getLogger(__name__)


def supervised(target):
    """Run `target(stop)` again after any unexpected error, so one bad moment never kills the worker."""
    def run(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                target(stop)
            except Exception:
                log.exception("worker loop crashed; restarting in 5s")
                stop.wait(5)
    return run


def threads(spec: ServiceSpec, settings, db: Database, stop: threading.Event) -> list[threading.Thread]:
    names = Names(settings.namespace)
    relay = Relay(spec.name, db, spec.tables, settings.amqp_url, names)
    targets = [relay.run]
    if spec.handlers:
        consumer = Consumer(spec.name, db, spec.tables, spec.handlers, settings.amqp_url, names,
                            broker_users=settings.broker_users)
        targets.append(consumer.run)
    targets += [lambda stop, loop=loop: loop(settings, db, stop) for loop in spec.loops]
    return [threading.Thread(target=supervised(t), args=(stop,), name=f"{spec.name}-{i}", daemon=True)
            for i, t in enumerate(targets)]


def serve_metrics(settings):
    """The worker's own /metrics (events relayed and consumed), beside the web process's, on
    `<SERVICE>_WORKER_METRICS_ADDRESS` (loopback unless told otherwise)."""
    try:
        server, _thread = start_http_server(settings.worker_metrics_port, addr=settings.worker_metrics_address)
        return server
    except OSError as exc:
        log.warning("worker metrics not served on %s:%d: %s", settings.worker_metrics_address,
                    settings.worker_metrics_port, exc)
        return None


def warn_if_shared_broker_user(settings) -> None:
    users = settings.broker_users
    mine = users[settings.service]
    sharing = sorted(name for name, user in users.items() if name != settings.service and user == mine)
    if sharing:
        log.warning("%s shares its broker user %r with %s: its consumer cannot tell their events apart; give each "
                    "service its own (<SERVICE>_AMQP_URL)", settings.service, mine, ", ".join(sharing))


def stop_on_signals() -> threading.Event:
    """An event set by SIGINT or SIGTERM (which, as PID 1 of a container, would otherwise do nothing)."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def run(spec: ServiceSpec) -> None:
    """Run until SIGINT or SIGTERM; in-flight work finishes, unacked events are redelivered."""
    settings = settings_mod.load(spec.name)
    logs.configure(spec.name)
    if settings.jwt_secret is not None:  # a worker that signs links (notifications) requires it
        settings_mod.check_jwt_secret(settings.jwt_secret)
    warn_if_shared_broker_user(settings)
    db = Database(settings.database_url)
    stop = stop_on_signals()
    serve_metrics(settings)
    workers = threads(spec, settings, db, stop)
    for thread in workers:
        thread.start()
    log.info("%s worker started with %d threads", spec.name, len(workers))
    stop.wait()
    for thread in workers:
        thread.join(timeout=10)
    db.dispose()
