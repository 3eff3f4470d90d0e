"""An application travels through every service: intake -> matching and notifications (email)."""
from tests.helpers import application, eventually


def test_posted_application_reaches_review_and_the_teachers_inbox(
        make_app, database_url, start_worker, smtp_server, token):
    urls = {name: database_url(name) for name in ("intake", "matching", "notifications")}
    intake = make_app("intake", urls["intake"]).test_client()
    matching = make_app("matching", urls["matching"]).test_client()
    start_worker("intake", urls["intake"])
    start_worker("matching", urls["matching"])
    start_worker("notifications", urls["notifications"], smtp_host="127.0.0.1", smtp_port=smtp_server.port)
    body = application()

    response = intake.post("/applications", json=body)

    assert response.status_code == 201, response.get_json()
    application_id = response.get_json()["id"]
    reviews = eventually(lambda: [r for r in matching.get("/reviews?status=pending",
                                                          headers=token("coordinator")).get_json()
                                  if r["application_id"] == application_id])
    assert reviews[0]["status"] == "pending"
    mail = eventually(lambda: smtp_server.mailbox.to(body["teacher"]["email"]))
    assert application_id in mail[0].get_body(("plain",)).get_content()
