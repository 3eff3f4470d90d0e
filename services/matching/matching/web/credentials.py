"""/pages/credentials: an admin creates a machine credential (its secret shown once), sees every credential
with its last use, and revokes one. The same use cases as the JSON API (matching.usecases.credentials).

Creating answers the POST with the page that shows the secret, not with a redirect: a redirect would
have to carry the secret in a URL or in the session cookie, and the secret is kept nowhere. The page is
never cached (peercoach.web.pages sends `Cache-Control: no-store`) and reloading it cannot create a
second credential silently (the name is taken by the first).
"""
from __future__ import annotations

from flask import Blueprint, request, url_for
from werkzeug.datastructures import MultiDict

from matching.usecases import credentials
from peercoach.principal import Principal
from peercoach.refusals import Conflict, RuleBroken
from peercoach.web.app import context
from peercoach.web.forms import done, errors_of
from peercoach.web.pages import for_roles, page

blueprint = Blueprint("credentials_pages", __name__)
KINDS = [("payroll", "Payroll", "Lists and downloads payroll batches."),
         ("finance:federation", "Finance, federation", "Reads the federation's statements and batch totals."),
         ("finance:district", "Finance, districts", "Reads the districts' statements and batch totals.")]
FIELDS = {"name", "kind", "districts"}
PAGE_SIZE = 20


def districts_of(text: str) -> list[str]:
    """"SD-61, BUSD" -> ["SD-61", "BUSD"]."""
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def credentials_page(values: MultiDict, errors: dict | None = None, status: int = 200):
    try:
        number = max(int(request.args.get("page", 1)), 1)
    except ValueError:
        number = 1
    with context().db.transaction() as session:
        listed = credentials.listing(session, page=number, page_size=PAGE_SIZE)
    return page("credentials.html", status, values=values, errors=errors or {}, kinds=KINDS, listed=listed,
                pages=max((listed["total"] + PAGE_SIZE - 1) // PAGE_SIZE, 1))


@blueprint.get("/pages/credentials")
@for_roles("admin")
def show(_admin: Principal):
    return credentials_page(MultiDict())


@blueprint.post("/pages/credentials")
@for_roles("admin")
def create(admin: Principal):
    form = request.form
    role, _, payer = form.get("kind", "").partition(":")
    try:
        with context().db.transaction() as session:
            created = credentials.create(session, admin, form.get("name", ""), role, payer or None,
                                         districts_of(form.get("districts", "")))
    except (RuleBroken, Conflict) as refusal:
        errors = errors_of(refusal, {"name", "role", "payer", "districts"})
        for field in ("role", "payer"):
            if field in errors:
                errors["kind"] = errors.pop(field)
        return credentials_page(form, errors, refusal.status)
    return page("credential_created.html", 201, credential=created.credential, secret=created.secret)


@blueprint.get("/pages/credentials/<credential_id>/revoke")
@for_roles("admin")
def confirm_revoke(_admin: Principal, credential_id: str):
    """Ask first: the system using the credential is refused from then on."""
    with context().db.transaction() as session:
        found = credentials.credential(session, credential_id)
    if not found["active"]:
        return done(url_for("credentials_pages.show"), f"“{found['name']}” was already revoked.")
    return page("credential_revoke.html", credential=found)


@blueprint.post("/pages/credentials/<credential_id>/revoke")
@for_roles("admin")
def revoke(_admin: Principal, credential_id: str):
    with context().db.transaction() as session:
        revoked = credentials.revoke(session, credential_id)
    return done(url_for("credentials_pages.show"),
                f"“{revoked['name']}” is revoked: every service refuses it as soon as it hears so.")
