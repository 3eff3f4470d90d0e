"""Who is calling: a bearer token (PyJWT, HS256) carrying a role, a machine credential's secret
(peercoach.web.machine_credentials), or the browser session of a signed-in person
(peercoach.web.session); `require(...)` guards an endpoint the same way for all three.

Every token names its audience, and each audience has a key of its own derived from
PEERCOACH_JWT_SECRET: API tokens (`peercoach token`, at most MAX_API_TOKEN_TTL, each with an id
that `peercoach revoke` can revoke), link tokens (the links in emails, each good for one page
and one resource) and the session cookie of the HTML pages. A token of one audience is never
accepted as another's.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import uuid
from collections.abc import Container
from datetime import datetime, timedelta, timezone

import jwt
from flask import current_app, g, request
from flask_smorest import abort

from peercoach.messaging.outbox import Outbox
from peercoach.principal import Principal
from peercoach.web import machine_credentials, revocation

ROLES = ("teacher", "coach", "coordinator", "payroll", "finance", "admin")
PAYERS = ("federation", "district")
ALGORITHM = "HS256"
ISSUER = "peercoach"
API, LINK, SESSION = "peercoach:api", "peercoach:link", "peercoach:session"  # audiences
MAX_API_TOKEN_TTL = timedelta(days=7)


def key_for(secret: str, audience: str, scope: str = "") -> str:
    """The signing key of one audience (and scope, e.g. a service's session cookie): an HMAC of the
    secret, so a key leaked or misused for one purpose signs nothing for another."""
    return hmac.new(secret.encode(), f"{audience}|{scope}".encode(), hashlib.sha256).hexdigest()


def link_purpose(action: str, resource_id: str) -> str:
    """What an emailed link's token is good for, e.g. `withdraw:<application id>`."""
    return f"{action}:{resource_id}"


def _claims(role: str, sub: str, email: str | None, payer: str | None, ttl: timedelta, audience: str) -> dict:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if role == "finance" and payer not in PAYERS:
        raise ValueError("a finance token needs --payer federation or --payer district")
    now = datetime.now(timezone.utc)
    claims = {"iss": ISSUER, "aud": audience, "sub": sub, "role": role, "iat": now, "exp": now + ttl,
              "jti": str(uuid.uuid4())}
    if email:
        claims["email"] = email
    if payer:
        claims["payer"] = payer
    return claims


def issue_token(secret: str, role: str, sub: str, email: str | None = None, payer: str | None = None,
                ttl: timedelta = timedelta(hours=12), districts: tuple[str, ...] = ()) -> str:
    """An API bearer token, living at most MAX_API_TOKEN_TTL, with an id (`jti`) to revoke it by; a
    finance token for the district payer may be scoped to `districts`."""
    if ttl > MAX_API_TOKEN_TTL:
        raise ValueError(f"an API token lives at most {MAX_API_TOKEN_TTL.days} days")
    claims = _claims(role, sub, email, payer, ttl, API)
    if districts:
        if role != "finance" or payer != "district":
            raise ValueError("only a finance token for the district payer is scoped to districts")
        claims["districts"] = list(districts)
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def issue_link_token(secret: str, role: str, sub: str, email: str | None, purpose: str, ttl: timedelta) -> str:
    """A token for an emailed link, good only for `purpose` (see `link_purpose`), signed with the link key."""
    claims = {**_claims(role, sub, email, None, ttl, LINK), "purpose": purpose}
    return jwt.encode(claims, key_for(secret, LINK), algorithm=ALGORITHM)


def _decode(key: str, token: str, audience: str) -> dict:
    claims = jwt.decode(token, key, algorithms=[ALGORITHM], issuer=ISSUER, audience=audience,
                        options={"require": ["exp", "iat", "jti", "sub", "role", "iss", "aud"]})
    if claims["role"] not in ROLES:
        raise jwt.InvalidTokenError(f"unknown role {claims['role']!r}")
    return claims


def decode_token(secret: str, token: str, revoked: Container[str] = ()) -> Principal:
    """The principal an API token names; raises jwt.InvalidTokenError for anything not to trust
    (another audience, a lifetime over the maximum, a revoked id, ...)."""
    claims = _decode(secret, token, API)
    if claims["exp"] - claims["iat"] > MAX_API_TOKEN_TTL.total_seconds():
        raise jwt.InvalidTokenError("the token lives longer than an API token may")
    if claims["jti"] in revoked:
        raise jwt.InvalidTokenError("the token was revoked")
    districts = claims.get("districts", [])
    if not isinstance(districts, list) or not all(isinstance(d, str) for d in districts):
        raise jwt.InvalidTokenError("districts must be a list of names")
    return Principal(claims["role"], str(claims["sub"]), claims.get("email"), claims.get("payer"),
                     token_id=claims["jti"], districts=tuple(districts))


def decode_link_token(secret: str, token: str, purpose: str) -> Principal | None:
    """The principal of a link token issued for exactly `purpose`, else None."""
    try:
        claims = _decode(key_for(secret, LINK), token, LINK)
    except jwt.InvalidTokenError:
        return None
    if claims.get("purpose") != purpose:
        return None
    return Principal(claims["role"], str(claims["sub"]), claims.get("email"), claims.get("payer"),
                     claims["purpose"], claims["jti"])


def current_principal() -> Principal | None:
    """The caller: the one named by a valid API bearer token (not revoked), else the signed-in person
    of the browser session in their preferred role (in the role `require` chose for this operation,
    once it ran), else None. A link token opens only the page of its link, never the API."""
    if "principal" not in g:
        g.principal = _principal_from_header()
        if g.principal is None and not request.headers.get("Authorization"):
            g.principal = _principal_from_session(ROLES)
    return g.principal


def _principal_from_session(allowed: tuple[str, ...]) -> Principal | None:
    from peercoach.web.session import person_for_api
    person = person_for_api()
    return person.acting_as(allowed) if person else None


def _principal_from_header() -> Principal | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    if machine_credentials.looks_like_secret(token.strip()):
        return _principal_from_credential(token.strip())
    try:
        return decode_token(current_app.config["JWT_SECRET"], token.strip(),
                            revocation.revoked(current_app.config.get("REVOKED_TOKENS")))
    except jwt.InvalidTokenError:
        return None


def _principal_from_credential(secret: str) -> Principal | None:
    """The principal of a non-revoked machine credential, noting its use (and, outside matching, telling
    matching of it); None for an unknown or revoked secret."""
    ctx = current_app.extensions["peercoach"]
    metadata = ctx.spec.metadata
    with ctx.db.transaction() as db:
        row = machine_credentials.find(db, metadata, secret)
        if row is None:
            return None
        used_at = machine_credentials.note_use(db, metadata, row)
        if used_at is not None and ctx.spec.name != machine_credentials.OWNER:
            Outbox(ctx.spec.tables, producer=ctx.spec.name).record(
                db, machine_credentials.used_event(ctx.spec.name), {"id": row.id, "used_at": used_at.isoformat()})
    return machine_credentials.principal_of(row)


def _from_session() -> bool:
    """No Authorization header: the browser session, if any, speaks for the caller."""
    return not request.headers.get("Authorization")


def require(*roles: str):
    """Let through only a caller of one of `roles` (a valid token of it, or a signed-in person who holds
    it): 401 without a token or session, 403 for another role."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def decorator(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            principal = current_principal()
            if _from_session() and (principal is None or principal.role not in roles):
                principal = g.principal = _principal_from_session(roles) or principal
            if principal is None:
                if g.get("csrf_refused"):
                    abort(401, message="A change made with the browser session needs its CSRF token "
                                       "(the X-CSRFToken header).")
                if g.get("person") is None:
                    abort(401, message="A valid bearer token or a signed-in session is required.")
            if principal is None or principal.role not in roles:
                abort(403, message=f"This needs the role {' or '.join(roles)}.")
            return view(*args, **kwargs)
        doc = getattr(view, "_apidoc", {})
        guarded._apidoc = {**doc, "manual_doc": {**doc.get("manual_doc", {}),
                                                 "security": [{"bearerAuth": []}]}}
        return guarded
    return decorator
