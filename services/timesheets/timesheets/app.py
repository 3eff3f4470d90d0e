"""How timesheets is put together: its spec for the worker (tables, handlers) and `create_app()` for gunicorn
(`gunicorn "timesheets.app:create_app()"`)."""
from flask import Flask

from peercoach.service import ServiceSpec
from peercoach.web.app import build_app
from timesheets.api import BLUEPRINTS
from timesheets.handlers import HANDLERS
from timesheets.models import tables
from timesheets.web import (
    coach_log,
    coach_month,
    hours_pages,
    payroll_pages,
    rate_pages,
    review_pages,
    statement_pages,
    teacher_pages,
)

SPEC = ServiceSpec("timesheets", tables, handlers=HANDLERS)


def create_app(config: dict | None = None) -> Flask:
    app = build_app(SPEC, config, blueprints=BLUEPRINTS)
    for blueprint in (coach_log.blueprint, coach_month.blueprint, review_pages.blueprint, rate_pages.blueprint,
                      payroll_pages.blueprint, statement_pages.blueprint, hours_pages.blueprint,
                      teacher_pages.blueprint):
        app.register_blueprint(blueprint)
    return app
