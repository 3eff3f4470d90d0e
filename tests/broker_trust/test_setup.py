"""`make run` creates a broker user per service with rabbitmqctl (`peercoach broker setup`)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pika
import pytest

from peercoach.messaging import access
from peercoach.service import SERVICES

ROOT = Path(__file__).resolve().parents[2]
PEERCOACH = str(Path(sys.executable).with_name("peercoach"))


def read_env(path: Path) -> dict[str, str]:
    return {key: value.strip("'") for key, _, value in
            (line.partition("=") for line in path.read_text().splitlines() if line)}


def test_make_run_sets_up_the_broker_users_before_starting_the_services():
    recipe = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert recipe.index("peercoach broker setup") < recipe.index("honcho start")
    assert ". $(PEERCOACH_DATA_DIR)/broker.env" in recipe


def test_broker_setup_creates_a_user_per_service_and_keeps_their_passwords(amqp_url, namespace, tmp_path):
    if shutil.which("rabbitmqctl") is None:
        pytest.fail("no rabbitmqctl on this machine") if os.environ.get("CI") else pytest.skip("no rabbitmqctl")
    env = {"PATH": "/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin", "AMQP_URL": amqp_url,
           "PEERCOACH_NAMESPACE": namespace, "PEERCOACH_DATA_DIR": str(tmp_path)}
    env_file = tmp_path / "broker.env"
    try:
        first = subprocess.run([PEERCOACH, "broker", "setup", "--env-file", str(env_file)],
                               capture_output=True, text=True, env=env)
        assert first.returncode == 0, first.stderr
        urls = read_env(env_file)
        again = subprocess.run([PEERCOACH, "broker", "setup", "--env-file", str(env_file)],
                               capture_output=True, text=True, env=env)

        assert again.returncode == 0 and read_env(env_file) == urls
        assert sorted(urls) == sorted(f"{name.upper()}_AMQP_URL" for name in SERVICES)
        assert (env_file.stat().st_mode & 0o077) == 0
        for name in SERVICES:
            params = pika.URLParameters(urls[f"{name.upper()}_AMQP_URL"])
            assert params.credentials.username == f"{namespace}-{name}"
            connection = pika.BlockingConnection(params)  # the user exists and the password is right
            connection.close()
    finally:
        access.delete([access.BrokerUser(name, f"{namespace}-{name}", "") for name in SERVICES])
