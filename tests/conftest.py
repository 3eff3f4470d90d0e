import pytest

from tests.access.seed import seeded_world


@pytest.fixture
def world(make_app, database_url, start_worker, token, smtp_server):
    """The four services on the test's broker namespace, with real data in every state the table needs."""
    return seeded_world(make_app, database_url, start_worker, token, smtp_server.port)
