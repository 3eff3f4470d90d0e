"""The public form's limits: per client address and per email address, on by default, counted in Redis."""
import re

from peercoach.testing.samples import application

FLOODER, TEACHER = "203.0.113.9", "198.51.100.20"


def post(client, body, address, **headers):
    return client.post("/applications", json=body, headers=headers, environ_base={"REMOTE_ADDR": address})


def test_a_flood_from_one_address_is_refused_while_a_teacher_elsewhere_gets_through(intake):
    flood = [post(intake.client, application(), FLOODER) for _ in range(12)]
    teacher = post(intake.client, application(), TEACHER)

    assert [r.status_code for r in flood] == [201] * 10 + [429] * 2
    refused = flood[-1]
    assert refused.get_json()["error"]["code"] == "too_many_requests" and refused.get_json()["error"]["message"]
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert teacher.status_code == 201
    assert intake.applications() == 11 and len(intake.outbox("application.submitted")) == 11


def test_one_email_address_gets_at_most_five_applications_a_day_from_anywhere(intake):
    victim = "victim@school.example.org"

    def to_victim(n):
        body = application()
        body["teacher"]["email"] = victim.upper() if n % 2 else victim
        return post(intake.client, body, f"192.0.2.{n}")

    invalid = post(intake.client, application(teacher={"email": victim}), "192.0.2.200")
    answers = [to_victim(n) for n in range(7)]
    someone_else = post(intake.client, application(), "192.0.2.100")

    assert invalid.status_code == 422
    assert [a.status_code for a in answers] == [201] * 5 + [429] * 2
    assert "Retry-After" in answers[-1].headers
    assert someone_else.status_code == 201


def test_the_form_answers_a_flood_with_a_page_saying_to_wait(make_app, intake_url, filled_form):
    client = make_app("intake", intake_url, RATE_LIMIT_PER_ADDRESS="2 per minute").test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/apply").text).group(1)

    answers = [client.post("/apply", data=filled_form(csrf_token=token), environ_base={"REMOTE_ADDR": FLOODER})
               for _ in range(3)]
    api = post(client, application(), FLOODER)

    assert [a.status_code for a in answers] == [201, 201, 429]
    assert answers[-1].mimetype == "text/html" and "Please try again in a few minutes" in answers[-1].text
    assert int(answers[-1].headers["Retry-After"]) > 0
    assert api.status_code == 429, "the form and the JSON API share one count per address"


def test_the_limits_are_settings(make_app, intake_url):
    client = make_app("intake", intake_url, RATE_LIMIT_PER_ADDRESS="1000 per minute").test_client()

    assert {post(client, application(), FLOODER).status_code for _ in range(12)} == {201}


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(make_app, intake_url):
    direct = make_app("intake", intake_url, RATE_LIMIT_PER_ADDRESS="2 per minute").test_client()
    proxied = make_app("intake", intake_url, RATE_LIMIT_PER_ADDRESS="2 per minute",
                       TRUSTED_PROXIES=1).test_client()

    spoofed = [post(direct, application(), FLOODER, **{"X-Forwarded-For": f"10.9.8.{n}"}) for n in range(3)]
    forwarded = [post(proxied, application(), "127.0.0.1", **{"X-Forwarded-For": f"10.9.8.{n}"}) for n in range(3)]
    one_client = [post(proxied, application(), "127.0.0.1", **{"X-Forwarded-For": "10.9.8.77"}) for _ in range(3)]

    assert [r.status_code for r in spoofed] == [201, 201, 429]
    assert [r.status_code for r in forwarded] == [201, 201, 201]
    assert [r.status_code for r in one_client] == [201, 201, 429]
