"""A worker serves its metrics on loopback unless told otherwise (issue 17, item 9)."""
import socket
from dataclasses import replace

import pytest
import requests

from peercoach import settings as settings_mod
from peercoach import worker
from peercoach.testing.ports import free_port


def test_the_metrics_address_defaults_to_loopback_and_can_be_set_per_service_or_for_all():
    assert settings_mod.load("matching", {}).worker_metrics_address == "127.0.0.1"
    everyone = {"WORKER_METRICS_ADDRESS": "0.0.0.0"}
    assert settings_mod.load("matching", everyone).worker_metrics_address == "0.0.0.0"
    one = {**everyone, "MATCHING_WORKER_METRICS_ADDRESS": "10.1.2.3"}
    assert settings_mod.load("matching", one).worker_metrics_address == "10.1.2.3"
    assert settings_mod.load("intake", one).worker_metrics_address == "0.0.0.0"


def reachable(address: str, port: int) -> bool:
    try:
        socket.create_connection((address, port), timeout=2).close()
        return True
    except OSError:
        return False


@pytest.mark.parametrize("bound, answers_elsewhere", [("127.0.0.1", False), ("0.0.0.0", True)])
def test_the_worker_metrics_answer_only_on_the_address_they_are_bound_to(bound, answers_elsewhere):
    """127.0.0.2 stands for any other interface: a server bound to 127.0.0.1 does not answer there."""
    settings = replace(settings_mod.load("matching", {}), worker_metrics_port=free_port(),
                       worker_metrics_address=bound)
    server = worker.serve_metrics(settings)
    try:
        port = settings.worker_metrics_port
        assert requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).status_code == 200
        assert reachable("127.0.0.2", port) is answers_elsewhere
    finally:
        server.shutdown()
        server.server_close()
