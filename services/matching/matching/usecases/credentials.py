"""Machine credentials (admin): create one (its secret is given back once, only its hash is kept), list
them with their last use, revoke one. Every change goes to the other services as an event
(peercoach.web.machine_credentials), so they accept or refuse the credential as matching says."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from matching.models import outbox, tables
from peercoach.principal import Principal
from peercoach.refusals import Conflict, NotFound, RuleBroken
from peercoach.web import machine_credentials as kept
from peercoach.web.auth import PAYERS

ROLES = ("payroll", "finance")
MAX_DISTRICTS = 50


def _table():
    return tables.outbox.metadata.tables[kept.TABLE]


@dataclass(frozen=True)
class Created:
    credential: dict
    secret: str  # shown to the admin once, then gone


def _checked(name: str, role: str, payer: str | None, districts: list[str]) -> tuple[str, str | None, list[str]]:
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise RuleBroken("Give the credential a name of 1 to 100 characters, e.g. the system that uses it.",
                         field="name")
    if role not in ROLES:
        raise RuleBroken("A machine credential acts as payroll or as finance.", field="role")
    if role == "payroll":
        if payer or districts:
            raise RuleBroken("A payroll credential has no payer or districts.", field="payer")
        return name, None, []
    if payer not in PAYERS:
        raise RuleBroken("A finance credential reads the statements of one payer: choose federation or district.",
                         field="payer")
    districts = sorted({district.strip() for district in districts if district.strip()})
    if districts and payer != "district":
        raise RuleBroken("Only a credential for the district payer is limited to districts.", field="districts")
    if len(districts) > MAX_DISTRICTS or any(len(district) > 100 for district in districts):
        raise RuleBroken(f"At most {MAX_DISTRICTS} districts, each at most 100 characters.", field="districts")
    return name, payer, districts


def create(session: Session, admin: Principal, name: str, role: str, payer: str | None = None,
           districts: list[str] | tuple[str, ...] = ()) -> Created:
    """A new credential, active at once here and, once its event arrives, in every other service."""
    name, payer, districts = _checked(name, role, payer, list(districts))
    table = _table()
    taken = session.scalar(select(func.count()).select_from(table).where(
        table.c.name == name, table.c.revoked_at.is_(None)))
    if taken:
        raise Conflict("An active credential already has this name: revoke it first or choose another name.",
                       "name_taken", {"name": ["An active credential already has this name."]})
    secret = kept.new_secret()
    row = {"id": str(uuid.uuid4()), "name": name, "role": role, "payer": payer, "districts": districts,
           "secret_hash": kept.hash_of(secret), "created_at": datetime.now(timezone.utc),
           "created_by": admin.email or admin.sub}
    session.execute(table.insert().values(**row))
    outbox.record(session, kept.ISSUED, kept.issued_payload(row))
    return Created(_shown(row), secret)


def _shown(row) -> dict:
    """A credential as the admin sees it: never its hash."""
    data = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    data.pop("secret_hash", None)
    data.setdefault("revoked_at", None)
    data.setdefault("last_used_at", None)
    for moment in ("created_at", "revoked_at", "last_used_at"):
        if data[moment] is not None and data[moment].tzinfo is None:
            data[moment] = data[moment].replace(tzinfo=timezone.utc)
    data["active"] = data["revoked_at"] is None
    return data


def listing(session: Session, active: bool | None = None, page: int = 1, page_size: int = 20) -> dict:
    """Active ones first, then newest first; only active (or revoked) ones when asked."""
    table = _table()
    statement = select(table)
    if active is not None:
        statement = statement.where(table.c.revoked_at.is_(None) if active else table.c.revoked_at.is_not(None))
    total = session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = session.execute(statement.order_by(table.c.revoked_at.is_not(None), table.c.created_at.desc(),
                                              table.c.id).offset((page - 1) * page_size).limit(page_size))
    return {"items": [_shown(row) for row in rows], "total": total, "page": page, "page_size": page_size}


def credential(session: Session, credential_id: str) -> dict:
    table = _table()
    row = session.execute(select(table).where(table.c.id == credential_id)).first()
    if row is None:
        raise NotFound("No machine credential with this id.")
    return _shown(row)


def revoke(session: Session, credential_id: str) -> dict:
    """Revoke one credential (no other changes); revoking it again changes nothing."""
    found = credential(session, credential_id)
    if not found["active"]:
        return found
    table = _table()
    revoked_at = datetime.now(timezone.utc)
    session.execute(update(table).where(table.c.id == credential_id).values(revoked_at=revoked_at))
    outbox.record(session, kept.REVOKED, {"id": credential_id, "revoked_at": revoked_at.isoformat()})
    return credential(session, credential_id)
