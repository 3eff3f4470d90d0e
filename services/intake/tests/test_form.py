"""The /apply form through the test client: labels, CSRF, errors beside fields, confirmation."""
import html
import re


def csrf_token(page_text: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page_text).group(1)


def test_every_field_has_a_label_and_the_programs_come_from_the_rules(intake):
    page = intake.client.get("/apply")

    assert page.status_code == 200 and page.mimetype == "text/html"
    for field in ("employee_id", "first_name", "last_name", "email", "school", "district", "employment_status",
                  "subjects", "reason_details", "focus_area", "requested_coach_id", "consent"):
        assert f'for="{field}"' in page.text or f'id="{field}"' in page.text
    assert "Permanent teachers, on their own initiative" in page.text
    assert 'name="viewport"' in page.text and "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_a_filled_form_gives_a_confirmation_with_the_reference(intake, token, filled_form):
    page = intake.client.get("/apply")
    form = filled_form(csrf_token=csrf_token(page.text))

    sent = intake.client.post("/apply", data=form)

    assert sent.status_code == 201
    reference = re.search(r'id="reference">([^<]+)<', sent.text).group(1)
    stored = intake.client.get(f"/applications/{reference}", headers=token("coordinator")).get_json()
    assert stored["teacher"]["subjects"] == ["math", "science"] and stored["teacher"]["grade_levels"] == ["3", "4"]
    assert stored["reason_details"] == form["reason_details"] and stored["learning_partner"] is None


def test_mistakes_are_shown_beside_their_fields_with_what_was_typed_kept(intake, filled_form):
    page = intake.client.get("/apply")
    form = filled_form(csrf_token=csrf_token(page.text), employment_status="temporary", email="ada-at-school",
                       reasons=[], partner_email="bo@x.example.org")

    sent = intake.client.post("/apply", data=form)

    assert sent.status_code == 422
    for field in ("employment_status", "email", "reasons", "partner_name"):
        assert f'id="{field}-error"' in sent.text
    assert 'value="ada-at-school"' in sent.text and 'value="math, science"' in sent.text
    assert html.escape(form["reason_details"]) in sent.text
    assert re.search(r'value="temporary"\s+selected', sent.text)
    assert re.search(r'value="model_teaching"\s+checked', sent.text)
    assert intake.applications() == 0


def test_a_form_without_its_csrf_token_sends_nothing_and_keeps_the_answers(intake, filled_form):
    sent = intake.client.post("/apply", data=filled_form(first_name="Grace"))

    assert sent.status_code == 400
    assert "send it again" in sent.text and 'value="Grace"' in sent.text
    assert intake.applications() == 0
