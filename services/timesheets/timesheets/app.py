"""How timesheets is put together: its spec for the worker (tables, handlers) and `create_app()` for gunicorn
(`gunicorn "timesheets.app:create_app()"`)."""
from flask import Flask

from peercoach.service import ServiceSpec
from peercoach.web.app import build_app
from timesheets.api import BLUEPRINTS
from timesheets.handlers import HANDLERS
from timesheets.models import tables
from timesheets.web import coach_log, coach_month

SPEC = ServiceSpec("timesheets", tables, handlers=HANDLERS)


def create_app(config: dict | None = None) -> Flask:
    app = build_app(SPEC, config, blueprints=BLUEPRINTS)
    app.register_blueprint(coach_log.blueprint)
    app.register_blueprint(coach_month.blueprint)
    return app
