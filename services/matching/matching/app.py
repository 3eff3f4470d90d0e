"""How matching is put together: its spec for the worker (tables, handlers) and `create_app()` for gunicorn
(`gunicorn "matching.app:create_app()"`)."""
from __future__ import annotations

from flask import Flask

from matching import audit, disclosure_models, plan_models  # noqa: F401  (the models register their tables)
from matching.api import BLUEPRINTS
from matching.handlers import HANDLERS
from matching.models import tables
from matching.people import link_coach
from matching.web import blueprint as coordinator_pages
from matching.web import cases as case_pages
from matching.web import credentials as credentials_pages
from matching.web import grants as grant_pages
from peercoach.service import ServiceSpec
from peercoach.web import signin
from peercoach.web.app import build_app
from peercoach.web.pages import enable_forms

SPEC = ServiceSpec("matching", tables, handlers=HANDLERS)


def create_app(config: dict | None = None) -> Flask:
    app = build_app(SPEC, config, blueprints=BLUEPRINTS)
    enable_forms(app)
    signin.install(app, link=link_coach)
    for pages in (coordinator_pages, case_pages.blueprint, grant_pages.blueprint, credentials_pages.blueprint):
        app.register_blueprint(pages)
    return app
