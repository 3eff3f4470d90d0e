"""Operator endpoints: liveness, readiness and Prometheus metrics."""
from __future__ import annotations

import logging
import time

from flask import Blueprint, Response, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from peercoach.messaging.connection import broker_reachable
from peercoach.messaging.metrics import OUTBOX_PENDING

REQUESTS = Counter("peercoach_http_requests_total", "HTTP requests", ["method", "endpoint", "status"])
LATENCY = Histogram("peercoach_http_request_seconds", "HTTP request latency", ["endpoint"])

log = logging.getLogger(__name__)
blueprint = Blueprint("ops", __name__)


@blueprint.get("/healthz")
def healthz():
    return {"status": "ok", "service": current_app.config["SERVICE"]}


@blueprint.get("/readyz")
def readyz():
    checks = {"database": _database_ok(), "broker": broker_reachable(current_app.config["AMQP_URL"])}
    ready = all(checks.values())
    body = {"status": "ready" if ready else "not_ready",
            "checks": {name: "ok" if ok else "unreachable" for name, ok in checks.items()}}
    return body, 200 if ready else 503


def _database_ok() -> bool:
    try:
        current_app.extensions["peercoach"].db.ping()
        return True
    except SQLAlchemyError:
        return False


@blueprint.get("/metrics")
def metrics():
    _count_outbox_backlog()
    return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)


def _count_outbox_backlog() -> None:
    """How many of this service's events wait for the broker, read at each scrape."""
    ctx = current_app.extensions["peercoach"]
    outbox = ctx.spec.tables.outbox
    try:
        with ctx.db.transaction() as session:
            OUTBOX_PENDING.set(session.scalar(
                select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))))
    except SQLAlchemyError:
        log.warning("outbox backlog not counted: database unavailable")


def start_timer() -> None:
    g.request_started = time.perf_counter()


def record_request(response):
    endpoint = request.url_rule.rule if request.url_rule else "unmatched"
    REQUESTS.labels(request.method, endpoint, response.status_code).inc()
    if "request_started" in g:
        LATENCY.labels(endpoint).observe(time.perf_counter() - g.request_started)
    return response
