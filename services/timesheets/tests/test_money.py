"""Money: cents rounded half up, shares that always add back to the total."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timesheets.money import amount, cents, coaching_shares, half_days, hours, split

minutes = st.integers(min_value=1, max_value=100_000)
rates = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2)
percents = st.integers(min_value=0, max_value=10_000).map(lambda basis: Decimal(basis) / 100)


@given(minutes, rates, percents)
def test_coaching_shares_add_back_to_the_gross_to_the_cent(logged, rate, federation_pct):
    gross = amount(hours(logged), rate)
    shares = coaching_shares(gross, federation_pct, Decimal(100) - federation_pct)

    assert sum(shares.values()) == gross
    assert all(share >= 0 and share == cents(share) for share in shares.values())
    exact = gross * federation_pct / 100
    assert abs(shares.get("federation", Decimal(0)) - exact) < Decimal("0.01")


@given(st.decimals(min_value=0, max_value=Decimal("1000000"), places=2),
       st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=6).filter(any))
def test_largest_remainder_split_of_any_weights(total, weights):
    keyed = {f"payer{i}": Decimal(w) for i, w in enumerate(weights)}
    weight_sum = sum(keyed.values())

    shares = split(total, keyed)

    assert sum(shares.values()) == total
    for key, share in shares.items():
        assert abs(share - total * keyed[key] / weight_sum) < Decimal("0.01")


def test_a_third_each_gives_the_odd_cent_to_the_first():
    assert split(Decimal("100.00"), {"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)}) == \
        {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")}


def test_cents_round_half_up():
    assert cents(Decimal("2.345")) == Decimal("2.35")
    assert cents(Decimal("2.344")) == Decimal("2.34")
    assert hours(50) == Decimal("0.83") and hours(90) == Decimal("1.50")


def test_release_counts_every_started_half_day():
    assert [half_days(m) for m in (1, 210, 211, 420)] == [1, 1, 2, 2]


def test_a_payer_with_no_share_gets_no_line():
    assert coaching_shares(Decimal("90.00"), Decimal(0), Decimal(100)) == {"district": Decimal("90.00")}


def test_split_refuses_fractions_of_a_cent_and_empty_weights():
    with pytest.raises(ValueError):
        split(Decimal("1.005"), {"a": Decimal(1)})
    with pytest.raises(ValueError):
        split(Decimal("1.00"), {"a": Decimal(0)})
