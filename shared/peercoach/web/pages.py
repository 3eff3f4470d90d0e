"""HTML pages beside a service's JSON API: CSRF-protected forms, strict security headers, and the
principal an emailed link's token names.

CSRF protection is Flask-WTF's CSRFProtect, checked where a page's form posts (`csrf.protect()`
in its view) and on every state-changing API call made with the browser session (the session
and its CSRF secret: peercoach.web.session, installed on every service by build_app).
"""
from __future__ import annotations

from flask import Flask, current_app, make_response, render_template

from peercoach.principal import Principal
from peercoach.refusals import Unauthorized
from peercoach.web.auth import decode_link_token, link_purpose
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


def link_principal(token: str, action: str, resource_id: str, roles: tuple[str, ...], bad_link: str) -> Principal:
    """Who an emailed link's token names, if it was issued for `action` on `resource_id` to one of
    `roles`; refused with `bad_link` (401, `invalid_link`) otherwise."""
    principal = decode_link_token(current_app.config["JWT_SECRET"], token, link_purpose(action, resource_id))
    if principal is None or principal.role not in roles:
        raise Unauthorized(bad_link, code="invalid_link")
    return principal
