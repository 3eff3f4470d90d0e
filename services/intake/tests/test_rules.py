"""The program rules on their own: who may apply to which program."""
import pytest

from intake.rules import problems
from peercoach.testing.samples import application


def with_teacher(**teacher) -> dict:
    body = application()
    body["teacher"].update(teacher)
    return body


def test_a_permanent_self_referred_teacher_may_apply_to_voluntary_peer_coaching():
    assert problems(application()) == {}


@pytest.mark.parametrize("status", ["probationary", "temporary", "on_call"])
def test_voluntary_peer_coaching_is_for_permanent_teachers_only(status):
    assert list(problems(with_teacher(employment_status=status))) == ["teacher"]
    assert "employment_status" in problems(with_teacher(employment_status=status))["teacher"]


@pytest.mark.parametrize("program", ["voluntary_peer_coaching", "district_coaching"])
@pytest.mark.parametrize("referral", ["plan_of_assistance", "pre_evaluation_concern"])
def test_only_peer_support_accepts_referrals_other_than_self(program, referral):
    assert list(problems(application(program=program, referral=referral))) == ["referral"]
    assert problems(application(program="peer_support_service", referral=referral)) == {}


def test_district_coaching_is_open_to_any_employment_status_in_its_focus_areas():
    body = with_teacher(employment_status="on_call")
    body.update(program="district_coaching", focus_area="literacy")
    assert problems(body) == {}
    body["focus_area"] = "classroom_management"
    assert list(problems(body)) == ["focus_area"]


def test_consent_must_be_given():
    found = problems(application(consent={"confidentiality_acknowledged": False}))
    assert list(found) == ["consent"] and "confidentiality_acknowledged" in found["consent"]


def test_every_broken_rule_is_named_at_once():
    body = with_teacher(employment_status="temporary")
    body.update(referral="plan_of_assistance", consent={"confidentiality_acknowledged": False})
    assert set(problems(body)) == {"teacher", "referral", "consent"}


def test_partial_applications_are_judged_on_what_is_there():
    assert problems({"program": "voluntary_peer_coaching"}) == {}
    assert problems({"referral": "plan_of_assistance"}) == {}
