"""Tokens not to trust are refused with 401 by every service, as if there were none."""
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from peercoach.web.auth import ALGORITHM, API, ISSUER, LINK, key_for

PROTECTED = {"intake": ("/applications", "coordinator"), "matching": ("/coaches", "coordinator"),
             "timesheets": ("/rates/BUSD", "coordinator"), "notifications": ("/notifications", "admin")}


def claims(**changes) -> dict:
    now = datetime.now(UTC)
    found = {"iss": ISSUER, "aud": API, "jti": str(uuid.uuid4()), "sub": "someone", "iat": now,
             "exp": now + timedelta(hours=1), **changes}
    return {name: value for name, value in found.items() if value is not None}


def untrusted(secret: str, role: str) -> dict[str, str]:
    """Authorization header values that must not let anyone in."""
    def signed(**changes) -> str:
        return "Bearer " + jwt.encode(claims(**{"role": role, **changes}), secret, algorithm=ALGORITHM)
    past = datetime.now(UTC) - timedelta(minutes=5)
    return {
        "bad signature": "Bearer " + jwt.encode(claims(role=role), "another-secret-of-32-bytes-length!",
                                                algorithm=ALGORITHM),
        "expired": signed(exp=past, iat=past - timedelta(hours=1)),
        "unknown role": signed(role="evaluator"),
        "no role": signed(role=None),
        "no subject": signed(sub=None),
        "no expiry": signed(exp=None),
        "no issuer": signed(iss=None),
        "another issuer": signed(iss="someone-else"),
        "no audience": signed(aud=None),
        "a link's audience": signed(aud=LINK),
        "signed with the link key": "Bearer " + jwt.encode(claims(role=role), key_for(secret, LINK),
                                                           algorithm=ALGORITHM),
        "no id": signed(jti=None),
        "no issue time": signed(iat=None),
        "living longer than an API token may": signed(exp=datetime.now(UTC) + timedelta(days=30)),
        "unsigned (alg none)": "Bearer " + jwt.encode(claims(role=role), None, algorithm="none"),
        "not a token": "Bearer not.a.token",
        "another scheme": "Basic " + jwt.encode(claims(role=role), secret, algorithm=ALGORITHM),
    }


@pytest.mark.parametrize("service", PROTECTED)
def test_untrusted_tokens_are_refused_with_401(service, make_app, jwt_secret, token, subtests):
    client = make_app(service).test_client()
    path, role = PROTECTED[service]

    assert client.get(path, headers=token(role)).status_code == 200
    for name, value in untrusted(jwt_secret, role).items():
        with subtests.test(name):
            response = client.get(path, headers={"Authorization": value})
            assert response.status_code == 401
            assert response.get_json()["error"]["code"] == "unauthorized"
