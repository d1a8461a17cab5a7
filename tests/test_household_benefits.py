"""The income-tested benefits and client fees of the household
(simulator/engine/household/housing.py, unemployment.py,
social_assistance.py, client_fees.py): worked cases with the arithmetic
beside them (household-benefits.md §§1–6; Kela's published examples where
they exist), each rule change 1.4.2024, 1.1.2025 and 1.3.2026 from both
sides; and properties (benefits never rise with counted income; the
effective marginal tax rate within 0–100 % away from named cliffs)."""
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from simulator.model.problems import validate
from simulator.person.income import person_view

BASE = {"name": "benefit case", "model": "cooperative", "budget_owner": "test", "horizon_months": 12,
        "assumptions": {"wage_growth": 0.0, "price_growth": 0.0, "cost_inflation": 0.0}}
WA = {"kind": "work_activity", "days_per_month": 15, "tyoosuusraha_per_day": 5, "day_price": 0, "cost_per_day": 0}


def view(params, start, person, phase=None, months=12):
    phase = phase or dict(WA)
    person = {"id": "P", "birth_year": 1990, "municipality": "varkaus", **person,
              "phases": [{"start": start, **phase}]}
    s = validate({**BASE, "start": start, "horizon_months": months, "people": [person]}, "case")
    return person_view(s, "P", params)


def job(pay, hours=10):
    return {"kind": "employment", "employer": "company", "hours_per_week": hours, "monthly_pay": pay}


# ---------------------------------------------------------------- pensioners' housing allowance (§1)
@pytest.mark.parametrize("start,pension,wage,expected", [
    # 2024, rate 41,3 %: income 12 × 976.59 = 11 719.08; 0.413 × (11 719.08 − 10 280) = 594.34;
    # 0.85 × (6 480 − 681.39 − 594.34) = 4 423.63 €/yr → 368.64 €/month (household-benefits.md §1f)
    ("2024-01", 976.59, None, 368.64),
    # + 500 €/month wage: 0.413 × (17 719.08 − 10 280) = 3 072.34; 0.85 × (6 480 − 681.39 − 3 072.34) = 2 317.33 → 193.11
    ("2024-01", 976.59, 500.0, 193.11),
    # 2025, rate 43,5 % (law 911/2024): 0.435 × (11 835.60 − 10 280) = 676.69; 0.85 × (6 480 − 681.39 − 676.69) = 4 353.64 → 362.80
    ("2025-01", 986.30, None, 362.80),
    # + 500 €/month: 0.435 × (17 835.60 − 10 280) = 3 286.69; 0.85 × 2 511.92 = 2 135.14 → 177.93
    ("2025-01", 986.30, 500.0, 177.93),
])
def test_pensioners_housing_allowance(params, start, pension, wage, expected):
    v = view(params, start, {"disability_pension": pension, "housing_costs": 540},
             job(wage) if wage else None)
    got = v.lines["pensioners_housing_allowance"]
    assert got == pytest.approx(np.full(12, expected), abs=0.01)
    assert v.lines["housing_allowance"].sum() == 0          # the entered amount is not used with housing_costs


def test_pensioners_allowance_ignores_tyoosuusraha_and_vammaistuki(params):
    """Työosuusraha, vammaistuki and hoitotuki are not income for it (571/2007 14 §)."""
    a = view(params, "2024-01", {"disability_pension": 976.59, "housing_costs": 540})
    b = view(params, "2024-01", {"disability_pension": 976.59, "housing_costs": 540, "hoitotuki": "raised"}, {**WA, "tyoosuusraha_per_day": 12})
    assert b.lines["tyoosuusraha"].sum() > a.lines["tyoosuusraha"].sum()
    assert b.lines["pensioners_housing_allowance"] == pytest.approx(a.lines["pensioners_housing_allowance"])


# ---------------------------------------------------------------- labour-market support (§3)
def test_labour_market_support_protected_amount_removed_1_4_2024(params):
    """Full 37.21 × 21.5 = 800.02; pay 500: before 1.4.2024 800.02 − 0.5 × (500 − 300) = 700.02,
    from 1.4.2024 800.02 − 0.5 × 500 = 550.02 (household-benefits.md §3)."""
    v = view(params, "2024-01", {"on_labour_market_support": True}, job(500.0))
    lms = v.lines["labour_market_support"]
    assert lms[:3] == pytest.approx([700.02] * 3, abs=0.01)
    assert lms[3:] == pytest.approx([550.02] * 9, abs=0.01)


