"""Program rules for an approval: defaults, limits and who pays."""
from decimal import Decimal

import pytest

from matching.rules import approval_terms, extension_problem
from peercoach.refusals import RuleBroken


def violation(*args, **kwargs) -> dict:
    with pytest.raises(RuleBroken) as raised:
        approval_terms(*args, **kwargs)
    return raised.value.fields


def test_voluntary_peer_coaching_defaults_to_10_hours_and_one_substitute_day_paid_by_the_district():
    terms = approval_terms("voluntary_peer_coaching", "self")

    assert (terms.hours_approved, terms.release_half_days) == (Decimal("10"), 2)
    assert (terms.federation_pct, terms.district_pct, terms.account_code) == (0, 100, "")


def test_more_voluntary_hours_only_as_the_panels_explicit_decision_and_never_beyond_the_hard_maximum():
    assert approval_terms("voluntary_peer_coaching", "self", hours=Decimal("15")).hours_approved == 15
    assert "hours_approved" in violation("voluntary_peer_coaching", "self", hours=Decimal("40.5"))
    assert "hours_approved" in violation("voluntary_peer_coaching", "self", hours=Decimal("0"))


def test_release_half_days_are_capped_by_program():
    assert "release_half_days" in violation("voluntary_peer_coaching", "self", release=3)
    assert approval_terms("district_coaching", "self", account_code="T-1").release_half_days == 4
    assert "release_half_days" in violation("district_coaching", "self", release=5, account_code="T-1")


def test_district_coaching_needs_an_account_code():
    assert "account_code" in violation("district_coaching", "self")
    assert approval_terms("district_coaching", "self", account_code="TKT-4471/ACC-22").account_code == "TKT-4471/ACC-22"


def test_peer_support_allowance_is_set_by_the_panel():
    errors = violation("peer_support_service", "self")

    assert set(errors) == {"hours_approved", "release_half_days"}


def test_peer_support_funding_follows_the_referral_unless_a_split_is_negotiated():
    panel = dict(hours=Decimal("20"), release=4)

    self_referred = approval_terms("peer_support_service", "self", **panel)
    on_a_plan = approval_terms("peer_support_service", "plan_of_assistance", **panel)
    negotiated = approval_terms("peer_support_service", "plan_of_assistance",
                                funding=(Decimal("40.5"), Decimal("59.5")), **panel)

    assert (self_referred.federation_pct, self_referred.district_pct) == (100, 0)
    assert (on_a_plan.federation_pct, on_a_plan.district_pct) == (0, 100)
    assert (negotiated.federation_pct, negotiated.district_pct) == (Decimal("40.5"), Decimal("59.5"))
    assert "funding" in violation("peer_support_service", "pre_evaluation_concern", **panel)


def test_shares_must_sum_to_exactly_100_and_district_programs_are_district_paid():
    panel = dict(hours=Decimal("20"), release=4)

    assert "sum to exactly 100" in violation("peer_support_service", "self", funding=(Decimal("60"), Decimal("39.99")),
                                             **panel)["funding"][0]
    assert "funding" in violation("voluntary_peer_coaching", "self", funding=(Decimal("50"), Decimal("50")))


def test_extensions_add_a_positive_bounded_number_of_hours():
    assert extension_problem(Decimal("5")) is None
    assert extension_problem(Decimal("0")) and extension_problem(Decimal("41"))
