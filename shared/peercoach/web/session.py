"""One browser session for all four services: the same cookie, read the same way everywhere.

The cookie (`peercoach_session`) is Flask's signed session cookie, signed with a key derived
from the master secret for this purpose alone, so every service reads and writes the same one
(cookies ignore ports: under `make run` the four share it; a deployment puts them under one
domain, `PEERCOACH_COOKIE_DOMAIN` where they are on sibling hosts). It carries the CSRF secret
of the forms and, once someone signs in, who they are and what the provider's claims said at
sign-in (peercoach.web.people.Person); grants made by an admin are never copied into it.

HttpOnly, SameSite=Lax, Secure when the service's public URL is https; renewed (cleared and
written anew) at sign-in; refused after `SESSION_IDLE_MINUTES` without a request (60) and
`SESSION_MAX_HOURS` after sign-in (12), or once it has been signed out anywhere (its id is
kept as ended by every service: peercoach.web.session_tables). A state-changing request that
uses the session must carry its CSRF token (a form field `csrf_token` or an `X-CSRFToken`
header); without it the session is not used for that request.
"""
from __future__ import annotations

import logging
import os
import secrets
import time
from dataclasses import replace
from datetime import datetime, timezone
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Flask, current_app, g, jsonify, request, session
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from sqlalchemy.exc import SQLAlchemyError

from peercoach.messaging.outbox import Outbox
from peercoach.service import SERVICES
from peercoach.settings import public_url
from peercoach.web import grants, navigation, session_tables
from peercoach.web.auth import SESSION, key_for
from peercoach.web.people import Person, granted_roles

log = logging.getLogger(__name__)

COOKIE = "peercoach_session"
SIGNIN_SERVICE = "matching"  # serves sign-in and sign-out (it owns the roster, so it links coaches)
HOME_SERVICE = "intake"  # serves the home page at `/`
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
SEEN_GRANULARITY = 60  # seconds: how stale `seen_at` may get before the cookie is rewritten

csrf = CSRFProtect()
templates = Blueprint("peercoach_web", __name__, template_folder="templates", static_folder="static",
                      static_url_path="/peercoach-static")
api = Blueprint("peercoach_session", __name__)

SETTINGS = ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_SCOPES", "OIDC_ROLES_CLAIM",
            "OIDC_EMPLOYEE_ID_CLAIM", "OIDC_ROLE_MAP", "SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS",
            "PEERCOACH_COOKIE_DOMAIN")


def install(app: Flask) -> None:
    """Give a service the shared session cookie, CSRF protection and the account pages' parts."""
    if "peercoach_session" in app.extensions:
        return
    for name in SETTINGS:
        if name not in app.config and os.environ.get(name):
            app.config[name] = os.environ[name]
    service = app.config["SERVICE"]
    max_hours = float(app.config.get("SESSION_MAX_HOURS") or 12)
    app.config.update(
        SESSION_COOKIE_NAME=COOKIE, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=public_url(service).startswith("https://"), SESSION_COOKIE_PATH="/",
        SESSION_COOKIE_DOMAIN=app.config.get("PEERCOACH_COOKIE_DOMAIN") or None,
        PERMANENT_SESSION_LIFETIME=int(max_hours * 3600), WTF_CSRF_CHECK_DEFAULT=False)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = key_for(app.config["JWT_SECRET"], SESSION)
    csrf.init_app(app)
    app.register_blueprint(templates)
    app.register_blueprint(api)
    app.before_request(_check_session)
    app.context_processor(_account_context)
    app.extensions["peercoach_session"] = True


def limits() -> tuple[float, float]:
    """(idle, absolute) limits in seconds."""
    config = current_app.config
    return (float(config.get("SESSION_IDLE_MINUTES") or 60) * 60,
            float(config.get("SESSION_MAX_HOURS") or 12) * 3600)


def _ctx():
    return current_app.extensions["peercoach"]


