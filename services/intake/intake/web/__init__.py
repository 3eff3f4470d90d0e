"""The HTML side of intake: the application form and the withdraw link's page.

CSRF protection is Flask-WTF's CSRFProtect, applied only where these pages post
(`csrf.protect()` in their views); the JSON API has no cookie to abuse and needs none.
"""
from __future__ import annotations

from flask import make_response, render_template
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def page(template: str, status: int = 200, **context):
    """An HTML page that no other site may frame and that no cache keeps."""
    response = make_response(render_template(template, **context), status)
    response.headers.update(HEADERS)
    return response
