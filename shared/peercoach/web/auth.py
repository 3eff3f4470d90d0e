"""Bearer tokens (PyJWT, HS256) carrying a role; `require(...)` guards an endpoint."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import jwt
from flask import current_app, g, request
from flask_smorest import abort

ROLES = ("teacher", "coach", "coordinator", "payroll", "finance", "admin")
PAYERS = ("federation", "district")
ALGORITHM = "HS256"
ISSUER = "peercoach"


@dataclass(frozen=True)
class Principal:
    role: str
    sub: str
    email: str | None = None
    payer: str | None = None


def issue_token(secret: str, role: str, sub: str, email: str | None = None, payer: str | None = None,
                ttl: timedelta = timedelta(hours=12)) -> str:
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
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(secret: str, token: str) -> Principal:
    """The principal a token names; raises jwt.InvalidTokenError for anything not to trust."""
    claims = jwt.decode(token, secret, algorithms=[ALGORITHM], issuer=ISSUER,
                        options={"require": ["exp", "sub", "role", "iss"]})
    if claims["role"] not in ROLES:
        raise jwt.InvalidTokenError(f"unknown role {claims['role']!r}")
    return Principal(claims["role"], str(claims["sub"]), claims.get("email"), claims.get("payer"))


def current_principal() -> Principal | None:
    """The caller named by a valid bearer token, or None (no token, or not a valid one)."""
    if "principal" not in g:
        g.principal = _principal_from_header()
    return g.principal


def _principal_from_header() -> Principal | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    try:
        return decode_token(current_app.config["JWT_SECRET"], token.strip())
    except jwt.InvalidTokenError:
        return None


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
