"""Helpers of the sign-in tests (their fixtures, `provider` and `signin_app`, are in tests/conftest.py)."""
def sign_in(client, provider) -> object:
    """The browser's round trip: /signin, the provider's authorize step, the callback."""
    started = client.get("/signin")
    assert started.status_code == 302, started.get_data(as_text=True)
    return client.get(provider.authorize(started.headers["Location"]))


def whoami(client) -> dict:
    return client.get("/session").get_json()
