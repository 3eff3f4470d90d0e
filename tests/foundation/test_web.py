"""What every service answers: health, readiness, OpenAPI, JSON errors and token checks."""
import pytest

from peercoach.service import SERVICES

PROTECTED = {  # a GET endpoint of each service that needs a role, and a role it refuses
    "matching": ("/reviews", "payroll"),
    "timesheets": ("/pairings/p-1/hours", "finance"),
    "notifications": ("/notifications", "coordinator"),
}


@pytest.mark.parametrize("service", SERVICES)
def test_health_readiness_and_openapi(service, make_app):
    client = make_app(service).test_client()

    assert client.get("/healthz").get_json() == {"status": "ok", "service": service}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.get_json()
    assert ready.get_json()["checks"] == {"database": "ok", "broker": "ok"}
    spec = client.get("/openapi.json").get_json()
    assert spec["info"]["title"] == f"peercoach {service}" and spec["paths"]
    assert client.get("/docs").status_code == 200
    metrics = client.get("/metrics").data
    assert b"peercoach_http_requests_total" in metrics and b"peercoach_outbox_pending 0.0" in metrics


@pytest.mark.parametrize("service", SERVICES)
def test_not_ready_when_the_database_is_unreachable(service, make_app):
    client = make_app(service, "postgresql://postgres@127.0.0.1:1/none").test_client()

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "unreachable", "broker": "ok"}


@pytest.mark.parametrize("service", SERVICES)
def test_not_ready_when_the_broker_is_unreachable(service, make_app):
    client = make_app(service, AMQP_URL="amqp://guest:guest@127.0.0.1:1/%2F").test_client()

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "broker": "unreachable"}


@pytest.mark.parametrize("service", sorted(PROTECTED))
def test_protected_endpoint_needs_a_valid_token_of_the_right_role(service, make_app, token):
    client = make_app(service).test_client()
    path, wrong_role = PROTECTED[service]

    missing = client.get(path)
    forged = client.get(path, headers={"Authorization": "Bearer not.a.token"})
    wrong = client.get(path, headers=token(wrong_role, payer="district" if wrong_role == "finance" else None))

    assert missing.status_code == 401 and missing.get_json()["error"]["code"] == "unauthorized"
    assert forged.status_code == 401
    assert wrong.status_code == 403 and wrong.get_json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize("service", SERVICES)
def test_errors_are_json_never_html(service, make_app):
    client = make_app(service).test_client()

    not_found = client.get("/no/such/page")
    wrong_method = client.delete("/healthz")

    assert not_found.status_code == 404 and not_found.is_json
    assert not_found.get_json()["error"]["code"] == "not_found"
    assert wrong_method.status_code == 405 and wrong_method.get_json()["error"]["code"] == "method_not_allowed"


def test_app_refuses_to_start_without_a_token_secret(make_app):
    with pytest.raises(RuntimeError, match="PEERCOACH_JWT_SECRET"):
        make_app("intake", JWT_SECRET=None)


def test_metrics_count_the_events_waiting_in_the_outbox(make_app, database_url):
    from intake.models import outbox
    from peercoach.db import Database
    from peercoach.testing.samples import submitted_payload
    url = database_url("intake")
    with Database(url).transaction() as session:
        for _ in range(3):
            outbox.record(session, "application.submitted", submitted_payload())

    metrics = make_app("intake", url).test_client().get("/metrics").data

    assert b"peercoach_outbox_pending 3.0" in metrics