def _check_session() -> None:
    """Drop a session past its limits or signed out elsewhere; note activity on a live one."""
    g.person = None
    if "person" not in session:
        return
    idle, absolute = limits()
    now = time.time()
    signed_in_at, seen_at = session.get("signed_in_at", 0), session.get("seen_at", 0)
    if now - signed_in_at > absolute or now - seen_at > idle:
        session.clear()
        return
    ctx = _ctx()
    person = person_from(session["person"])
    try:
        with ctx.db.transaction() as db:
            ended = session_tables.has_ended(db, ctx.spec.metadata, session.get("sid", ""))
            granted = grants.roles_of(db, ctx.spec.metadata, person.email) if person.email_verified else []
    except SQLAlchemyError:
        log.warning("session not checked: database unavailable; not using it for this request")
        return
    if ended:
        session.clear()
        return
    if now - seen_at > SEEN_GRANULARITY:
        session["seen_at"] = now
    g.person = replace(person, granted=granted_roles(granted))


def person_from(data: dict) -> Person:
    return Person(data["iss"], data["sub"], data.get("name") or data["sub"], data.get("email"),
                  bool(data.get("email_verified")), tuple(data.get("roles", ())), data.get("employee_id"),
                  data.get("coach_id"))


def current_person() -> Person | None:
    """The signed-in person of this request, or None."""
    return g.get("person")


def person_for_api() -> Person | None:
    """The signed-in person for an API call: only with the CSRF token when the call changes things."""
    person = current_person()
    if person is None or request.method in SAFE_METHODS:
        return person
    try:
        csrf.protect()
    except CSRFError:
        g.csrf_refused = True
        return None
    return person


def start(person: Person) -> None:
    """Sign `person` in: a new session (new id, new CSRF secret), nothing kept from before."""
    session.clear()
    session.permanent = True
    now = time.time()
    session.update(sid=secrets.token_urlsafe(32), signed_in_at=now, seen_at=now, person={
        "iss": person.issuer, "sub": person.subject, "name": person.name, "email": person.email,
        "email_verified": person.email_verified, "roles": list(person.claimed_roles),
        "employee_id": person.employee_id, "coach_id": person.coach_id})
    g.person = person


def end() -> None:
    """Sign out: the session's id is ended here and announced to every service; the cookie goes."""
    sid = session.get("sid")
    if sid:
        _idle, absolute = limits()
        expires_at = datetime.fromtimestamp(session.get("signed_in_at", time.time()) + absolute, timezone.utc)
        ctx = _ctx()
        with ctx.db.transaction() as db:
            session_tables.end(db, ctx.spec.metadata, sid, expires_at)
            Outbox(ctx.spec.tables, producer=ctx.spec.name).record(
                db, session_tables.EVENT, {"session_id": sid, "expires_at": expires_at.isoformat()})
    session.clear()
    g.person = None


# Where the account pages are, for every service's layout.

def home_url() -> str:
    return public_url(HOME_SERVICE) + "/"


def signin_url(next_url: str | None = None) -> str:
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return f"{public_url(SIGNIN_SERVICE)}/signin{query}"


def signout_url() -> str:
    return f"{public_url(SIGNIN_SERVICE)}/signout"


def safe_next(url: str | None) -> str:
    """`url` if it leads to one of the four services (or is a path here), else the home page."""
    if not url:
        return home_url()
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith("//") \
            and "\\" not in url:
        return url
    for service in SERVICES:
        base = urlsplit(public_url(service))
        if (parts.scheme, parts.netloc) == (base.scheme, base.netloc):
            return url
    return home_url()


def _account_context() -> dict:
    person = current_person()
    return {"account": {"person": person, "home_url": home_url(), "signout_url": signout_url(),
                        "signin_url": signin_url(request.url if request.method == "GET" else None),
                        "menu": navigation.menu_for(person)}}


@api.get("/session")
def whoami():
    """Who the browser's session names, with the CSRF token its state-changing calls must carry.
    Not an API operation (it answers about the cookie, for a page's own scripts)."""
    person = current_person()
    if person is None:
        return jsonify(signed_in=False, signin_url=signin_url())
    return jsonify(signed_in=True, name=person.name, email=person.email, roles=[str(r) for r in person.roles],
                   employee_id=person.employee_id, coach_id=person.coach_id, csrf_token=generate_csrf())
