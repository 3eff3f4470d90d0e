"""The development identity provider (oidc-provider-mock with the demo people) as a process for tests."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from peercoach.testing.ports import free_port

BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def dev_idp(tmp_path_factory):
    """`peercoach dev-idp` on a free port; yields its issuer, reached as `localhost` as a browser would."""
    port = free_port()
    issuer = f"http://localhost:{port}"
    log = open(tmp_path_factory.mktemp("dev-idp") / "dev-idp.log", "wb")
    process = subprocess.Popen([str(BIN / "peercoach"), "dev-idp", "--port", str(port)], stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the development identity provider did not start; see {log.name}")
            time.sleep(0.2)
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
