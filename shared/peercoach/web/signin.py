"""Sign-in with the organisation's OpenID Connect provider (Authlib), sign-out, and the home page.

Authorization code flow with PKCE (S256), configured by `OIDC_ISSUER` (discovery at
`<issuer>/.well-known/openid-configuration`), `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET` and
`OIDC_SCOPES` (default `openid email profile`). The redirect URI to register with the provider
is `<public URL of matching>/signin/callback`; after sign-out the provider (where it offers
RP-initiated logout) sends the browser back to the home page, `<public URL of intake>/`.

The callback refuses, and creates no session, unless: its `state` is the one this browser's
session sent, and no authorization response with that state was used before; the provider
returns an ID token; the token's signature verifies with a key of the provider's JWKS (fetched
again when it names a key not seen yet, so the provider can rotate keys); its issuer is
`OIDC_ISSUER` (and the discovery document says the same); its audience holds our client id;
its `nonce` is the one sent; it has not expired.

Sign-in and sign-out are served once, by the service that owns the roster (matching:
peercoach.web.session.SIGNIN_SERVICE), which links a coach's roster entry at sign-in; the home
page once, by intake (peercoach.web.session.HOME_SERVICE); every service reads the session.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Callable
from urllib.parse import urlsplit

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, Flask, current_app, make_response, redirect, render_template, request, session
from flask_wtf.csrf import CSRFError
from joserfc.errors import JoseError
from sqlalchemy.orm import Session

from peercoach.refusals import Unauthorized
from peercoach.settings import public_url
from peercoach.web import session as sessions
from peercoach.web import session_tables
from peercoach.web.navigation import sections_for
from peercoach.web.pages import HEADERS
from peercoach.web.people import ClaimRules, Person, employee_id_from_claims, roles_from_claims

log = logging.getLogger(__name__)

blueprint = Blueprint("signin", __name__)
home_blueprint = Blueprint("home", __name__)
CLIENT = "oidc"
NEXT = "signin_next"
DEFAULT_SCOPES = "openid email profile"

Linker = Callable[[Session, Person], Person]


@dataclass
class Signin:
    oauth: OAuth
    link: Linker | None

    @property
    def client(self):
        return self.oauth.create_client(CLIENT)


def install(app: Flask, link: Linker | None = None) -> None:
    """Serve sign-in, sign-out and the home page on `app`; `link(db_session, person)` adds the ids
    this service knows a person by (a coach's roster entry) at sign-in."""
    sessions.install(app)
    oauth = OAuth(app)
    issuer = (app.config.get("OIDC_ISSUER") or "").rstrip("/")
    if issuer:
        oauth.register(
            CLIENT, client_id=app.config.get("OIDC_CLIENT_ID") or "peercoach",
            client_secret=app.config.get("OIDC_CLIENT_SECRET") or None,
            server_metadata_url=f"{issuer}/.well-known/openid-configuration",
            client_kwargs={"scope": app.config.get("OIDC_SCOPES") or DEFAULT_SCOPES,
                           "code_challenge_method": "S256", "timeout": 10})
    app.extensions["peercoach_signin"] = Signin(oauth, link)
    app.register_blueprint(blueprint)


def configured() -> bool:
    return bool(current_app.config.get("OIDC_ISSUER"))


def issuer() -> str:
    return current_app.config["OIDC_ISSUER"].rstrip("/")


def client():
    return current_app.extensions["peercoach_signin"].client


def callback_url() -> str:
    return f"{public_url(current_app.config['SERVICE'])}/signin/callback"


def account_page(template: str, status: int = 200, **context):
    """A page of ours that may send the browser on to the provider (sign-out's form redirects there)."""
    response = make_response(render_template(template, **context), status)
    response.headers.update(HEADERS)
    if configured():
        provider = "{0.scheme}://{0.netloc}".format(urlsplit(issuer()))
        response.headers["Content-Security-Policy"] = \
            f"default-src 'self'; frame-ancestors 'none'; form-action 'self' {provider}"
    return response


def install_home(app: Flask) -> None:
    """Serve the home page at `/` (intake's, as the contract names it)."""
    sessions.install(app)
    app.register_blueprint(home_blueprint)


@home_blueprint.get("/")
def home():
    person = sessions.current_person()
    return account_page("peercoach/home.html", person=person, sections=sections_for(person) if person else [],
                        configured=configured(), signed_out="signed_out" in request.args,
                        apply_url=f"{public_url('intake')}/apply")


@blueprint.get("/signin")
def start():
    if not configured():
        return account_page("peercoach/signin_refused.html", 503,
                            message="Sign-in is not configured here: set OIDC_ISSUER, OIDC_CLIENT_ID and "
                                    "OIDC_CLIENT_SECRET.")
    session[NEXT] = sessions.safe_next(request.args.get("next"))
    try:
        return client().authorize_redirect(callback_url())
    except requests.RequestException:
        log.exception("identity provider unreachable")
        return account_page("peercoach/signin_refused.html", 502,
                            message="The sign-in provider cannot be reached just now. Please try again shortly.")


@blueprint.get("/signin/callback")
def finish():
    if not configured():
        return redirect(sessions.home_url())
    next_url = sessions.safe_next(session.get(NEXT))
    try:
        person = verified_person()
    except Unauthorized as refusal:
        log.warning("sign-in refused: %s", refusal)
        session.clear()
        return account_page("peercoach/signin_refused.html", refusal.status, message=refusal.message)
    except requests.RequestException:
        log.exception("identity provider unreachable")
        session.clear()
        return account_page("peercoach/signin_refused.html", 502,
                            message="The sign-in provider cannot be reached just now. Please try again shortly.")
    sessions.start(person)
    return redirect(next_url)


def claims_options() -> dict:
    """What the ID token must say: our issuer, our client among its audience, a subject, times."""
    return {"iss": {"essential": True, "value": issuer()},
            "aud": {"essential": True, "value": client().client_id},
            "sub": {"essential": True}, "exp": {"essential": True}, "iat": {"essential": True}}


def verified_person() -> Person:
    """The person of a verified authorization response; raises Unauthorized for anything not to trust
    (its message is safe to show)."""
    if request.args.get("error"):
        raise Unauthorized(f"The provider did not sign you in ({request.args.get('error')}).")
    oidc, state = client(), request.args.get("state", "")
    if not state or oidc.framework.get_state_data(session, state) is None:
        raise Unauthorized("This sign-in response does not belong to this browser's sign-in (state mismatch). "
                      "Please sign in again.")
    ctx = current_app.extensions["peercoach"]
    with ctx.db.transaction() as db:
        first_use = session_tables.use_once(db, ctx.spec.metadata, state)
    if not first_use:
        raise Unauthorized("This sign-in response was used already. Please sign in again.")
    metadata_issuer = (oidc.load_server_metadata().get("issuer") or "").rstrip("/")
    if metadata_issuer != issuer():
        raise Unauthorized(f"The provider names itself {metadata_issuer!r}, not the configured issuer.")
    try:
        token = oidc.authorize_access_token(claims_options=claims_options(), leeway=60)
    except (OAuthError, JoseError, ValueError, KeyError) as error:
        raise Unauthorized(f"The sign-in could not be verified ({type(error).__name__}: {error}).") from error
    claims = token.get("userinfo")
    if not claims:
        raise Unauthorized("The provider sent no ID token.")
    return linked(person_from_claims(dict(claims)))


def person_from_claims(claims: dict) -> Person:
    rules = ClaimRules.from_config(current_app.config)
    email = claims.get("email") if isinstance(claims.get("email"), str) else None
    name = next((claims[key] for key in ("name", "preferred_username", "email")
                 if isinstance(claims.get(key), str) and claims[key]), claims["sub"])
    return Person(issuer(), str(claims["sub"]), name, email, claims.get("email_verified") is True,
                  tuple(roles_from_claims(claims, rules)), employee_id_from_claims(claims, rules))


def linked(person: Person) -> Person:
    link = current_app.extensions["peercoach_signin"].link
    if link is None:
        return person
    with current_app.extensions["peercoach"].db.transaction() as db:
        return link(db, person)


@blueprint.get("/signout")
def confirm_signout():
    return account_page("peercoach/signout.html", person=sessions.current_person())


@blueprint.post("/signout")
def signout():
    try:
        sessions.csrf.protect()
    except CSRFError:
        return account_page("peercoach/signout.html", 400, person=sessions.current_person(),
                            message="The page had expired. Please press the button again.")
    sessions.end()
    back = f"{sessions.home_url()}?signed_out=1"
    if configured():
        try:
            if client().load_server_metadata().get("end_session_endpoint"):
                logout = client().create_logout_url(post_logout_redirect_uri=back, client_id=client().client_id)
                return redirect(logout["url"])
        except requests.RequestException:
            log.warning("provider unreachable: signed out here only")
    return redirect(back)


def with_coach(person: Person, coach_id: str | None) -> Person:
    return replace(person, coach_id=coach_id)
