"""How notifications is put together: its spec for the worker (tables, handlers, the email sender) and
`create_app()` for gunicorn (`gunicorn "notifications.app:create_app()"`)."""
from flask import Flask

from notifications import sender
from notifications.api import blp
from notifications.handlers import HANDLERS
from notifications.models import tables
from peercoach.service import ServiceSpec
from peercoach.web.app import build_app

SPEC = ServiceSpec("notifications", tables, handlers=HANDLERS, loops=[sender.run])


def create_app(config: dict | None = None) -> Flask:
    return build_app(SPEC, config, blueprints=[blp])
