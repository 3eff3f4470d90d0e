"""Limits on the public form (POST /applications and POST /apply), counted in Redis by Flask-Limiter.

Two limits, shared by both ways in: per client address (every post counts), and per email address
(only posts that create an application count: each sends an email to that address). The limits
are settings (`RATE_LIMIT_PER_ADDRESS`, `RATE_LIMIT_PER_EMAIL`, read at each request), counted at
`RATE_LIMIT_STORAGE_URL` under the namespace; while Redis is unreachable each process counts in
memory. Over a limit: 429 with `Retry-After`, as the API's JSON error or, for the form, a page.
The client address is the connection's, or the trusted proxy's header (`peercoach.web.proxies`).
"""
from __future__ import annotations

import hashlib

from flask import Flask, current_app, request
from flask_limiter import Limiter

from intake.config import Config


def client_address() -> str:
    return request.remote_addr or "unknown"


def email_address() -> str:
    """The applicant's email (JSON `teacher.email` or the form's `email`), hashed: Redis keeps no address."""
    if request.is_json:
        body = request.get_json(silent=True)
        teacher = body.get("teacher") if isinstance(body, dict) else None
        email = teacher.get("email") if isinstance(teacher, dict) else None
    else:
        email = request.form.get("email")
    email = email.strip().lower() if isinstance(email, str) else ""
    return hashlib.sha256(email.encode()).hexdigest()[:32] if email else "none"


def per_address() -> str:
    return current_app.config["RATE_LIMIT_PER_ADDRESS"]


def per_email() -> str:
    return current_app.config["RATE_LIMIT_PER_EMAIL"]


def created(response) -> bool:
    return response.status_code == 201


def install(app: Flask, config: Config, blueprints) -> Limiter:
    """Limit the POSTs of `blueprints` (the JSON API's and the form's), sharing one count between them."""
    app.config.setdefault("RATE_LIMIT_PER_ADDRESS", config.rate_limit_per_address)
    app.config.setdefault("RATE_LIMIT_PER_EMAIL", config.rate_limit_per_email)
    app.config.setdefault("RATE_LIMIT_STORAGE_URL", config.rate_limit_storage_url)
    limiter = Limiter(client_address, app=app, storage_uri=app.config["RATE_LIMIT_STORAGE_URL"],
                      key_prefix=f"{app.config['NAMESPACE']}:intake", headers_enabled=True,
                      in_memory_fallback_enabled=True, swallow_errors=True)
    address = limiter.shared_limit(per_address, scope="public-form-address", key_func=client_address,
                                   methods=["POST"])
    email = limiter.shared_limit(per_email, scope="public-form-email", key_func=email_address,
                                 methods=["POST"], deduct_when=created)
    for blueprint in blueprints:
        address(blueprint)
        email(blueprint)
    return limiter
