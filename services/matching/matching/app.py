"""`create_app()` for gunicorn: `gunicorn "matching.app:create_app()"`."""
from flask import Flask
from sqlalchemy.exc import DataError
from werkzeug.exceptions import UnprocessableEntity

from matching.api import BLUEPRINTS
from matching.service import SPEC
from peercoach.web.app import build_app
from peercoach.web.errors import http_error_response


def create_app(config: dict | None = None) -> Flask:
    app = build_app(SPEC, config, blueprints=BLUEPRINTS)
    app.register_error_handler(DataError, unstorable_value)
    return app


def unstorable_value(_error: DataError):
    """A value the database refuses (a NUL in an id in the path, say) is bad input, not our failure."""
    return http_error_response(UnprocessableEntity("A value in the request cannot be stored or looked up."))
