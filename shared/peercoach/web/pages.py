"""HTML pages beside a service's JSON API: CSRF-protected forms and strict security headers.

CSRF protection is Flask-WTF's CSRFProtect, checked only where a page's form posts
(`csrf.protect()` in its view); the JSON API has no cookie to abuse and needs none.
"""
from __future__ import annotations

from flask import Flask, make_response, render_template
from flask_wtf.csrf import CSRFProtect

from peercoach.settings import public_url
from peercoach.web.auth import SESSION, key_for

csrf = CSRFProtect()

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def enable_forms(app: Flask) -> None:
    """Session cookie (which carries the CSRF secret) signed with the service's session key, then CSRFProtect."""
    service = app.config["SERVICE"]
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = key_for(app.config["JWT_SECRET"], SESSION, service)
    app.config.update(WTF_CSRF_CHECK_DEFAULT=False, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=public_url(service).startswith("https://"))
    csrf.init_app(app)


def page(template: str, status: int = 200, **context):
    """An HTML page that no other site may frame and that no cache keeps."""
    response = make_response(render_template(template, **context), status)
    response.headers.update(HEADERS)
    return response
