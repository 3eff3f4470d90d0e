"""Where the suite finds PostgreSQL and RabbitMQ when TEST_DATABASE_URL and AMQP_URL are unset."""
import pytest

from peercoach.testing import infrastructure
from peercoach.testing.infrastructure import InfrastructureMissing
from peercoach.testing.ports import free_port


@pytest.fixture
def nothing_set(monkeypatch):
    monkeypatch.delenv("TEST_DATABASE_URL", raising=False)
    monkeypatch.delenv("AMQP_URL", raising=False)


def test_unset_the_local_servers_that_answer_are_used(postgres_url, amqp_url, nothing_set, monkeypatch):
    # The servers this run uses stand in for the local ones on the standard ports.
    monkeypatch.setattr(infrastructure, "LOCAL_POSTGRES", postgres_url)
    monkeypatch.setattr(infrastructure, "LOCAL_RABBITMQ", amqp_url)
    with infrastructure.postgres_url() as url:
        assert url == postgres_url
    with infrastructure.amqp_url() as url:
        assert url == amqp_url


def test_unset_with_nothing_answering_and_no_docker_engine_the_message_says_what_to_set(nothing_set, monkeypatch):
    closed = free_port()
    monkeypatch.setattr(infrastructure, "LOCAL_POSTGRES", f"postgresql://postgres@127.0.0.1:{closed}/test")
    monkeypatch.setattr(infrastructure, "LOCAL_RABBITMQ", f"amqp://guest:guest@127.0.0.1:{closed}/%2F")
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    with pytest.raises(InfrastructureMissing, match=rf"none answers at postgresql://postgres@127.0.0.1:{closed}/test, "
                                                    r"and no Docker engine answers .* Set TEST_DATABASE_URL"):
        with infrastructure.postgres_url():
            pass
    with pytest.raises(InfrastructureMissing, match=r"No rabbitmq for the tests: .* Set AMQP_URL"):
        with infrastructure.amqp_url():
            pass


def test_a_docker_client_without_an_engine_is_no_engine(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    assert not infrastructure.docker_engine_answers()
