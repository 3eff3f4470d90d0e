"""Peer support cases (document 003) in the browser: /pages/cases lists the cases the person takes part in;
/pages/cases/<id> shows, per recipient, which of the three parties (member, local president, consultant)
agreed in advance and who recorded each; each party records its own agreement (the coordinator the local
president's, naming them), and the consultant releases a report only to a recipient all three agreed to.
The same use cases and request schemas as the disclosure API."""
from __future__ import annotations

from flask import Blueprint, request, url_for
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from matching.api.disclosure import AgreementSchema, ReportSchema
from matching.disclosure_models import PARTIES
from matching.participants import PARTICIPANTS, role_in
from matching.usecases import disclosure, pairings
from peercoach.principal import Principal
from peercoach.refusals import Conflict, Forbidden, RuleBroken
from peercoach.web.app import context
from peercoach.web.errors import flatten_fields
from peercoach.web.forms import done, errors_of
from peercoach.web.pages import for_roles, page

blueprint = Blueprint("case_pages", __name__)
PARTY_NAMES = {"member": "The member (teacher)", "local_president": "The local president",
               "consultant": "The peer consultant"}
LISTED = 50


def by_recipient(agreements) -> list[dict]:
    """Each recipient with the agreement of each party (None where that party has not agreed)."""
    recipients: dict[str, dict] = {}
    for agreement in agreements:
        entry = recipients.setdefault(agreement.recipient_key, {"recipient": agreement.recipient,
                                                                 "parties": dict.fromkeys(PARTIES)})
        entry["parties"][agreement.party] = agreement
    for entry in recipients.values():
        entry["agreed"] = all(entry["parties"].values())
    return list(recipients.values())


def case_page(principal: Principal, pairing_id: str, values: MultiDict | None = None, errors: dict | None = None,
              status: int = 200):
    with context().db.transaction() as session:
        pairing = disclosure.case(session, principal, pairing_id)
        recipients = by_recipient(disclosure.agreements(session, principal, pairing_id))
        released = disclosure.reports(session, principal, pairing_id)
        my_party = disclosure.PARTY_OF_ROLE[role_in(pairing, principal)]
    return page("case.html", status, pairing=pairing, recipients=recipients, released=released,
                my_party=my_party, party_names=PARTY_NAMES, parties=PARTIES, values=values or MultiDict(),
                errors=errors or {})


@blueprint.get("/pages/cases")
@for_roles(*PARTICIPANTS)
def cases(principal: Principal):
    with context().db.transaction() as session:
        found = [p for p in pairings.pairings(session, principal) if p.program == disclosure.CASE_PROGRAM]
    return page("cases.html", cases=found[:LISTED], more=len(found) > LISTED)


@blueprint.get("/pages/cases/<pairing_id>")
@for_roles(*PARTICIPANTS)
def show(principal: Principal, pairing_id: str):
    return case_page(principal, pairing_id)


@blueprint.post("/pages/cases/<pairing_id>/agreements")
@for_roles(*PARTICIPANTS)
def agree(principal: Principal, pairing_id: str):
    form = request.form
    try:
        data = AgreementSchema().load({"recipient": form.get("recipient", ""),
                                       **({"president_name": form.get("president_name", "")}
                                          if principal.role == "coordinator" else {})})
        with context().db.transaction() as session:
            agreement = disclosure.agree(session, principal, pairing_id, data["recipient"], data["president_name"])
    except ValidationError as invalid:
        return case_page(principal, pairing_id, form, flatten_fields(invalid.messages), 422)
    except (RuleBroken, Conflict) as refusal:
        return case_page(principal, pairing_id, form, errors_of(refusal, {"recipient", "president_name"}), 422)
    party = PARTY_NAMES[agreement.party].lower()
    return done(url_for(".show", pairing_id=pairing_id),
                f"Recorded: {party} agrees to reports going to {agreement.recipient}.")


@blueprint.post("/pages/cases/<pairing_id>/reports")
@for_roles("coach")
def release(principal: Principal, pairing_id: str):
    form = request.form
    try:
        data = ReportSchema().load({"recipient": form.get("report_recipient", ""), "content": form.get("content", "")})
        with context().db.transaction() as session:
            released = disclosure.release(session, principal, pairing_id, data["recipient"], data["content"])
        if isinstance(released, list):
            raise disclosure.not_agreed(released)
    except ValidationError as invalid:
        errors = flatten_fields(invalid.messages)
        errors = {("report_recipient" if name == "recipient" else name): messages for name, messages in errors.items()}
        return case_page(principal, pairing_id, form, errors, 422)
    except Forbidden as refusal:
        if refusal.code != "disclosure_not_agreed":
            raise
        return case_page(principal, pairing_id, form, {"report_recipient": [refusal.message]}, 422)
    return done(url_for(".show", pairing_id=pairing_id), f"The report to {released.recipient} is released.")
