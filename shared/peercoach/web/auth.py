"""Bearer tokens (PyJWT, HS256) carrying a role; `require(...)` guards an endpoint."""
from __future__ import annotations

import functools
from datetime import datetime, timedelta, timezone

import jwt
from flask import current_app, g, request
from flask_smorest import abort

from peercoach.principal import Principal

ROLES = ("teacher", "coach", "coordinator", "payroll", "finance", "admin")
PAYERS = ("federation", "district")
ALGORITHM = "HS256"
ISSUER = "peercoach"


def link_purpose(action: str, resource_id: str) -> str:
    """What an emailed link's token is good for, e.g. `withdraw:<application id>`."""
    return f"{action}:{resource_id}"


def issue_token(secret: str, role: str, sub: str, email: str | None = None, payer: str | None = None,
                ttl: timedelta = timedelta(hours=12), purpose: str | None = None) -> str:
    """A bearer token; with `purpose`, a link token good for that one purpose and nothing else."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if role == "finance" and payer not in PAYERS:
        raise ValueError("a finance token needs --payer federation or --payer district")
    now = datetime.now(timezone.utc)
    claims = {"iss": ISSUER, "sub": sub, "role": role, "iat": now, "exp": now + ttl}
    if email:
        claims["email"] = email
    if payer:
        claims["payer"] = payer
    if purpose:
        claims["purpose"] = purpose
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(secret: str, token: str) -> Principal:
    """The principal a token names; raises jwt.InvalidTokenError for anything not to trust."""
    claims = jwt.decode(token, secret, algorithms=[ALGORITHM], issuer=ISSUER,
                        options={"require": ["exp", "sub", "role", "iss"]})
    if claims["role"] not in ROLES:
        raise jwt.InvalidTokenError(f"unknown role {claims['role']!r}")
    return Principal(claims["role"], str(claims["sub"]), claims.get("email"), claims.get("payer"),
                     claims.get("purpose"))


def decode_link_token(secret: str, token: str, purpose: str) -> Principal | None:
    """The principal of a link token issued for exactly `purpose`, else None."""
    try:
        principal = decode_token(secret, token)
    except jwt.InvalidTokenError:
        return None
    return principal if principal.purpose == purpose else None


def current_principal() -> Principal | None:
    """The caller named by a valid bearer token, or None (no token, not a valid one, or a link
    token: those open only the page of their link, never the API)."""
    if "principal" not in g:
        g.principal = _principal_from_header()
    return g.principal


def _principal_from_header() -> Principal | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    try:
        principal = decode_token(current_app.config["JWT_SECRET"], token.strip())
    except jwt.InvalidTokenError:
        return None
    return None if principal.purpose else principal


def require(*roles: str):
    """Let through only a valid token of one of `roles`: 401 without one, 403 for another role."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def decorator(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            principal = current_principal()
            if principal is None:
                abort(401, message="A valid bearer token is required.")
            if principal.role not in roles:
                abort(403, message=f"This needs the role {' or '.join(roles)}.")
            return view(*args, **kwargs)
        doc = getattr(view, "_apidoc", {})
        guarded._apidoc = {**doc, "manual_doc": {**doc.get("manual_doc", {}),
                                                 "security": [{"bearerAuth": []}]}}
        return guarded
    return decorator
