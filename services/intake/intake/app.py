"""How intake is put together: its spec for the worker (tables, handlers) and `create_app()` for gunicorn
(`gunicorn "intake.app:create_app()"`)."""
from __future__ import annotations

from flask import Flask

from intake.api import applications, withdrawals
from intake.handlers import HANDLERS
from intake.models import tables
from intake.web import apply, withdraw_page
from peercoach.service import ServiceSpec
from peercoach.web.app import build_app
from peercoach.web.pages import enable_forms

SPEC = ServiceSpec("intake", tables, handlers=HANDLERS)


def create_app(config: dict | None = None) -> Flask:
    app = build_app(SPEC, config, blueprints=[applications.blp, withdrawals.blp])
    enable_forms(app)
    app.register_blueprint(apply.blueprint)
    app.register_blueprint(withdraw_page.blueprint)
    return app
