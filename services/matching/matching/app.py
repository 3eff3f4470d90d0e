"""`create_app()` for gunicorn: `gunicorn "matching.app:create_app()"`."""
from __future__ import annotations

from flask import Flask

from matching.api import BLUEPRINTS
from matching.people import link_coach
from matching.service import SPEC
from peercoach.web.app import build_app
from peercoach.web import signin
from peercoach.web.pages import enable_forms


def create_app(config: dict | None = None) -> Flask:
    app = build_app(SPEC, config, blueprints=BLUEPRINTS)
    enable_forms(app)
    signin.install(app, link=link_coach)
    return app
