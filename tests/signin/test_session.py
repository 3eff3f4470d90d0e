"""One session cookie for the four services, used by the JSON APIs with the same checks as a token."""
import time

from peercoach.settings import public_url
from peercoach.web.session import home_url, safe_next
from tests.helpers import application, eventually
from tests.signin.conftest import sign_in, whoami

COOKIE = "peercoach_session"


def carry(cookie_from, *clients) -> str:
    """Give other services' clients the browser's cookie (one host: every port sees it)."""
    value = cookie_from.get_cookie(COOKIE).value
    for client in clients:
        client.set_cookie(COOKIE, value)
    return value


def test_the_cookie_is_httponly_lax_and_renewed_at_sign_in(signin_app, provider):
    client = signin_app().test_client()
    before = client.get("/signin")
    answer = client.get(provider.authorize(before.headers["Location"]))

    header = answer.headers["Set-Cookie"]
    assert header.startswith(f"{COOKIE}=") and "HttpOnly" in header and "SameSite=Lax" in header
    assert "Secure" not in header  # plain http in tests; Secure where the public URL is https
    assert before.headers["Set-Cookie"].split(";")[0] != header.split(";")[0]


def test_every_service_reads_the_session_matching_created(signin_app, provider):
    matching = signin_app().test_client()
    sign_in(matching, provider)
    others = {name: signin_app(name).test_client() for name in ("intake", "timesheets", "notifications")}
    carry(matching, *others.values())

    for name, client in others.items():
        assert whoami(client)["name"] == "Casey Coordinator", name


def test_the_apply_forms_csrf_survives_a_visit_to_matching(signin_app, provider):
    """Intake's and matching's pages once had cookies of one name and two keys, each spoiling the other."""
    intake, matching = signin_app("intake").test_client(), signin_app().test_client()
    form = intake.get("/apply").get_data(as_text=True)
    csrf_token = form.split('name="csrf_token" value="')[1].split('"')[0]
    carry(intake, matching)
    assert matching.get("/signin").status_code == 302  # matching writes the session (the sign-in's state)
    carry(matching, intake)

    sent = intake.post("/apply", data={"csrf_token": csrf_token})

    assert sent.status_code == 422  # the form's answers are checked: the CSRF token still holds
    assert "This form had expired" not in sent.get_data(as_text=True)


def signed_in_clients(signin_app, provider, roles: list[str]) -> dict:
    """A test client per service, all with the cookie of one person holding `roles`."""
    provider.claims = {"roles": roles}
    clients = {name: signin_app(name).test_client() for name in ("matching", "intake", "timesheets", "notifications")}
    sign_in(clients["matching"], provider)
    carry(clients["matching"], *clients.values())
    return clients


def test_the_apis_take_the_session_with_the_same_role_checks(signin_app, provider):
    coordinator = signed_in_clients(signin_app, provider, ["coordinator"])

    assert coordinator["matching"].get("/coaches").status_code == 200
    assert coordinator["intake"].get("/applications").status_code == 200
    assert coordinator["timesheets"].get("/billing/statements?payer=district&period=2026-11").status_code == 200
    assert coordinator["timesheets"].get("/payroll/exports/any").status_code == 403  # payroll only
    assert coordinator["notifications"].get("/notifications").status_code == 403  # admin only


def test_an_admin_and_a_finance_officer_use_their_roles_within_their_scope(signin_app, provider):
    clients = signed_in_clients(signin_app, provider, ["admin", "finance:district"])

    assert clients["notifications"].get("/notifications").status_code == 200
    assert clients["timesheets"].get("/billing/statements?payer=district&period=2026-11").status_code == 200
    assert clients["timesheets"].get("/billing/statements?payer=federation&period=2026-11").status_code == 403
    assert clients["matching"].get("/coaches").status_code == 403


def test_a_change_made_with_the_session_needs_its_csrf_token(signin_app, provider):
    matching = signin_app().test_client()
    sign_in(matching, provider)
    coach = {"employee_id": "E-77", "name": "Robin", "email": "robin@district.example.org", "district": "BUSD",
             "programs": ["district_coaching"], "max_active_pairings": 2}

    without = matching.post("/coaches", json=coach)
    forged = matching.post("/coaches", json=coach, headers={"X-CSRFToken": "forged"})
    with_token = matching.post("/coaches", json=coach, headers={"X-CSRFToken": whoami(matching)["csrf_token"]})

    assert without.status_code == 401 and "CSRF" in without.get_json()["error"]["message"]
    assert forged.status_code == 401
    assert with_token.status_code == 201


