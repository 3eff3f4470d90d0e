"""`create_app()` for gunicorn: `gunicorn "matching.app:create_app()"`."""
from flask import Flask

from matching.api import BLUEPRINTS
from matching.service import SPEC
from peercoach.web.app import build_app


def create_app(config: dict | None = None) -> Flask:
    return build_app(SPEC, config, blueprints=BLUEPRINTS)
