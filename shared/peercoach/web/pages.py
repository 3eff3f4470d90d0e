"""HTML pages beside a service's JSON API: CSRF-protected forms and strict security headers.

CSRF protection is Flask-WTF's CSRFProtect, checked only where a page's form posts
(`csrf.protect()` in its view); the JSON API has no cookie to abuse and needs none.
"""
from __future__ import annotations

import hashlib
import hmac

from flask import Flask, make_response, render_template
from flask_wtf.csrf import CSRFProtect

from peercoach.settings import public_url

csrf = CSRFProtect()

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def enable_forms(app: Flask) -> None:
    """Session cookie (which carries the CSRF secret) signed with a key of its own, then CSRFProtect."""
    service = app.config["SERVICE"]
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = derived_key(app.config["JWT_SECRET"], f"{service}-session")
    app.config.update(WTF_CSRF_CHECK_DEFAULT=False, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=public_url(service).startswith("https://"))
    csrf.init_app(app)


def derived_key(secret: str, purpose: str) -> str:
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).hexdigest()


def page(template: str, status: int = 200, **context):
    """An HTML page that no other site may frame and that no cache keeps."""
    response = make_response(render_template(template, **context), status)
    response.headers.update(HEADERS)
    return response
