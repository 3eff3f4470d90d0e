"""Who may open which page: every page without an id in its path, in every service, for a person signed in
(the browser session) in each role, and for nobody signed in. The pages' own flows (tests/pages) prove
the pages with ids: another coach's pairing or entry is not found, another teacher's case is refused."""
from datetime import date

import pytest

from tests.signin.conftest import sign_in
from tests.signin.test_session import carry

PERIOD = date.today().strftime("%Y-%m")
EVERYONE = {"coordinator", "coach", "teacher", "payroll", "finance", "admin", "no role"}
PAGES = {
    ("intake", "/mine"): EVERYONE,
    ("matching", "/pages/reviews"): {"coordinator"},
    ("matching", "/pages/proposals"): {"coordinator"},
    ("matching", "/pages/pairings"): {"coordinator"},
    ("matching", "/pages/coaches"): {"coordinator"},
    ("matching", "/pages/coaches/new"): {"coordinator"},
    ("matching", "/pages/report"): {"coordinator"},
    ("matching", "/pages/audit"): {"coordinator"},
    ("matching", "/pages/cases"): {"coordinator", "coach", "teacher"},
    ("matching", "/pages/grants"): {"admin"},
    ("matching", "/pages/credentials"): {"admin"},
    ("timesheets", "/pages/timesheets"): {"coordinator"},
    ("timesheets", "/pages/hours"): {"coordinator"},
    ("timesheets", "/pages/rates"): {"coordinator", "payroll", "finance"},
    ("timesheets", "/pages/payroll"): {"payroll"},
    ("timesheets", "/pages/statements"): {"finance"},
    ("timesheets", f"/pages/statements/{PERIOD}/print"): {"finance"},
    ("timesheets", "/pages/pairings"): {"coach"},
    ("timesheets", "/pages/log"): {"coach"},
    ("timesheets", f"/pages/months/{PERIOD}"): {"coach"},
    ("timesheets", "/pages/my-coaching"): {"teacher"},
}
COACH = {"employee_id": "C-PAGES-1", "name": "Robin Coach", "email": "robin@district.example.org",
         "district": "BUSD", "programs": ["district_coaching"], "max_active_pairings": 2}
CLAIMS = {"coordinator": {"roles": ["coordinator"]}, "coach": {"roles": ["coach"], "email": COACH["email"]},
          "teacher": {"roles": [], "employee_id": "E-PAGES-1"}, "payroll": {"roles": ["payroll"]},
          "finance": {"roles": ["finance:district"]}, "admin": {"roles": ["admin"]}, "no role": {"roles": []}}

@pytest.fixture
def services(signin_app, token):
    apps = {name: signin_app(name) for name in ("matching", "intake", "timesheets")}
    added = apps["matching"].test_client().post("/coaches", json=COACH, headers=token("coordinator"))
    assert added.status_code == 201  # the coach signs in with this entry's email, which links them to it
    return apps


def test_each_page_opens_for_its_roles_only(services, provider, subtests):
    for role, claims in CLAIMS.items():
        provider.claims = claims
        clients = {name: app.test_client() for name, app in services.items()}
        sign_in(clients["matching"], provider)
        carry(clients["matching"], *clients.values())
        for (service, path), allowed in PAGES.items():
            with subtests.test(role=role, page=f"{service} {path}"):
                answer = clients[service].get(path)
                assert answer.status_code == (200 if role in allowed else 403), answer.get_data(as_text=True)[:300]
                assert answer.mimetype == "text/html"


def test_nobody_signed_in_is_sent_to_sign_in(services, subtests):
    for (service, path), _allowed in PAGES.items():
        with subtests.test(page=f"{service} {path}"):
            answer = services[service].test_client().get(path)
            assert answer.status_code == 302 and "/signin" in answer.headers["Location"]
