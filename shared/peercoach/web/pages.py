"""HTML pages beside a service's JSON API: CSRF-protected forms and strict security headers.

CSRF protection is Flask-WTF's CSRFProtect, checked where a page's form posts (`csrf.protect()`
in its view) and on every state-changing API call made with the browser session (the session
and its CSRF secret: peercoach.web.session, installed on every service by build_app).
"""
from __future__ import annotations

from flask import Flask, make_response, render_template

from peercoach.web.session import csrf, install  # noqa: F401  (csrf re-exported)

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def enable_forms(app: Flask) -> None:
    """The shared session cookie (which carries the CSRF secret) and CSRFProtect; build_app already
    installs them on every service, so this only makes sure."""
    install(app)


def page(template: str, status: int = 200, **context):
    """An HTML page that no other site may frame and that no cache keeps."""
    response = make_response(render_template(template, **context), status)
    response.headers.update(HEADERS)
    return response