def test_labour_market_support_2021_and_2022(params):
    """2021: 33.78 × 21.5 = 726.27, protected 500 € until 30.11.2021 (pay 500 → no cut), 300 € in 12/2021
    (→ 726.27 − 100 = 626.27); 2022-01: 34.50 × 21.5 = 741.75 full (work activity, no pay)."""
    v = view(params, "2021-01", {"on_labour_market_support": True}, job(500.0))
    lms = v.lines["labour_market_support"]
    assert lms[:11] == pytest.approx([726.27] * 11, abs=0.01)
    assert lms[11] == pytest.approx(626.27, abs=0.01)
    w = view(params, "2022-01", {"on_labour_market_support": True}, months=1)
    assert w.lines["labour_market_support"][0] == pytest.approx(741.75, abs=0.01)


def test_no_labour_market_support_with_a_pension_or_full_time(params):
    assert view(params, "2024-01", {"on_labour_market_support": True, "disability_pension": 500},
                months=1).lines["labour_market_support"][0] == 0
    # 31 h/week > 80 % of 37.5 h: not unemployed
    assert view(params, "2024-01", {"on_labour_market_support": True}, job(400.0, hours=31),
                months=1).lines["labour_market_support"][0] == 0


# ---------------------------------------------------------------- general housing allowance (§2)
def test_general_housing_allowance_kela_2022_example(params):
    """Kela's 2022 example (kela.fi/fa/asumisen-tuet-maara-ja-maksaminen): income 742 €/month, rent above
    the cap 413 €: perusomavastuu 0.42 × (742 − (619 + 103)) = 8.40 < 10 → 0; 0.80 × 413 = 330.40.
    Here the income is full labour-market support 741.75 (34.50 × 21.5)."""
    v = view(params, "2022-01", {"on_labour_market_support": True, "housing_costs": 500}, months=1)
    assert v.lines["general_housing_allowance"][0] == pytest.approx(330.40, abs=0.01)


def test_general_housing_allowance_1_4_2024(params):
    """Income 800.02 (full labour-market support), rent 500, cap group III 394 €.
    3/2024: 0.42 × (800.02 − (667 + 111)) = 9.25 < 10 → 0; 0.80 × 394 = 315.20.
    4/2024: 0.50 × (800.02 − (667 + 94)) = 19.51; 0.70 × (394 − 19.51) = 262.14
    (the structure of the Kela decision 2025 in household-benefits.md §2d: 0.70 × (447 − 19.50))."""
    v = view(params, "2024-03", {"on_labour_market_support": True, "housing_costs": 500}, months=2)
    assert v.lines["general_housing_allowance"] == pytest.approx([315.20, 262.14], abs=0.01)


def test_general_housing_allowance_earned_income_deduction(params):
    """Pay 500 + adjusted support: 3/2024 counted 500 − 300 + 700.02 = 900.02 → 0.42 × (900.02 − 778) = 51.25,
    0.80 × (394 − 51.25) = 274.20. 4/2024: the support falls by 150 € (< the 200 € review threshold), so the
    decision's incomes stay, under the new rules (no deduction): 500 + 700.02 = 1 200.02 →
    0.50 × (1 200.02 − 761) = 219.51, 0.70 × (394 − 219.51) = 122.14. A new decision in 4/2024 on
    500 + 550.02 = 1 050.02 would give 0.70 × (394 − 0.50 × 289.02) = 174.64."""
    v = view(params, "2024-03", {"on_labour_market_support": True, "housing_costs": 500}, job(500.0), months=2)
    assert v.lines["general_housing_allowance"] == pytest.approx([274.20, 122.14], abs=0.01)


