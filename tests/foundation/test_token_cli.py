"""`peercoach token` prints tokens the services accept, with the claims asked for."""
import subprocess
import sys
from pathlib import Path

import pytest

from peercoach.web.auth import decode_token

SECRET = "a-cli-test-secret-of-at-least-32-bytes"
PEERCOACH = str(Path(sys.executable).with_name("peercoach"))


def run(*args, secret=SECRET):
    env = {"PATH": "/usr/bin:/bin", "PEERCOACH_JWT_SECRET": secret} if secret else {"PATH": "/usr/bin:/bin"}
    return subprocess.run([PEERCOACH, "token", *args], capture_output=True, text=True, env=env)


def test_token_carries_role_subject_email_and_payer():
    coach = run("--role", "coach", "--sub", "c-42", "--email", "coach@example.org")
    finance = run("--role", "finance", "--sub", "f-1", "--payer", "federation")

    assert coach.returncode == 0, coach.stderr
    principal = decode_token(SECRET, coach.stdout.strip())
    assert (principal.role, principal.sub, principal.email) == ("coach", "c-42", "coach@example.org")
    assert decode_token(SECRET, finance.stdout.strip()).payer == "federation"


@pytest.mark.parametrize("args, message", [
    (("--role", "evaluator", "--sub", "x"), "evaluator"),
    (("--role", "finance", "--sub", "x"), "--payer"),
])
def test_token_refuses_unknown_roles_and_finance_without_payer(args, message):
    result = run(*args)
    assert result.returncode != 0 and message in result.stderr


def test_token_needs_the_secret():
    result = run("--role", "admin", "--sub", "ops", secret=None)
    assert result.returncode != 0 and "PEERCOACH_JWT_SECRET" in result.stderr


def test_app_refuses_expired_or_foreign_tokens(make_app, jwt_secret):
    from datetime import timedelta

    from peercoach.web.auth import issue_token
    client = make_app("notifications").test_client()
    expired = issue_token(jwt_secret, "admin", "ops", ttl=timedelta(seconds=-1))
    foreign = issue_token("another-secret-of-thirty-two-bytes!", "admin", "ops")

    for token in (expired, foreign):
        response = client.get("/notifications", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
