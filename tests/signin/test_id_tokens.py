"""The sign-in callback trusts only a verified ID token for this browser's own sign-in request."""
import time

import pytest

from peercoach.settings import public_url
from tests.signin.conftest import sign_in, whoami


def test_a_valid_id_token_signs_the_person_in_with_the_roles_of_their_claims(signin_app, provider):
    client = signin_app().test_client()

    answer = sign_in(client, provider)

    assert answer.status_code == 302 and answer.headers["Location"] == public_url("intake") + "/"
    me = whoami(client)
    assert me["signed_in"] and me["email"] == "casey@district.example.org" and me["roles"] == ["coordinator"]


def test_the_authorize_request_uses_pkce_a_nonce_and_a_state(signin_app, provider):
    location = signin_app().test_client().get("/signin").headers["Location"]

    assert location.startswith(f"{provider.issuer}/authorize?")
    for parameter in ("code_challenge=", "code_challenge_method=S256", "nonce=", "state=",
                      "scope=openid+email+profile", "response_type=code"):
        assert parameter in location


BAD_TOKENS = {
    "signed with another key": dict(sign_with_other_key=True),
    "expired": dict(changes={"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}),
    "from another issuer": dict(changes={"iss": "https://impostor.example.org"}),
    "for another audience": dict(changes={"aud": "another-client"}),
    "for another audience, naming us as authorized party": dict(changes={"aud": "another-client",
                                                                         "azp": "peercoach-test"}),
    "with another nonce": dict(changes={"nonce": "not-the-nonce-we-sent"}),
    "without a nonce": dict(changes={"nonce": None}),
    "without a subject": dict(changes={"sub": None}),
}


@pytest.mark.parametrize("case", BAD_TOKENS)
def test_an_untrustworthy_id_token_is_refused_and_no_session_is_created(case, signin_app, provider):
    for name, value in BAD_TOKENS[case].items():
        setattr(provider, name, value)
    client = signin_app().test_client()

    answer = sign_in(client, provider)

    assert answer.status_code == 401
    assert "You are not signed in" in answer.get_data(as_text=True)
    assert whoami(client)["signed_in"] is False


def test_a_callback_with_a_state_this_browser_did_not_send_is_refused(signin_app, provider):
    client = signin_app().test_client()
    started = client.get("/signin").headers["Location"]
    callback = provider.authorize(started)

    answer = client.get(callback.replace("state=", "state=forged"))

    assert answer.status_code == 401 and "state mismatch" in answer.get_data(as_text=True)
    assert whoami(client)["signed_in"] is False


def test_a_reused_authorization_response_is_refused_even_with_the_cookie_of_before(signin_app, provider):
    client = signin_app().test_client()
    callback = provider.authorize(client.get("/signin").headers["Location"])
    cookie_before = client.get_cookie("peercoach_session").value
    assert client.get(callback).status_code == 302

    replayed_here = client.get(callback)
    client.set_cookie("peercoach_session", cookie_before)
    replayed_with_old_cookie = client.get(callback)

    assert replayed_here.status_code == 401
    assert replayed_with_old_cookie.status_code == 401
    assert "used already" in replayed_with_old_cookie.get_data(as_text=True)
    assert whoami(client)["signed_in"] is False


def test_a_provider_error_signs_no_one_in(signin_app, provider):
    client = signin_app().test_client()
    client.get("/signin")

    answer = client.get("/signin/callback?error=access_denied&state=x")

    assert answer.status_code == 401 and whoami(client)["signed_in"] is False


def test_without_a_configured_provider_sign_in_says_so(make_app):
    answer = make_app("matching", OIDC_ISSUER="").test_client().get("/signin")

    assert answer.status_code == 503 and "OIDC_ISSUER" in answer.get_data(as_text=True)
