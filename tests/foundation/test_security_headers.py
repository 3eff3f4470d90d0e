"""Every response carries security headers: JSON answers, errors, metrics, the OpenAPI document, /docs."""
import base64
import hashlib
import re

import pytest

from peercoach.service import SERVICES
from peercoach.testing.samples import application

EVERYWHERE = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}


@pytest.mark.parametrize("service", SERVICES)
def test_json_answers_errors_metrics_and_the_document_carry_security_headers(service, make_app):
    client = make_app(service).test_client()

    for response in (client.get("/healthz"), client.get("/openapi.json"), client.get("/metrics"),
                     client.get("/no-such-page"), client.post("/healthz")):
        for name, value in EVERYWHERE.items():
            assert response.headers.get(name) == value, (response.request.path, name)
        assert response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
        assert response.headers["Cache-Control"] == "no-store"


def test_an_application_answer_is_not_cached_or_sniffed(make_app):
    response = make_app("intake").test_client().post("/applications", json=application())

    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store" and response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("service", SERVICES)
def test_docs_run_only_swagger_ui_and_its_own_inline_script(service, make_app):
    response = make_app(service).test_client().get("/docs")

    policy = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    inline = re.findall(r"<script>(.*?)</script>", response.get_data(as_text=True), re.S)
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert response.status_code == 200 and len(inline) == 1
    assert policy["script-src"].split() == ["'self'", f"'sha256-{digest}'"]  # nothing from another origin
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"]
    for name, value in EVERYWHERE.items():
        assert response.headers[name] == value


@pytest.mark.parametrize("service", SERVICES)
def test_swagger_uis_script_and_style_are_served_by_the_service_itself(service, make_app):
    client = make_app(service).test_client()
    page = client.get("/docs").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)

    assert assets and all(asset.startswith("/swagger-ui/") for asset in assets), assets
    for asset in assets:
        answer = client.get(asset)
        assert answer.status_code == 200 and len(answer.data) > 1000, asset


def test_pages_keep_their_own_policy(make_app):
    response = make_app("intake").test_client().get("/apply")

    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert response.headers["X-Frame-Options"] == "DENY"


def test_https_answers_ask_browsers_to_stay_on_https(make_app):
    response = make_app("matching").test_client().get("/healthz", base_url="https://localhost")

    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
