"""How intake is put together: its spec for the worker (tables, handlers) and `create_app()` for gunicorn
(`gunicorn "intake.app:create_app()"`)."""
from __future__ import annotations

from flask import Flask

from intake import config as intake_config
from intake import idempotency
from intake.api import applications, withdrawals
from intake.handlers import HANDLERS
from intake.models import tables
from intake.web import apply, limits, mine
from peercoach.service import ServiceSpec
from peercoach.web import signin
from peercoach.web.app import build_app
from peercoach.web.pages import enable_forms

SPEC = ServiceSpec("intake", tables, handlers=HANDLERS, loops=[idempotency.purge_loop])


def create_app(config: dict | None = None) -> Flask:
    app = build_app(SPEC, config, blueprints=[applications.blp, withdrawals.blp])
    settings = intake_config.load()
    app.config.setdefault("IDEMPOTENCY_KEY_HOURS", settings.idempotency_key_hours)
    enable_forms(app)
    app.register_blueprint(apply.blueprint)
    app.register_blueprint(mine.blueprint)
    signin.install_home(app)
    limits.install(app, settings, [applications.blp, apply.blueprint])
    return app