# ---------------------------------------------------------------- basic social assistance (§4)
def test_social_assistance_last_resort_2025(params):
    """Pension 600 (untaxed: under the pension-income deduction), rent 700. Allowance: income 7 200 < 10 280;
    accepted min(8 400, 7 493) = 7 493; 0.85 × (7 493 − 681.39) / 12 = 482.49. Need 593.55 + 700 = 1 293.55;
    resources 600 + 482.49 = 1 082.49 (hoitotuki not counted) → 211.06."""
    v = view(params, "2025-01", {"disability_pension": 600, "housing_costs": 700, "hoitotuki": "basic"}, months=1)
    assert v.lines["income_tax"][0] == pytest.approx(0.0, abs=0.01)
    assert v.lines["pensioners_housing_allowance"][0] == pytest.approx(482.49, abs=0.01)
    # work activity: työosuusraha 75 counts [check] → 211.06 − 75 = 136.06
    assert v.lines["basic_social_assistance"][0] == pytest.approx(136.06, abs=0.01)


def test_social_assistance_earned_income_exemption_ends_1_3_2026(params):
    """2026: basic amount 596.32 (1–2) → 578.43 (3-), and the 150 € exemption of pay ends for adults.
    Pay 100 €/month: Feb → Mar the assistance changes by (578.43 − 596.32) − 100 = −117.89 (tax and
    contributions are the same in both months)."""
    v = view(params, "2026-01", {"disability_pension": 600, "housing_costs": 700}, job(100.0, hours=3), months=12)
    sa = v.lines["basic_social_assistance"]
    assert sa[2] - sa[1] == pytest.approx(-117.89, abs=0.01)
    assert sa[0] == pytest.approx(sa[1])


# ---------------------------------------------------------------- client fees (§6)
def test_client_fee_by_legal_basis(params):
    """Pension 600, rent 300: allowance 0.85 × (3 600 − 681.39) / 12 = 206.73. Social welfare act:
    base 600 + 206.73 − 300 = 506.73; min(0.85 × 506.73 = 430.72, 506.73 − 164 = 342.73) = 342.73 + upkeep 50.
    Developmental disabilities act (2024) and disability services act (2025): the upkeep 50 only."""
    p = {"disability_pension": 600, "housing_costs": 300, "housing_service_upkeep": 50}
    shl = view(params, "2024-01", {**p, "housing_service": "social_welfare_act"}, job(0.0, 0), months=1)
    assert shl.lines["client_fee"][0] == pytest.approx(392.73, abs=0.01)
    kvl = view(params, "2024-01", {**p, "housing_service": "developmental_disabilities_act"}, months=1)
    vpl = view(params, "2025-01", {**p, "housing_service": "disability_services_act"}, months=1)
    assert kvl.lines["client_fee"][0] == pytest.approx(50.0) and vpl.lines["client_fee"][0] == pytest.approx(50.0)
    assert shl.lines["net_income"][0] < kvl.lines["net_income"][0]


# ---------------------------------------------------------------- properties
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.floats(1, 900), st.floats(1, 600), st.sampled_from(["2023-01", "2024-04", "2025-01", "2026-03"]))
def test_benefits_never_rise_with_counted_income(params, pension, extra, start):
    """A higher earnings-related pension (counted by every income test) never raises a benefit (from
    0 to a pension is the named rule change of system: general → pensioners' allowance, so > 0)."""
    lo = view(params, start, {"earnings_related_pension": pension, "housing_costs": 600}, months=1)
    hi = view(params, start, {"earnings_related_pension": pension + extra, "housing_costs": 600}, months=1)
    for k in ("pensioners_housing_allowance", "basic_social_assistance"):
        assert hi.lines[k][0] <= lo.lines[k][0] + 1e-6, k
    assert hi.lines["net_income"][0] >= lo.lines["net_income"][0] - 1e-6


@SETTINGS
@given(st.floats(200, 1500), st.sampled_from(["2023-01", "2024-04", "2025-01", "2026-03"]))
def test_marginal_tax_rate_within_0_and_100(params, pay, start):
    """Labour-market support + general allowance + social assistance: an extra 100 € of pay never costs
    more than 100 €, away from the named cliffs (the allowances' smallest payable amounts and the 10 €
    deductible floor, where a euro of pay can stop a few euros of allowance)."""
    v = view(params, start, {"on_labour_market_support": True, "housing_costs": 500}, job(pay, 20), months=1)
    mtr = v.monthly()["marginal_tax_rate"].iloc[0]
    ga = v.lines["general_housing_allowance"][0]
    near_cliff = 0 < ga < 30
    assert near_cliff or -1e-6 <= mtr <= 1.0 + 1e-6, (pay, mtr)
