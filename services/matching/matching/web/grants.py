"""/pages/grants (admin): who holds which role by grant; grant a role by email; revoke a grant."""
from __future__ import annotations

from flask import Blueprint, request, url_for
from werkzeug.datastructures import MultiDict

from matching.usecases import grants
from peercoach.principal import Principal
from peercoach.refusals import Conflict, RuleBroken
from peercoach.web.app import context
from peercoach.web.forms import done, errors_of
from peercoach.web.grants import GRANTABLE
from peercoach.web.pages import for_roles, page

blueprint = Blueprint("grant_pages", __name__)
FIELDS = {"email", "role", "districts"}
ROLE_NAMES = {"admin": "Administrator", "coordinator": "Program coordinator", "payroll": "Payroll clerk",
              "finance:district": "Finance officer of the district",
              "finance:federation": "Finance officer of the federation"}


def grants_page(values: MultiDict, errors: dict | None = None, status: int = 200):
    with context().db.transaction() as session:
        current = grants.listed(session)
    return page("grants.html", status, grants=current, values=values, errors=errors or {},
                roles=[(role, ROLE_NAMES[role]) for role in GRANTABLE], role_names=ROLE_NAMES)


@blueprint.get("/pages/grants")
@for_roles("admin")
def show(_principal: Principal):
    return grants_page(MultiDict())


@blueprint.post("/pages/grants")
@for_roles("admin")
def grant(principal: Principal):
    form = request.form
    email = form.get("email", "").strip()
    districts = tuple(part.strip() for part in form.get("districts", "").split(",") if part.strip())
    role = form.get("role", "")
    try:
        with context().db.transaction() as session:
            granted = grants.grant(session, principal, email, role, districts)
    except (RuleBroken, Conflict) as refusal:
        return grants_page(form, errors_of(refusal, FIELDS) if refusal.fields else {"email": [refusal.message]}, 422)
    return done(url_for(".show"), f"{granted['email']} is now {ROLE_NAMES[role].lower()}.")


@blueprint.post("/pages/grants/<grant_id>/revoke")
@for_roles("admin")
def revoke(principal: Principal, grant_id: str):
    with context().db.transaction() as session:
        revoked = grants.revoke(session, principal, grant_id)
    return done(url_for(".show"), f"{revoked['email']} no longer holds {ROLE_NAMES[revoked['role']].lower()}.")
