"""Every template rendered for every event: right people, no confidential text, safe HTML."""
from __future__ import annotations

import itertools
from importlib.resources import files

import pytest
from sqlalchemy import select

from notifications.compose import compose
from notifications.config import Config
from notifications.models import Delivery
from notifications.rendering import PROGRAM_NAMES
from peercoach.events.contracts import PROGRAMS, REFERRALS

COORDINATOR = "coordinator@district.example.org"
REFERRAL_WORDS = ("plan of assistance", "plan_of_assistance", "pre-evaluation", "pre_evaluation",
                  "referral", "concern")


def every_event(sample, program: str, referral: str) -> list[tuple[str, dict]]:
    hostile = sample.teacher() | {"first_name": "<script>alert(1)</script>"}
    return [
        ("application.submitted", sample.submitted(program=program, referral=referral, teacher=hostile)),
        ("application.approved", sample.approved(program=program)),
        ("application.denied", sample.denied(program=program, reason="Apply again <b>after</b> June.")),
        ("application.withdrawn", sample.withdrawn(program=program, withdrawn_by="coordinator")),
        ("application.withdrawn", sample.withdrawn(program=program)),
        ("pairing.created", sample.pairing_created(program=program, referral=referral,
                                                   learning_partner=sample.partner())),
        ("pairing.created", sample.pairing_created(program=program, referral=referral, release_half_days=0)),
        ("pairing.hours_extended", sample.hours_extended()),
        ("pairing.closed", sample.pairing_closed(program=program)),
        ("timesheet.submitted", sample.timesheet()),
        ("timesheet.approved", sample.timesheet()),
        ("timesheet.rejected", sample.timesheet(reason="Two entries on 3 November overlap.")),
        ("hours.threshold_reached", sample.threshold()),
    ]


def participants(payload: dict) -> dict[str, str]:
    """Each address named in an event, with the part it plays."""
    roles = {"teacher": "teacher", "coach": "coach", "learning_partner": "partner"}
    return {payload[key]["email"]: role for key, role in roles.items() if payload.get(key)}


def template_names() -> set[str]:
    return {path.name.split(".")[0] for path in files("notifications").joinpath("templates").iterdir()
            if not path.name.startswith("layout")}


def test_every_email_goes_to_participants_only_and_keeps_confidences(sample, apply, notifications_db,
                                                                     settings_for, monkeypatch):
    monkeypatch.setenv("COORDINATOR_EMAIL", COORDINATOR)
    settings = settings_for("notifications", "unused")
    config = Config(coordinator_email=COORDINATOR)
    rendered = set()
    for program, referral in itertools.product(PROGRAMS, REFERRALS):
        for type_, payload in every_event(sample, program, referral):
            envelope = apply(type_, payload)
            with notifications_db.transaction() as session:
                deliveries = session.scalars(select(Delivery).where(Delivery.event_id == envelope.id)).all()
            people = participants(payload) | {COORDINATOR: "coordinator"}
            for delivery in deliveries:
                assert delivery.recipient in people, (type_, delivery.recipient)
                if delivery.recipient == COORDINATOR:
                    assert type_ == "hours.threshold_reached"
                message = compose(settings, config, delivery)
                text = message.get_body(("plain",)).get_content()
                html = message.get_body(("html",)).get_content()
                everything = f"{message['Subject']}\n{text}\n{html}".lower()
                if people[delivery.recipient] != "teacher":
                    assert not any(word in everything for word in REFERRAL_WORDS), (delivery.template, everything)
                assert "<script>" not in html and "<b>after" not in html
                assert "{{" not in everything and "{%" not in everything
                rendered.add(delivery.template)
    assert rendered == template_names() - {"timesheet_reminder"}


def test_only_the_teacher_on_a_plan_of_assistance_hears_of_it(sample, apply, notifications_db, settings_for):
    payload = sample.pairing_created(program="peer_support_service", referral="plan_of_assistance",
                                     learning_partner=sample.partner())
    envelope = apply("pairing.created", payload)
    with notifications_db.transaction() as session:
        deliveries = session.scalars(select(Delivery).where(Delivery.event_id == envelope.id)).all()
    settings, config = settings_for("notifications", "unused"), Config()
    texts = {d.recipient: compose(settings, config, d).get_body(("plain",)).get_content() for d in deliveries}
    assert set(texts) == {payload["teacher"]["email"], payload["coach"]["email"],
                          payload["learning_partner"]["email"]}
    assert "plan of assistance" in texts.pop(payload["teacher"]["email"])
    assert not any("plan of assistance" in text for text in texts.values())


def test_the_learning_partner_hears_only_that_they_were_named(sample, apply, notifications_db, settings_for):
    partner = sample.partner()
    payload = sample.pairing_created(program="peer_support_service", referral="self", learning_partner=partner,
                                     hours_approved="12.50", release_half_days=3)
    envelope = apply("pairing.created", payload)
    with notifications_db.transaction() as session:
        (delivery,) = session.scalars(select(Delivery).where(Delivery.event_id == envelope.id,
                                                             Delivery.recipient == partner["email"])).all()
    message = compose(settings_for("notifications", "unused"), Config(), delivery)
    everything = "\n".join([message["Subject"], message.get_body(("plain",)).get_content(),
                            message.get_body(("html",)).get_content()])

    teacher = payload["teacher"]
    assert f"{teacher['first_name']} {teacher['last_name']} has named you as their learning partner" in everything
    for revealing in (*PROGRAM_NAMES.values(), "peer_support", payload["coach"]["name"], "12.5", "half-day",
                      payload["pairing_id"], teacher["school"]):
        assert revealing not in everything, revealing


@pytest.mark.parametrize("referral, told", [("plan_of_assistance", True), ("self", False)])
def test_without_the_referral_in_the_pairing_the_teacher_still_hears_of_their_plan(sample, apply, notifications_db,
                                                                                   settings_for, referral, told):
    submitted = sample.submitted(program="peer_support_service", referral=referral)
    apply("application.submitted", submitted)
    payload = sample.pairing_created(program="peer_support_service", application_id=submitted["application_id"],
                                     teacher=submitted["teacher"], learning_partner=sample.partner())
    del payload["referral"]
    envelope = apply("pairing.created", payload, version=2)
    with notifications_db.transaction() as session:
        deliveries = session.scalars(select(Delivery).where(Delivery.event_id == envelope.id)).all()
    settings, config = settings_for("notifications", "unused"), Config()
    texts = {d.recipient: compose(settings, config, d).get_body(("plain",)).get_content() for d in deliveries}

    assert ("plan of assistance" in texts.pop(payload["teacher"]["email"])) is told
    assert len(texts) == 2 and not any("plan of assistance" in text for text in texts.values())
