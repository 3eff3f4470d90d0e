"""Document 003: "A peer consultant will not give reports to any person except as agreed to, in advance,
by the member receiving the services, the local president, and the peer consultant."

The member agrees with the teacher's token, the consultant with the coach's; there is no role for the
local president, so the coordinator records the president's agreement on their behalf, naming them.
A release to a recipient any of the three has not agreed to is refused and the attempt audited.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching import audit
from matching.disclosure_models import PARTIES, Agreement, Report
from matching.models import Pairing
from matching.participants import pairing_for, role_in
from peercoach.principal import Principal
from peercoach.refusals import Conflict, Forbidden, RuleBroken

PARTY_OF_ROLE = {"teacher": "member", "coach": "consultant", "coordinator": "local_president"}
CASE_PROGRAM = "peer_support_service"


def recipient_key(recipient: str) -> str:
    """The same recipient however it is spaced or capitalised."""
    return " ".join(recipient.split()).casefold()


def case(session: Session, principal: Principal, pairing_id: str, *roles: str) -> Pairing:
    pairing = pairing_for(session, pairing_id, principal, *roles, lock=True)
    if pairing.program != CASE_PROGRAM:
        raise Conflict("Disclosure agreements belong to peer support cases only.", "not_peer_support")
    return pairing


def agree(session: Session, principal: Principal, pairing_id: str, recipient: str,
          president_name: str | None) -> Agreement:
    """Record the caller's party's agreement (the coordinator's on the local president's behalf)."""
    pairing = case(session, principal, pairing_id)
    party = PARTY_OF_ROLE[role_in(pairing, principal)]
    if (party == "local_president") != (president_name is not None):
        why = "The coordinator names the local president who agreed." if party == "local_president" \
            else "Only the coordinator records the local president's agreement."
        raise RuleBroken(why, "president_by_coordinator", field="president_name")
    key = recipient_key(recipient)
    existing = session.scalars(select(Agreement).where(Agreement.pairing_id == pairing.id, Agreement.party == party,
                                                       Agreement.recipient_key == key)).first()
    if existing is not None:
        return existing
    agreement = Agreement(pairing_id=pairing.id, party=party, recipient=recipient.strip(), recipient_key=key,
                          president_name=president_name, recorded_by=f"{principal.role}:{principal.sub}")
    session.add(agreement)
    session.flush()
    audit.record(session, principal, "disclosure.agreed", pairing.id, party=party,
                 recipient=agreement.recipient,
                 **({"president_name": president_name} if president_name else {}))
    return agreement


def missing_parties(session: Session, pairing: Pairing, recipient: str) -> list[str]:
    agreed = set(session.scalars(select(Agreement.party).where(
        Agreement.pairing_id == pairing.id, Agreement.recipient_key == recipient_key(recipient))))
    return [party for party in PARTIES if party not in agreed]


def release(session: Session, principal: Principal, pairing_id: str, recipient: str,
            content: str) -> Report | list[str]:
    """The released report, or the parties that have not agreed (the refusal is audited, not the content).

    A refusal is returned rather than raised, so that its audit entry commits; `not_agreed` words it."""
    pairing = case(session, principal, pairing_id, "coach")
    missing = missing_parties(session, pairing, recipient)
    if missing:
        audit.record(session, principal, "disclosure.refused", pairing.id, recipient=recipient.strip(),
                     missing=missing)
        return missing
    report = Report(pairing_id=pairing.id, recipient=recipient.strip(), content=content,
                    released_by=f"{principal.role}:{principal.sub}")
    session.add(report)
    session.flush()
    audit.record(session, principal, "disclosure.released", pairing.id, report_id=report.id,
                 recipient=report.recipient)
    return report


def not_agreed(missing: list[str]) -> Forbidden:
    return Forbidden(f"Not agreed in advance by: {', '.join(missing)}.", "disclosure_not_agreed",
                     {"recipient": [f"Not agreed in advance by: {', '.join(missing)}."]})


def agreements(session: Session, principal: Principal, pairing_id: str) -> list[Agreement]:
    pairing = pairing_for(session, pairing_id, principal)
    return list(session.scalars(select(Agreement).where(Agreement.pairing_id == pairing.id)
                                .order_by(Agreement.agreed_at, Agreement.id)))


def reports(session: Session, principal: Principal, pairing_id: str) -> list[Report]:
    pairing = pairing_for(session, pairing_id, principal)
    return list(session.scalars(select(Report).where(Report.pairing_id == pairing.id)
                                .order_by(Report.released_at, Report.id)))
