"""`create_app()` for gunicorn: `gunicorn "intake.app:create_app()"`."""
from __future__ import annotations

import hashlib
import hmac

from flask import Flask

from intake.api import applications, withdrawals
from intake.service import SPEC
from intake.web import apply, csrf, withdraw_page
from peercoach.settings import public_url
from peercoach.web.app import build_app


def create_app(config: dict | None = None) -> Flask:
    app = build_app(SPEC, config, blueprints=[applications.blp, withdrawals.blp])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = derived_key(app.config["JWT_SECRET"], "intake-session")
    app.config.update(WTF_CSRF_CHECK_DEFAULT=False, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=public_url("intake").startswith("https://"))
    csrf.init_app(app)
    app.register_blueprint(apply.blueprint)
    app.register_blueprint(withdraw_page.blueprint)
    return app


def derived_key(secret: str, purpose: str) -> str:
    """A key of its own for signing the session cookie, derived from the token secret."""
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).hexdigest()
