"""`create_app()` for gunicorn: `gunicorn "intake.app:create_app()"`."""
from flask import Flask

from intake.api import blp
from intake.service import SPEC
from peercoach.web.app import build_app


def create_app(config: dict | None = None) -> Flask:
    return build_app(SPEC, config, blueprints=[blp])
