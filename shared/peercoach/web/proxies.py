"""Behind a reverse proxy: the client's address and scheme from its headers, only when it is trusted.

`TRUSTED_PROXIES` is the number of proxies in front of the service that set `X-Forwarded-For`
and `X-Forwarded-Proto` (default 0: the headers are ignored, since anyone can send them, and the
client address is the connection's).
"""
from __future__ import annotations

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def install(app: Flask) -> None:
    hops = int(app.config.setdefault("TRUSTED_PROXIES", int(os.environ.get("TRUSTED_PROXIES") or 0)))
    if hops < 0:
        raise ValueError("TRUSTED_PROXIES must be 0 or more")
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
