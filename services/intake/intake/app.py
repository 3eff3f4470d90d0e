"""`create_app()` for gunicorn: `gunicorn "intake.app:create_app()"`."""
from __future__ import annotations

from flask import Flask

from intake.api import applications, withdrawals
from intake.service import SPEC
from intake.web import apply
from peercoach.web.app import build_app
from peercoach.web.pages import enable_forms


def create_app(config: dict | None = None) -> Flask:
    app = build_app(SPEC, config, blueprints=[applications.blp, withdrawals.blp])
    enable_forms(app)
    app.register_blueprint(apply.blueprint)
    return app
