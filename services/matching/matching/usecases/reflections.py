"""Reflections at the close of a pairing: its teacher and coach write one each; the pair and the coordinator read."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.models import Pairing
from matching.participants import pairing_for, role_in
from matching.plan_models import Reflection
from peercoach.principal import Principal
from peercoach.refusals import Conflict

AUTHORS = ("teacher", "coach")


def closed_pairing(session: Session, principal: Principal, pairing_id: str) -> Pairing:
    """The pairing, locked, if the principal is its teacher or coach and it has closed."""
    pairing = pairing_for(session, pairing_id, principal, *AUTHORS, lock=True)
    if pairing.status != "closed":
        raise Conflict("Reflections are written once the pairing has closed.", "pairing_not_closed")
    return pairing


def own(session: Session, pairing: Pairing, principal: Principal) -> Reflection | None:
    return session.scalars(select(Reflection).where(
        Reflection.pairing_id == pairing.id, Reflection.author_role == role_in(pairing, principal))).first()


def draft(session: Session, principal: Principal, pairing_id: str) -> str:
    """What the author sent before (to edit on the reflection page), or ""."""
    mine = own(session, closed_pairing(session, principal, pairing_id), principal)
    return mine.text if mine else ""


def submit(session: Session, principal: Principal, pairing_id: str, text: str) -> Reflection:
    """Keep the author's reflection, replacing the one they sent before."""
    pairing = closed_pairing(session, principal, pairing_id)
    reflection = own(session, pairing, principal) or Reflection(pairing_id=pairing.id,
                                                                author_role=role_in(pairing, principal))
    reflection.text, reflection.submitted_at = text, datetime.now(timezone.utc)
    session.add(reflection)
    session.flush()
    return reflection


def of_pairing(session: Session, principal: Principal, pairing_id: str) -> list[Reflection]:
    pairing = pairing_for(session, pairing_id, principal)
    return list(session.scalars(select(Reflection).where(Reflection.pairing_id == pairing.id)
                                .order_by(Reflection.author_role)))
