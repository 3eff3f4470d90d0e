"""The pairing-closed email asks teacher and coach for a reflection, each with a link carrying their own token."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from sqlalchemy import select

from notifications.compose import compose
from notifications.config import Config
from notifications.models import Delivery
from peercoach.web.auth import decode_link_token, link_purpose


def emails(apply, notifications_db, settings_for, payload) -> dict[str, str]:
    envelope = apply("pairing.closed", payload)
    with notifications_db.transaction() as session:
        deliveries = session.scalars(select(Delivery).where(Delivery.event_id == envelope.id)).all()
    settings, config = settings_for("notifications", "unused"), Config(coordinator_email="coordinator@x.example.org")
    return {d.recipient: compose(settings, config, d).get_body(("plain",)).get_content() for d in deliveries}


def link_in(text: str):
    return urlparse(next(line for line in text.splitlines() if line.startswith("https://")))


def test_teacher_and_coach_each_get_a_reflection_link_with_their_own_token(
        apply, notifications_db, settings_for, sample, jwt_secret, monkeypatch):
    monkeypatch.setenv("MATCHING_PUBLIC_URL", "https://matching.example.org")
    payload = sample.pairing_closed(teacher_employee_id="E-42")

    texts = emails(apply, notifications_db, settings_for, payload)

    teacher, coach = texts[payload["teacher"]["email"]], texts[payload["coach"]["email"]]
    for text, role, sub in ((teacher, "teacher", "E-42"), (coach, "coach", payload["coach"]["coach_id"])):
        url = link_in(text)
        assert f"{url.scheme}://{url.netloc}{url.path}" == \
            f"https://matching.example.org/pairings/{payload['pairing_id']}/reflections"
        purpose = link_purpose("reflection", payload["pairing_id"])
        principal = decode_link_token(jwt_secret, parse_qs(url.query)["token"][0], purpose)
        assert (principal.role, principal.sub) == (role, sub)
        assert "Please send a few lines" not in text


def test_without_the_teachers_employee_id_the_teacher_is_asked_to_write_to_the_coordinator(
        apply, notifications_db, settings_for, sample):
    payload = sample.pairing_closed()

    texts = emails(apply, notifications_db, settings_for, payload)

    assert "Please send a few lines to the program coordinator at coordinator@x.example.org" in \
        texts[payload["teacher"]["email"]]
    assert "/reflections?token=" in texts[payload["coach"]["email"]]
