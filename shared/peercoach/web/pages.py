"""HTML pages beside a service's JSON API: CSRF-protected forms, strict security headers, and the
principal an emailed link's token names.

CSRF protection is Flask-WTF's CSRFProtect, checked where a page's form posts (`csrf.protect()`
in its view) and on every state-changing API call made with the browser session (the session
and its CSRF secret: peercoach.web.session, installed on every service by build_app).
"""
from __future__ import annotations

import functools

from flask import Flask, current_app, g, make_response, redirect, render_template, request
from flask_wtf.csrf import CSRFError

from peercoach.principal import Principal
from peercoach.refusals import Forbidden, NotFound, Unauthorized
from peercoach.web.auth import decode_link_token, link_purpose
from peercoach.web.session import csrf, current_person, install, signin_url  # noqa: F401  (csrf re-exported)

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


def for_roles(*roles: str):
    """A page for a signed-in person holding one of `roles`; the view receives the principal of that role
    first. Without a session: to sign-in, and back here after. Without the role: a 403 page. A POST must
    carry the form's CSRF token. A not-found or forbidden refusal the view lets through is a page saying
    so with its status (never the JSON error)."""
    def decorator(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            person = current_person()
            if person is None:
                return redirect(signin_url(request.url if request.method == "GET" else request.referrer))
            principal = person.acting_as(roles)
            if principal is None:
                return problem(403, "Not for your role", f"This page is for the {' or '.join(roles)} role.")
            g.principal = principal
            try:
                if request.method == "POST":
                    csrf.protect()
                return view(principal, *args, **kwargs)
            except CSRFError:
                return problem(400, "The form expired", "Go back, reload the page and send the form again.")
            except (NotFound, Forbidden) as refusal:
                return problem(refusal.status, "Not found" if refusal.status == 404 else "Not allowed",
                               refusal.message)
        return guarded
    return decorator


def page_number() -> int:
    """The `page` of the query string (1 when missing or not a positive number of at most six digits)."""
    number = request.args.get("page", "")
    return max(int(number), 1) if number.isdigit() and len(number) < 7 else 1


def problem(status: int, title: str, message: str):
    """A page that says why the request cannot be served, with the HTTP status to match."""
    return page("peercoach/problem.html", status, title=title, message=message)
