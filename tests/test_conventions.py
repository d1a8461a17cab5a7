"""Pinned conventions: NPV timing, IRR, payment lags, growth steps, months."""
import numpy as np
import numpy_financial as npf
import pytest

from simulator.model import conventions as c


def test_npv_is_excels_convention():
    # practice.md §4: Excel NPV(0.0025, 12 × 1775) = 20957.88, which equals
    # numpy_financial.npv(0.0025, [0] + 12 × [1775]); npf.npv without the 0 gives 21010.27.
    annual = (1.0025) ** 12 - 1
    assert c.npv(annual, np.full(12, 1775.0)) == pytest.approx(20957.88, abs=0.005)
    assert npf.npv(0.0025, [1775] * 12) == pytest.approx(21010.27, abs=0.005)


def test_irr_matches_numpy_financial():
    flows = np.array([-1000.0] + [30.0] * 48)
    assert c.irr_monthly(flows) == pytest.approx(float(npf.irr(flows)), abs=1e-10)
    assert c.irr_annual(flows) == pytest.approx((1 + float(npf.irr(flows))) ** 12 - 1, abs=1e-9)


def test_irr_undefined_without_sign_change():
    assert c.irr_annual(np.array([100.0, 200.0])) is None
    assert c.irr_annual(np.zeros(5)) is None


def test_irr_only_for_one_sign_change():
    # issue 14: positive first, negative after (Pieksämäki's profile) has no
    # meaningful rate of return: numpy-financial still finds a root, we give none.
    twice = np.array([500.0, 500.0, -2000.0, 1200.0])
    assert c.sign_changes(twice) == 2
    assert c.irr_annual(twice) is None
    inflow_then_outflow = np.array([1000.0, -300.0, -300.0, -300.0, -300.0])
    assert c.sign_changes(inflow_then_outflow) == 1
    # one change: the root of 1000 = 300 × a(4, r): r ≈ 7.714 % a month (numpy-financial agrees)
    assert c.irr_monthly(inflow_then_outflow) == pytest.approx(float(npf.irr(inflow_then_outflow)), abs=1e-10)
    # zeros between flows do not count as a change of sign
    assert c.sign_changes(np.array([0.0, -5.0, 0.0, 0.0, 7.0, 0.0])) == 1


def test_payment_lag_in_months():
    assert [c.lag_from_days(d) for d in (0, 1, 14, 30, 31, 45, 60, 61)] == [0, 1, 1, 1, 2, 2, 2, 3]


def test_growth_steps_each_january():
    months = np.array([2022 * 12, 2022 * 12 + 11, 2023 * 12, 2024 * 12 + 5])
    assert c.growth_index(months, 2022, 0.1) == pytest.approx([1.0, 1.0, 1.1, 1.21])


def test_months_round_trip():
    assert c.month_label(c.month_number("2024-09")) == "2024-09"
    with pytest.raises(ValueError):
        c.month_number("2024-13")


def test_cents_rounds_half_away_from_zero():
    assert c.cents(0.125) == 0.13 and c.cents(-0.125) == -0.13 and c.cents(2.675) == 2.68


def test_money_formats():
    from simulator.i18n import fmt_eur, fmt_month
    assert fmt_eur(1234.5, 2, "fi") == "1\u202f234,50 €"
    assert fmt_eur(-38591.2, 0, "fi") == "−38\u202f591 €"
    assert fmt_eur(-38591.2, 0, "en") == "-€38,591"
    assert fmt_eur(-0.001, 2, "en") == "€0.00"
    assert fmt_month("2024-03", "fi") == "3/2024"