def test_someone_without_a_role_may_apply_and_see_only_their_own_applications(signin_app, provider):
    provider.claims = {"roles": [], "employee_id": "E-NEW-1", "email": "new@district.example.org"}
    matching = signin_app().test_client()
    sign_in(matching, provider)
    intake = signin_app("intake").test_client()
    carry(matching, intake)
    mine = application()
    mine["teacher"]["employee_id"] = "E-NEW-1"
    sent = intake.post("/applications", json=mine).get_json()
    theirs = intake.post("/applications", json=application()).get_json()

    listed = intake.get("/mine").get_data(as_text=True)

    assert sent["id"] in listed and theirs["id"] not in listed
    assert intake.get(f"/applications/{sent['id']}").status_code == 200
    assert intake.get(f"/applications/{theirs['id']}").status_code == 403
    assert intake.get("/applications").status_code == 403
    assert matching.get("/coaches").status_code == 403


def test_a_page_for_signed_in_people_sends_others_to_sign_in(signin_app):
    answer = signin_app("intake").test_client().get("/mine")

    assert answer.status_code == 302 and "/signin?next=" in answer.headers["Location"]


def forged_cookie(app, **times) -> str:
    """The cookie of a signed-in coordinator whose sign-in or last request lies in the past."""
    now = time.time()
    data = {"sid": "s" * 32, "signed_in_at": now, "seen_at": now, **times, "person": {
        "iss": "https://provider.example.org", "sub": "p", "name": "Casey", "email": "casey@district.example.org",
        "email_verified": True, "roles": ["coordinator"]}}
    return app.session_interface.get_signing_serializer(app).dumps(data)


def test_a_session_past_its_idle_or_absolute_limit_is_refused(signin_app):
    app = signin_app(SESSION_IDLE_MINUTES="30", SESSION_MAX_HOURS="8")
    client = app.test_client()
    hour = 3600

    for times, signed_in in (({}, True), ({"seen_at": time.time() - hour}, False),
                             ({"signed_in_at": time.time() - 9 * hour}, False)):
        client.set_cookie(COOKIE, forged_cookie(app, **times))
        assert whoami(client)["signed_in"] is signed_in, times
        assert (client.get("/coaches").status_code == 200) is signed_in


def test_signing_out_ends_the_session_in_every_service(signin_app, provider, database_url, start_worker):
    matching_url, intake_url = database_url("matching"), database_url("intake")
    matching = signin_app("matching", matching_url).test_client()
    intake = signin_app("intake", intake_url).test_client()
    start_worker("matching", matching_url)
    start_worker("intake", intake_url)
    sign_in(matching, provider)
    copy = carry(matching, intake)
    token = whoami(matching)["csrf_token"]

    signed_out = matching.post("/signout", data={"csrf_token": token})
    matching.set_cookie(COOKIE, copy)  # a copy of the cookie kept from before

    assert signed_out.status_code == 302 and signed_out.headers["Location"].endswith("/?signed_out=1")
    assert whoami(matching)["signed_in"] is False
    assert matching.get("/coaches").status_code == 401
    eventually(lambda: intake.get("/session").get_json()["signed_in"] is False)
    intake.set_cookie(COOKIE, copy)
    assert intake.get("/applications").status_code == 401


def test_after_sign_in_the_browser_goes_back_only_to_one_of_the_four_services(signin_app):
    app = signin_app()

    with app.test_request_context():
        kept = [f"{public_url('timesheets')}/timesheets/c-1/2026-11", "/signout"]
        sent_home = ["https://evil.example.org/", "//evil.example.org/x", "/\\evil.example.org", None,
                     "javascript:alert(1)"]
        assert [safe_next(url) for url in kept] == kept
        assert {safe_next(url) for url in sent_home} == {home_url()}


def test_the_apply_form_is_filled_in_from_a_signed_in_teachers_identity(signin_app, provider):
    provider.claims = {"roles": [], "employee_id": "E-4321", "name": "Tess Van Teacher"}
    matching, intake = signin_app().test_client(), signin_app("intake").test_client()
    sign_in(matching, provider)
    carry(matching, intake)

    form = intake.get("/apply").get_data(as_text=True)
    anonymous = signin_app("intake").test_client().get("/apply").get_data(as_text=True)

    for name, value in (("employee_id", "E-4321"), ("first_name", "Tess"), ("last_name", "Van Teacher"),
                        ("email", "casey@district.example.org")):
        assert f'name="{name}" type="' in form and f'value="{value}"' in form, name
    assert 'value="E-4321"' not in anonymous and 'value="Tess"' not in anonymous
