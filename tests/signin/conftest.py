import pytest

from tests.signin.provider import CLIENT_ID, Provider


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


def sign_in(client, provider) -> object:
    """The browser's round trip: /signin, the provider's authorize step, the callback."""
    started = client.get("/signin")
    assert started.status_code == 302, started.get_data(as_text=True)
    return client.get(provider.authorize(started.headers["Location"]))


def whoami(client) -> dict:
    return client.get("/session").get_json()
