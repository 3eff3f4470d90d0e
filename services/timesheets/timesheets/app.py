"""`create_app()` for gunicorn: `gunicorn "timesheets.app:create_app()"`."""
from flask import Flask

from peercoach.web.app import build_app
from timesheets.api import BLUEPRINTS
from timesheets.service import SPEC


def create_app(config: dict | None = None) -> Flask:
    return build_app(SPEC, config, blueprints=BLUEPRINTS)
