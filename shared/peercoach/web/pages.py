"""HTML pages beside a service's JSON API: CSRF-protected forms, strict security headers, and the
principal an emailed link's token names.

CSRF protection is Flask-WTF's CSRFProtect, checked only where a page's form posts
(`csrf.protect()` in its view); the JSON API has no cookie to abuse and needs none.
"""
from __future__ import annotations

import hashlib
import hmac

from flask import Flask, current_app, make_response, render_template
from flask_wtf.csrf import CSRFProtect

from peercoach.principal import Principal
from peercoach.refusals import Unauthorized
from peercoach.settings import public_url
from peercoach.web.auth import decode_link_token, link_purpose

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


def link_principal(token: str, action: str, resource_id: str, roles: tuple[str, ...], bad_link: str) -> Principal:
    """Who an emailed link's token names, if it was issued for `action` on `resource_id` to one of
    `roles`; refused with `bad_link` (401, `invalid_link`) otherwise."""
    principal = decode_link_token(current_app.config["JWT_SECRET"], token, link_purpose(action, resource_id))
    if principal is None or principal.role not in roles:
        raise Unauthorized(bad_link, code="invalid_link")
    return principal
