"""An OpenID Connect provider of the test's own (own key, own JWKS), to make it send bad ID tokens.

The development provider only signs valid tokens; this one signs what the test asks for: a
token signed with another key, expired, from another issuer, for another audience, with
another nonce. It serves discovery, a JWKS, and a token endpoint; the test plays the browser's
part of the authorize step itself (it reads the state and nonce from the authorize URL).
"""
from __future__ import annotations

import threading
import time
from urllib.parse import parse_qs, urlsplit

from flask import Flask, jsonify
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server

CLIENT_ID = "peercoach-test"


class Provider:
    def __init__(self):
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
        self.claims: dict = {}
        self.changes: dict = {}
        self.sign_with_other_key = False
        self.nonce: str | None = None
        self.app = self._app()
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _app(self) -> Flask:
        app = Flask("test-provider")

        @app.get("/.well-known/openid-configuration")
        def discovery():
            return jsonify(issuer=self.issuer, authorization_endpoint=f"{self.issuer}/authorize",
                           token_endpoint=f"{self.issuer}/token", jwks_uri=f"{self.issuer}/jwks",
                           response_types_supported=["code"], subject_types_supported=["public"],
                           id_token_signing_alg_values_supported=["RS256"])

        @app.get("/jwks")
        def jwks():
            return jsonify(KeySet([self.key]).as_dict(private=False))

        @app.post("/token")
        def token():
            return jsonify(access_token="opaque-access-token", token_type="Bearer", expires_in=300,
                           id_token=self.id_token())
        return app

    def id_token(self) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "sub": "person-1", "iat": now, "exp": now + 300,
                  "nonce": self.nonce, "name": "Casey Coordinator", "email": "casey@district.example.org",
                  "email_verified": True, "roles": ["coordinator"], **self.claims, **self.changes}
        key = self.other_key if self.sign_with_other_key else self.key
        present = {name: value for name, value in claims.items() if value is not None}  # None: left out
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, present, key)

    def authorize(self, authorize_url: str) -> str:
        """Play the provider's authorize step: remember the nonce, answer with a code and the state."""
        query = parse_qs(urlsplit(authorize_url).query)
        self.nonce = query["nonce"][0]
        return f"/signin/callback?code=code-{self.nonce[:8]}&state={query['state'][0]}"

    def __enter__(self) -> "Provider":
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
