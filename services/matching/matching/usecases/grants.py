"""Roles an admin grants by email, and revokes (peercoach.web.grants): each change in the audit trail
and announced to every service in the same transaction."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from marshmallow import ValidationError, validate
from sqlalchemy.orm import Session

from matching import audit
from matching.models import outbox, tables
from peercoach.principal import Principal
from peercoach.refusals import Conflict, NotFound, RuleBroken
from peercoach.web import grants


def valid_email(email: str) -> bool:
    """The same rule as the API's email field."""
    try:
        validate.Email()(email)
    except ValidationError:
        return False
    return len(email) <= 254


def listed(session: Session) -> list[dict]:
    return grants.listed(session, tables.outbox.metadata)


def grant(session: Session, principal: Principal, email: str, role: str, districts: tuple[str, ...] = ()) -> dict:
    """Give whoever signs in with `email` (as their provider verifies it) the role `role`."""
    email = email.strip().lower()
    if not valid_email(email):
        raise RuleBroken("Enter the email address the person signs in with, like name@district.example.",
                         "invalid_email", field="email")
    if role not in grants.GRANTABLE:
        raise RuleBroken(f"Choose one of: {', '.join(grants.GRANTABLE)}.", "unknown_role", field="role")
    if districts and role != "finance:district":
        raise RuleBroken("Only a finance officer of the district payer is limited to districts.",
                         "districts_not_allowed", field="districts")
    if grants.held(session, tables.outbox.metadata, email, role):
        raise Conflict(f"{email} holds {role} already.", "already_granted")
    row = {"id": str(uuid.uuid4()), "email": email, "role": role, "districts": sorted(set(districts)),
           "granted_at": datetime.now(timezone.utc), "granted_by": principal.email or principal.sub}
    payload = grants.payload(row)
    grants.keep(session, tables.outbox.metadata, payload | {"granted_at": row["granted_at"]})
    audit.record(session, principal, "role.granted", grant_id=row["id"], email=email, role=role)
    outbox.record(session, grants.GRANTED, payload)
    return row


def revoke(session: Session, principal: Principal, grant_id: str) -> dict:
    """Take a grant back: every service stops honouring it once the event arrives."""
    found = grants.find(session, tables.outbox.metadata, grant_id)
    if found is None:
        raise NotFound("No such grant.", "grant_not_found")
    grants.forget(session, tables.outbox.metadata, grant_id)
    audit.record(session, principal, "role.revoked", grant_id=grant_id, email=found["email"],
                 role=found["role"])
    outbox.record(session, grants.REVOKED, {"grant_id": grant_id, "email": found["email"], "role": found["role"]})
    return found
