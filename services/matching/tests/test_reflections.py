"""Reflections at close: by token (JSON) or from the emailed link's page; kept for the pair and the coordinator."""
from __future__ import annotations

import re
from datetime import timedelta

from matching.models import Coach, Pairing
from peercoach.web.auth import issue_link_token, link_purpose

WORDS = "We found that wait time changed everything."


def email_of(matching, role: str, pairing_id: str) -> str:
    """The email the pairing-closed email goes to: the pairing's teacher's or its coach's."""
    with matching.db.transaction() as session:
        pairing = session.get(Pairing, pairing_id)
        if pairing is None:
            return "nobody@x.example.org"
        return pairing.teacher["email"] if role == "teacher" else session.get(Coach, pairing.coach_id).email


def link_token(matching, role: str, sub: str, pairing_id: str, email: str | None = None) -> str:
    return issue_link_token(matching.app.config["JWT_SECRET"], role, sub, email or email_of(matching, role, pairing_id),
                            link_purpose("reflection", pairing_id), timedelta(days=1))


def test_teacher_and_coach_reflect_once_the_pairing_closes_and_the_coordinator_reads_both(matching):
    pairing = matching.pair()
    path = f"/pairings/{pairing['id']}/reflections"

    early = matching.client.post(path, json={"text": WORDS}, headers=pairing["teacher_auth"])
    matching.close(pairing)
    teacher = matching.client.post(path, json={"text": WORDS}, headers=pairing["teacher_auth"])
    coach = matching.client.post(path, json={"text": "First draft"}, headers=pairing["coach_auth"])
    again = matching.client.post(path, json={"text": "Second thoughts"}, headers=pairing["coach_auth"])
    by_coordinator = matching.client.post(path, json={"text": "x"}, headers=matching.coordinator)
    empty = matching.client.post(path, json={"text": ""}, headers=pairing["teacher_auth"])

    assert early.status_code == 409 and early.get_json()["error"]["code"] == "pairing_not_closed"
    assert teacher.status_code == 201 and coach.status_code == 201 and again.status_code == 201
    assert by_coordinator.status_code == 403
    assert empty.status_code == 422 and "text" in empty.get_json()["error"]["fields"]
    for reader in (matching.coordinator, pairing["teacher_auth"], pairing["coach_auth"]):
        kept = matching.client.get(path, headers=reader).get_json()
        assert [(r["author_role"], r["text"]) for r in kept] == [("coach", "Second thoughts"), ("teacher", WORDS)]


def test_the_emailed_link_shows_a_form_and_only_its_post_with_the_csrf_token_keeps_the_reflection(matching):
    pairing = matching.pair()
    matching.close(pairing)
    path = f"/pairings/{pairing['id']}/reflections"
    token = link_token(matching, "teacher", pairing["teacher"]["employee_id"], pairing["id"])

    page = matching.client.get(f"{path}?token={token}")
    assert page.status_code == 200 and "<textarea" in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert matching.client.get(path, headers=matching.coordinator).get_json() == []
    form = dict(re.findall(r'name="(csrf_token|token)" value="([^"]+)"', page.text))

    forged = matching.client.post(path, data={"token": form["token"], "text": WORDS})
    assert forged.status_code == 400 and WORDS in forged.text
    assert matching.client.get(path, headers=matching.coordinator).get_json() == []

    done = matching.client.post(path, data={**form, "text": WORDS})
    assert done.status_code == 200 and "Thank you" in done.text
    assert [r["text"] for r in matching.client.get(path, headers=matching.coordinator).get_json()] == [WORDS]
    assert WORDS in matching.client.get(f"{path}?token={token}").text


def test_a_bad_or_foreign_link_shows_no_form(matching, token):
    pairing = matching.pair()
    matching.close(pairing)
    path = f"/pairings/{pairing['id']}/reflections"
    coordinator = matching.coordinator["Authorization"].split()[1]

    assert matching.client.get(f"{path}?token=forged").status_code == 401
    assert matching.client.get(f"{path}?token={coordinator}").status_code == 401
    teacher_link = link_token(matching, "teacher", pairing["teacher"]["employee_id"], pairing["id"])
    other = link_token(matching, "teacher", pairing["teacher"]["employee_id"], "another-pairing")
    assert matching.client.get(f"{path}?token={link_token(matching, 'teacher', 'someone-else', pairing['id'])}"
                               ).status_code == 403
    assert matching.client.get(f"{path}?token={link_token(matching, 'coach', 'another-coach', pairing['id'])}"
                               ).status_code == 404
    assert matching.client.get(f"{path}?token={other}").status_code == 401
    assert matching.client.get(path, headers={"Authorization": f"Bearer {teacher_link}"}).status_code == 401
    assert matching.client.post(path, data={"token": "forged", "text": WORDS}).status_code == 401
    assert matching.client.get(path, headers=matching.coordinator).get_json() == []


def test_a_link_sent_to_another_email_than_the_participants_shows_and_keeps_nothing(matching):
    """The link's claims came from an event: the page believes them only as far as the pairing agrees."""
    pairing = matching.pair()
    matching.close(pairing)
    path = f"/pairings/{pairing['id']}/reflections"
    matching.client.post(path, json={"text": WORDS}, headers=pairing["teacher_auth"])
    for role, sub in (("teacher", pairing["teacher"]["employee_id"]), ("coach", pairing["coach_id"])):
        elsewhere = link_token(matching, role, sub, pairing["id"], email="attacker@evil.example.org")

        shown = matching.client.get(f"{path}?token={elsewhere}")
        kept = matching.client.post(path, data={"token": elsewhere, "text": "overwritten"})

        assert shown.status_code == 401 and WORDS not in shown.text
        assert kept.status_code == 401
    assert [r["text"] for r in matching.client.get(path, headers=matching.coordinator).get_json()] == [WORDS]
