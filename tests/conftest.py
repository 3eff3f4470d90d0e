import pytest

from tests.access.seed import seeded_world
from tests.signin.provider import CLIENT_ID, Provider


@pytest.fixture
def world(make_app, database_url, start_worker, token, smtp_server):
    """The four services on the test's broker namespace, with real data in every state the table needs."""
    return seeded_world(make_app, database_url, start_worker, token, smtp_server.port)


@pytest.fixture
def provider():
    with Provider() as running:
        yield running


@pytest.fixture
def signin_app(make_app, provider):
    """Matching (which serves sign-in) configured for the test's own provider."""
    def make(name: str = "matching", url: str | None = None, **config):
        return make_app(name, url, OIDC_ISSUER=provider.issuer, OIDC_CLIENT_ID=CLIENT_ID,
                        OIDC_CLIENT_SECRET="test-secret", **config)
    return make
