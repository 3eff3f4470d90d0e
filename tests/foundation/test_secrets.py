"""The token secret is long enough or nothing starts; API tokens live a bounded time and can be
revoked (issue 17, item 4). Audiences are kept apart in tests/access/test_tokens.py and in the
link pages' tests (services/intake/tests/test_withdraw.py)."""
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from peercoach.settings import check_jwt_secret
from peercoach.web.auth import issue_token

PEERCOACH = str(Path(sys.executable).with_name("peercoach"))
SHORT = "x" * 31


def test_a_secret_under_32_bytes_is_refused_with_a_clear_message():
    for secret in (None, "", "s", SHORT, "é" * 15):  # the last is 30 bytes in 15 characters
        with pytest.raises(RuntimeError, match="PEERCOACH_JWT_SECRET"):
            check_jwt_secret(secret)
    assert check_jwt_secret("x" * 32) == "x" * 32


def test_the_services_refuse_to_start_with_a_short_secret(make_app):
    with pytest.raises(RuntimeError, match="refusing to start with less than 32"):
        make_app("intake", JWT_SECRET=SHORT)


@pytest.mark.parametrize("command", [["token", "--role", "admin", "--sub", "ops"], ["worker", "notifications"]])
def test_the_command_line_refuses_a_short_secret(command, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PEERCOACH_JWT_SECRET": SHORT, "PEERCOACH_DATA_DIR": str(tmp_path)}
    result = subprocess.run([PEERCOACH, *command], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0 and "less than 32" in result.stderr


def test_an_api_token_lives_at_most_a_week(jwt_secret):
    with pytest.raises(ValueError, match="at most 7 days"):
        issue_token(jwt_secret, "admin", "ops", ttl=timedelta(days=8))
    result = subprocess.run([PEERCOACH, "token", "--role", "admin", "--sub", "ops", "--hours", "169"],
                            capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "PEERCOACH_JWT_SECRET": jwt_secret})
    assert result.returncode != 0 and "--hours" in result.stderr


def test_a_revoked_token_is_refused_from_the_next_request_on(make_app, jwt_secret, tmp_path):
    revoked = tmp_path / "revoked-tokens"
    client = make_app("notifications", REVOKED_TOKENS=str(revoked)).test_client()
    env = {"PATH": "/usr/bin:/bin", "PEERCOACH_JWT_SECRET": jwt_secret, "PEERCOACH_REVOKED_TOKENS": str(revoked)}
    issued = [subprocess.run([PEERCOACH, "token", "--role", "admin", "--sub", f"ops-{i}"],
                             capture_output=True, text=True, env=env) for i in range(3)]
    tokens = [result.stdout.strip() for result in issued]
    ids = [result.stderr.split("token id ")[1].split()[0] for result in issued]

    def status(token: str) -> int:
        return client.get("/notifications", headers={"Authorization": f"Bearer {token}"}).status_code

    assert [status(token) for token in tokens] == [200, 200, 200]
    by_token = subprocess.run([PEERCOACH, "revoke", tokens[0]], capture_output=True, text=True, env=env)
    assert by_token.returncode == 0 and ids[0] in by_token.stdout
    assert [status(token) for token in tokens] == [401, 200, 200]
    subprocess.run([PEERCOACH, "revoke", ids[1]], capture_output=True, text=True, env=env, check=True)
    assert [status(token) for token in tokens] == [401, 401, 200]
    assert "ops-0" in revoked.read_text()
