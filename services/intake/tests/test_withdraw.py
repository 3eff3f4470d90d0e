"""Withdrawing: by token (JSON) or from the emailed link's page; only while submitted."""
import re
from datetime import timedelta

import jwt

from peercoach.testing.samples import application
from peercoach.web.auth import API, LINK, issue_link_token, key_for, link_purpose


def apply(intake) -> dict:
    return intake.client.post("/applications", json=application()).get_json()


def test_the_teacher_withdraws_and_the_withdrawal_is_announced(intake, token, start_worker, intake_url, probe):
    start_worker("intake", intake_url)
    created = apply(intake)
    teacher = created["teacher"]

    response = intake.client.post(f"/applications/{created['id']}/withdraw",
                                  headers=token("teacher", sub=teacher["employee_id"]))

    assert response.status_code == 200 and response.get_json()["status"] == "withdrawn"
    event = probe.wait_for("application.withdrawn")[0]
    assert event.payload == {"application_id": created["id"], "program": created["program"],
                             "teacher": {"name": f"{teacher['first_name']} {teacher['last_name']}",
                                         "email": teacher["email"]},
                             "withdrawn_by": "teacher"}


def test_only_a_submitted_application_can_be_withdrawn_and_only_by_its_teacher_or_the_coordinator(intake, token):
    created = apply(intake)
    path = f"/applications/{created['id']}/withdraw"

    assert intake.client.post(path).status_code == 401
    assert intake.client.post(path, headers=token("teacher", sub="another")).status_code == 403
    assert intake.client.post(path, headers=token("coordinator")).status_code == 200
    again = intake.client.post(path, headers=token("coordinator"))
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "not_withdrawable"
    assert len(intake.outbox("application.withdrawn")) == 1


def link_token(intake, employee_id: str, application_id: str, email: str = "t@x.example.org") -> str:
    return issue_link_token(intake.app.config["JWT_SECRET"], "teacher", employee_id, email,
                            link_purpose("withdraw", application_id), timedelta(days=1))


def test_the_emailed_link_shows_a_button_and_only_its_post_withdraws(intake, token):
    created = apply(intake)
    teacher_link = link_token(intake, created['teacher']['employee_id'], created['id'], created['teacher']['email'])
    link = f"/applications/{created['id']}/withdraw?token={teacher_link}"

    page = intake.client.get(link)
    assert page.status_code == 200 and "Withdraw my application" in page.text
    assert intake.client.get(f"/applications/{created['id']}", headers=token("coordinator")).get_json()["status"] \
        == "submitted"
    form = dict(re.findall(r'name="(csrf_token|token)" value="([^"]+)"', page.text))

    forged = intake.client.post(f"/applications/{created['id']}/withdraw", data={"token": form["token"]})
    assert forged.status_code == 400 and "press the button again" in forged.text

    done = intake.client.post(f"/applications/{created['id']}/withdraw", data=form)
    assert done.status_code == 200 and "is withdrawn" in done.text
    assert intake.client.get(link).text.count("can no longer be withdrawn") == 1
    assert len(intake.outbox("application.withdrawn")) == 1


def test_a_bad_or_foreign_link_withdraws_nothing(intake, token):
    created = apply(intake)
    path = f"/applications/{created['id']}/withdraw"

    assert intake.client.get(f"{path}?token=forged").status_code == 401
    assert intake.client.get(path).status_code == 401
    other = apply(intake)
    assert intake.client.get(f"{path}?token={link_token(intake, 'someone-else', created['id'])}").status_code == 403
    coordinator_token = token("coordinator")["Authorization"].split()[1]
    assert intake.client.get(f"{path}?token={coordinator_token}").status_code == 401
    own_link = link_token(intake, created["teacher"]["employee_id"], created["id"])
    assert intake.client.get(f"{path}?token={link_token(intake, other['teacher']['employee_id'], other['id'])}"
                             ).status_code == 401
    assert intake.client.post(path, headers={"Authorization": f"Bearer {own_link}"}).status_code == 401
    assert intake.outbox("application.withdrawn") == []


def test_a_link_sent_to_another_email_than_the_applications_withdraws_nothing(intake, token):
    """The link's claims came from an event: the page believes them only as far as the application agrees."""
    created = apply(intake)
    path = f"/applications/{created['id']}/withdraw"
    elsewhere = link_token(intake, created["teacher"]["employee_id"], created["id"], "attacker@evil.example.org")
    right = link_token(intake, created["teacher"]["employee_id"], created["id"], created["teacher"]["email"].upper())

    assert intake.client.get(f"{path}?token={elsewhere}").status_code == 401
    assert intake.client.post(path, data={"token": elsewhere}).status_code == 401
    assert intake.client.get(f"{path}?token={right}").status_code == 200
    assert intake.outbox("application.withdrawn") == []


def test_a_link_signed_with_the_api_key_or_an_api_token_signed_with_the_link_key_is_refused(intake):
    """Each audience has its own key: neither kind of token passes for the other."""
    created = apply(intake)
    secret, employee_id = intake.app.config["JWT_SECRET"], created["teacher"]["employee_id"]
    claims = jwt.decode(link_token(intake, employee_id, created["id"], created["teacher"]["email"]),
                        key_for(secret, LINK), algorithms=["HS256"], audience=LINK)
    with_api_key = jwt.encode(claims, secret, algorithm="HS256")
    api_claims = {**claims, "aud": API}
    del api_claims["purpose"]
    with_link_key = jwt.encode(api_claims, key_for(secret, LINK), algorithm="HS256")

    assert intake.client.get(f"/applications/{created['id']}/withdraw?token={with_api_key}").status_code == 401
    assert intake.client.get(f"/applications/{created['id']}",
                             headers={"Authorization": f"Bearer {with_link_key}"}).status_code == 401
