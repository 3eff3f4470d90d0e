"""`create_app()` for gunicorn: `gunicorn "matching.app:create_app()"`."""
from __future__ import annotations

import hashlib
import hmac

from flask import Flask

from matching.api import BLUEPRINTS
from matching.pages import csrf
from matching.service import SPEC
from peercoach.settings import public_url
from peercoach.web.app import build_app


def create_app(config: dict | None = None) -> Flask:
    app = build_app(SPEC, config, blueprints=BLUEPRINTS)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = derived_key(app.config["JWT_SECRET"], "matching-session")
    app.config.update(WTF_CSRF_CHECK_DEFAULT=False, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=public_url("matching").startswith("https://"))
    csrf.init_app(app)
    return app


def derived_key(secret: str, purpose: str) -> str:
    """A key of its own for signing the session cookie (which carries the CSRF secret)."""
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).hexdigest()
