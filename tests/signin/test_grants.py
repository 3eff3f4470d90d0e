"""Roles an admin grants by email: honoured by every service from the event on, never copied into the
cookie, audited, and stopped everywhere by a revoke."""
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from peercoach.db import Database
from peercoach.events.envelope import Envelope
from peercoach.testing.events import deliver
from peercoach.web import grants
from tests.helpers import eventually
from tests.signin.conftest import sign_in, whoami
from tests.signin.test_session import carry
from timesheets.models import tables

EMAIL = "casey@district.example.org"  # the test provider's person, email verified
WAITING = "/timesheets?status=submitted&period=2026-11"  # timesheets: coordinators only


def signed_in_without_a_role(signin_app, provider, database_url, start_worker):
    """Matching and timesheets with their workers, and the test provider's person signed in with no role
    claimed: test clients of the two services sharing the session cookie."""
    matching_url, timesheets_url = database_url("matching"), database_url("timesheets")
    matching = signin_app("matching", matching_url).test_client()
    timesheets = signin_app("timesheets", timesheets_url).test_client()
    start_worker("matching", matching_url)
    start_worker("timesheets", timesheets_url)
    provider.claims = {"roles": []}
    sign_in(matching, provider)
    carry(matching, timesheets)
    return matching, timesheets


def test_a_granted_role_works_in_every_service_until_it_is_revoked(signin_app, provider, database_url,
                                                                  start_worker, token):
    matching, timesheets = signed_in_without_a_role(signin_app, provider, database_url, start_worker)
    admin = token("admin", sub="ops", email="ops@federation.example.org")
    assert matching.get("/coaches").status_code == 403 and timesheets.get(WAITING).status_code == 403

    granted = matching.post("/grants", json={"email": EMAIL.upper(), "role": "coordinator"}, headers=admin)

    assert granted.status_code == 201, granted.get_json()
    assert granted.get_json()["email"] == EMAIL and granted.get_json()["granted_by"] == "ops@federation.example.org"
    assert matching.get("/coaches").status_code == 200  # matching keeps it in the grant's own transaction
    eventually(lambda: timesheets.get(WAITING).status_code == 200)  # timesheets once role.granted arrived
    assert "coordinator" in whoami(timesheets)["roles"]
    assert "coordinator" not in str(matching.get_cookie("peercoach_session").value)  # nothing in the cookie

    grant_id = granted.get_json()["id"]
    assert matching.delete(f"/grants/{grant_id}", headers=admin).status_code == 204
    assert matching.get("/coaches").status_code == 403
    eventually(lambda: timesheets.get(WAITING).status_code == 403)

    trail = matching.get("/audit", headers=token("coordinator")).get_json()["items"]
    actions = [(entry["action"], entry["details"].get("grant_id")) for entry in trail]
    assert ("role.granted", grant_id) in actions and ("role.revoked", grant_id) in actions


def test_a_grant_needs_the_email_verified_by_the_provider(signin_app, provider, token):
    matching = signin_app().test_client()
    admin = token("admin")
    assert matching.post("/grants", json={"email": EMAIL, "role": "payroll"}, headers=admin).status_code == 201
    provider.claims = {"roles": [], "email_verified": False}
    sign_in(matching, provider)

    assert "payroll" not in whoami(matching)["roles"]


def test_only_an_admin_grants_and_mistakes_are_named(signin_app, token):
    matching = signin_app().test_client()
    admin = token("admin")
    body = {"email": "fran@district.example.org", "role": "finance:district", "districts": ["BUSD"]}

    assert matching.post("/grants", json=body, headers=token("coordinator")).status_code == 403
    assert matching.post("/grants", json=body, headers=admin).status_code == 201
    again = matching.post("/grants", json=body, headers=admin)
    scoped_wrongly = matching.post("/grants", json={**body, "role": "payroll"}, headers=admin)
    unknown = matching.post("/grants", json={**body, "role": "coach"}, headers=admin)

    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_granted"
    assert scoped_wrongly.status_code == 422 and "districts" in scoped_wrongly.get_json()["error"]["fields"]
    assert unknown.status_code == 422 and "role" in unknown.get_json()["error"]["fields"]
    assert matching.delete("/grants/no-such-grant", headers=admin).status_code == 404
    listed = matching.get("/grants", headers=admin).get_json()
    assert [(g["email"], g["role"], g["districts"]) for g in listed] == [
        ("fran@district.example.org", "finance:district", ["BUSD"])]


def test_the_first_admin_comes_from_the_command_line(signin_app, provider, database_url, jwt_secret):
    url = database_url("matching")
    matching = signin_app("matching", url).test_client()
    env = {"PATH": "/usr/bin:/bin", "MATCHING_DATABASE_URL": url, "PEERCOACH_JWT_SECRET": jwt_secret}

    done = subprocess.run([str(Path(sys.executable).with_name("peercoach")), "grant", EMAIL, "admin"],
                          capture_output=True, text=True, env=env)

    assert done.returncode == 0, done.stderr
    assert f"granted admin to {EMAIL}" in done.stdout
    provider.claims = {"roles": []}
    sign_in(matching, provider)
    assert "admin" in whoami(matching)["roles"]


def test_a_finance_officer_granted_some_districts_reads_only_theirs(
        signin_app, provider, database_url, start_worker, token):
    matching, timesheets = signed_in_without_a_role(signin_app, provider, database_url, start_worker)
    body = {"email": EMAIL, "role": "finance:district", "districts": ["SD-61"]}
    assert matching.post("/grants", json=body, headers=token("admin")).status_code == 201
    eventually(lambda: "finance:district" in whoami(timesheets)["roles"])

    def statement(district: str):
        return timesheets.get(f"/pages/statements?period=2026-10&district={district}").status_code

    assert statement("SD-61") == 200 and statement("SD-23") == 403  # the grant's districts reach every check


def test_a_revoke_heard_before_its_grant_waits_for_it_and_the_grant_never_comes_back(database_url):
    db = Database(database_url("timesheets"))
    granted = {"grant_id": str(uuid.uuid4()), "email": EMAIL, "role": "payroll", "districts": [],
               "granted_by": "ops@federation.example.org", "granted_at": "2026-12-01T10:00:00+00:00"}
    revoked = Envelope.new(grants.REVOKED, {key: granted[key] for key in ("grant_id", "email", "role")},
                           producer="matching")

    with pytest.raises(LookupError):  # retried by the consumer until the grant has arrived
        deliver("timesheets", db, revoked)
    deliver("timesheets", db, grants.GRANTED, granted, producer="matching")
    deliver("timesheets", db, revoked)

    with db.transaction() as session:
        assert grants.roles_of(session, tables.outbox.metadata, EMAIL) == []
    db.dispose()
