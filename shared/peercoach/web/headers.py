"""Security headers on every response: the JSON API, errors, metrics, the OpenAPI document and /docs.

A response that set its own (the HTML pages, see `peercoach.web.pages`) keeps them; every other
one gets a policy that loads nothing, may not be framed and is not cached. Swagger UI at /docs
loads its script and style from this service (peercoach.web.docs) and runs one inline script,
allowed by its hash.
"""
from __future__ import annotations

import base64
import hashlib
import re

from flask import Flask, request

DEFAULTS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
HSTS = "max-age=31536000"
DOCS_ENDPOINT = "api-docs.openapi_swagger_ui"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def script_hashes(html: str) -> list[str]:
    return ["'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
            for script in INLINE_SCRIPT.findall(html)]


def docs_policy(html: str) -> str:
    """Swagger UI: its assets and the document from here, its one inline script by hash."""
    scripts = " ".join(["'self'", *script_hashes(html)])
    styles = "'self' 'unsafe-inline'"
    return (f"default-src 'none'; script-src {scripts}; style-src {styles}; "
            "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'none'")


def secure(response):
    if request.endpoint == DOCS_ENDPOINT and response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", docs_policy(response.get_data(as_text=True)))
    for name, value in DEFAULTS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def install(app: Flask) -> None:
    app.after_request(secure)
