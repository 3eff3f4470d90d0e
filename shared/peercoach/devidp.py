"""The development identity provider `make run` starts: oidc-provider-mock with demo people.

oidc-provider-mock (PyPI, a development dependency) is a real OpenID Connect provider whose
authorize page lets you say who you are: type a subject, or press the button of one of the
people registered here with their claims. Know its limits: it accepts any client id and secret,
ignores PKCE, keeps no login session (every sign-in shows its form), and takes its issuer from
the request's Host header, so the browser and the services must reach it under the same name
(`OIDC_ISSUER`, by default http://localhost:9400).

These people are demo people: they exist only in this development provider. The README lists
them (a test keeps that table and this list the same).
"""
from __future__ import annotations

import json

DOMAIN = "demo.example.org"
DEFAULT_PORT = 9400
DEMO_COACH_EMPLOYEE_ID = "DEMO-COACH-1"


def _person(sub: str, name: str, role: str, **claims) -> dict:
    return {"sub": sub, "name": name, "email": f"{sub}@{DOMAIN}", "email_verified": True,
            "what": role, **claims}


# `what` is for the README table only; it is not sent as a claim.
DEMO_PEOPLE: list[dict] = [
    _person("coordinator", "Casey Coordinator", "program coordinator", roles=["coordinator"]),
    _person("coach", "Robin Coach", "coach (on the roster by this verified email; `make run` adds the entry)",
            roles=["coach"]),
    _person("teacher", "Tess Teacher", "teacher (by the employee id claim)", employee_id="DEMO-T-1001"),
    _person("payroll", "Pat Payroll", "payroll clerk", roles=["payroll"]),
    _person("finance", "Fran Finance", "finance officer of the district (payer district)",
            roles=["finance:district"]),
    _person("federation-finance", "Fed Finance", "finance officer of the federation (payer federation)",
            roles=["finance:federation"]),
    _person("admin", "Alex Admin", "administrator", roles=["admin"]),
    _person("newcomer", "Nico Newcomer", "anyone without a role: may apply and see their own applications"),
]


def claims(person: dict) -> dict:
    """What the provider says about a demo person (their ID token's claims besides the standard ones)."""
    return {key: value for key, value in person.items() if key != "what"}


def arguments(port: int = DEFAULT_PORT, host: str = "127.0.0.1") -> list[str]:
    """The command line of oidc-provider-mock for these people (nonce required, short tokens)."""
    args = ["--port", str(port), "--host", host, "--require-nonce", "true"]
    for person in DEMO_PEOPLE:
        args += ["--user-claims", json.dumps(claims(person))]
    return args


def run(port: int = DEFAULT_PORT, host: str = "127.0.0.1") -> None:
    try:
        from oidc_provider_mock.__main__ import run as mock
    except ImportError as exc:  # a production image has no development provider
        raise SystemExit("oidc-provider-mock is not installed (pip install -r requirements-dev.txt)") from exc
    mock.main(arguments(port, host), prog_name="peercoach dev-idp")
