"""Income tax estimate (simulator/person/tax.py) against the published
checks and worked examples of income-tax.md §9 (tests/cases_person)."""
from pathlib import Path

import pytest
import yaml

from simulator.engine.household.tax import (TaxInputError, estimate, income_tax, rules_for_year, state_scale_tax,
                                  withholding)

CASES = Path(__file__).parent / "cases_person"
TAX = yaml.safe_load((CASES / "tax_examples.yaml").read_text(encoding="utf-8"))
SCALE = yaml.safe_load((CASES / "state_scale.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", TAX["cases"], ids=[c["name"] for c in TAX["cases"]])
def test_worked_examples_within_one_euro(params, case):
    res = estimate(params, case["year"], case["municipality"], case["wage"], case["pension"])
    got = res.to_dict()
    for key, expected in case["expect"].items():
        assert got[key] == pytest.approx(expected, abs=TAX["tolerance_eur"]), f"{key}: {got[key]:.2f} vs {expected}"


@pytest.mark.parametrize("year", sorted(SCALE["years"]))
def test_state_scale_reproduces_published_tax_at_each_limit(params, year):
    rules = rules_for_year(params, year, "varkaus")
    published = SCALE["years"][year]
    assert [lo for lo, _ in rules.scale] == [lo for lo, _ in published]
    for lo, tax_at in published:
        assert state_scale_tax(rules, lo) == pytest.approx(tax_at, abs=0.005)


def test_no_state_tax_below_the_first_limit_until_2022(params):
    rules = rules_for_year(params, 2022, "varkaus")
    assert state_scale_tax(rules, 19199.99) == 0
    assert state_scale_tax(rules, 19200) == pytest.approx(8)


def test_invalidivahennys_until_2022_only(params):
    # 440 € × rating from municipal income (only non-pension income), 115 € × rating off the state tax
    # (income-tax.md §3e, SISU); abolished from 2023.
    without = estimate(params, 2022, "varkaus", 6000, 11000)
    with_ = estimate(params, 2022, "varkaus", 6000, 11000, disability_rating=1.0)
    assert with_.invalidivahennys == pytest.approx(440)
    assert with_.taxable_municipal == pytest.approx(without.taxable_municipal - 440 * 1.18, abs=0.01)  # perus grows by 18 %
    assert estimate(params, 2022, "varkaus", 6000, 11000, disability_rating=0.2).invalidivahennys == 0
    assert estimate(params, 2023, "varkaus", 6000, 11000, disability_rating=1.0).invalidivahennys == 0


def test_tyel_employee_rate_by_age(params):
    # 8.65 % at ages 53–62 in 2021–2025, 7.15 % otherwise; 7.30 % for everyone in 2026
    assert estimate(params, 2024, "varkaus", 10000, age=40).tyel == pytest.approx(715)
    assert estimate(params, 2024, "varkaus", 10000, age=55).tyel == pytest.approx(865)
    assert estimate(params, 2026, "varkaus", 10000, age=55).tyel == pytest.approx(730)
    assert estimate(params, 2024, "varkaus", 10000, age=70).tyel == 0


def test_tyotulovahennys_age_raise_2024(params):
    # +1 200 € to the maximum for those who turned 65 before the tax year (HE 34/2023)
    young = estimate(params, 2024, "varkaus", 25000, age=50)
    old = estimate(params, 2024, "varkaus", 25000, age=66)
    assert old.tyotulovahennys - young.tyotulovahennys == pytest.approx(3000 - 2140)  # 12 % × 25 000 caps first


def test_withholding_rate(params):
    assert withholding(0.15, 9600) == pytest.approx(1440)
    with pytest.raises(TaxInputError):
        withholding(1.5, 1000)


def test_unknown_municipality_and_negative_income(params):
    with pytest.raises(TaxInputError, match="unknown municipality"):
        rules_for_year(params, 2024, "helsinki")
    rules = rules_for_year(params, 2024, "varkaus")
    with pytest.raises(TaxInputError, match="negative"):
        income_tax(rules, -1, 0)


def test_missing_municipal_rates_carry_forward_with_a_warning(params):
    # Mikkeli 2025 and Varkaus 2026 not found (income-tax.md §2): the last rate goes on, named
    r = rules_for_year(params, 2025, "mikkeli")
    assert r.municipal_rate == pytest.approx(0.094)
    assert any(w.get("name") == "income_tax.municipal_rate_mikkeli" and w.get("years") == (2025,)
               for w in r.warnings)
    assert rules_for_year(params, 2025, "varkaus").warnings == ()
    later = rules_for_year(params, 2027, "varkaus")     # past every known_until
    assert any(2027 in w.get("years") for w in later.warnings)
