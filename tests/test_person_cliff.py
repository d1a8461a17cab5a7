"""The pension cliff: net income by hours a week (simulator/person/cliff.py)."""
from pathlib import Path

import numpy as np
import pytest

from simulator.model.conventions import WEEKS_PER_MONTH
from simulator.model.loader import load
from simulator.model.problems import validate
from simulator.person.cliff import pension_cliff
from simulator.person.income import person_view

ROOT = Path(__file__).resolve().parent.parent


def test_pieksamaki_m1_2022_the_cliff_at_21_hours(params):
    # The pilot enters TTES IV 9.42 €/h (kt.fi 2022/07, from 1.6.2022) in January 2022 terms,
    # 9.42 / 1.02 = 9.24 €/h (pay_basis: ttes). The cliff pays it as the engine does
    # (data/parameters/tes/ttes_raise.yaml): 9.24 €/h 1–5/2022, 9.24 × 1.02 = 9.4248 €/h from
    # 1.6.2022, × 1.005 = 9.4719 €/h from 1.10.2022. Limits (pension/earnings_limit.yaml): 855.48
    # €/month 1–7/2022, 885.63 from 1.8.2022. Pay first reaches its limit in the month with the
    # lowest limit / wage: 855.48 / 9.24 = 92.58 (1–5), 855.48 / 9.4248 = 90.77 (6–7),
    # 885.63 / 9.4248 = 93.97 (8–9), 885.63 / 9.4719 = 93.50 (10–12): June–July, so
    # 855.48 / (9.4248 × 52/12) = 20.95 h a week keep the pay under the limit all year.
    s = load(ROOT / "scenarios" / "pieksamaki_salaried.yaml")
    v = person_view(s, "M1", params)
    c = pension_cliff(s, v.person, 2022, params, staying=v.baseline)
    assert c.hourly_wage == pytest.approx(9.24 * 1.02)          # 9.4248: TTES IV 9.42 €/h
    assert c.limit == pytest.approx(855.48)
    assert c.limit_hours == pytest.approx(855.48 / (9.24 * 1.02 * WEEKS_PER_MONTH))   # 20.95
    assert c.limit_hours == pytest.approx(20.95, abs=0.005)
    i20, i225 = list(c.hours).index(20.0), list(c.hours).index(22.5)
    assert c.pension[i20] > 850 and c.pension[i225] == 0   # the pension is lost whole
    # but M1 has hoitotuki (issue 15 profile): while the pension rests the highest vammaistuki
    # (430.60–446.81 €/month in 2022) replaces it (738/2009 8 §), and the pensioners' housing
    # allowance rises as the pension income falls: the benefits make up > 500 € of the ~870 €
    assert c.benefits[i225] - c.benefits[i20] > 500
    assert c.net[i20] > c.net[i225]                # still a drop at 22.5 h
    assert c.staying_net == pytest.approx(v.baseline["net_income"][:12].mean())
    assert np.all(np.diff(c.net[: i20 + 1]) > 0)   # under the limit more hours always pay


def test_break_even_hours_at_a_higher_wage(params):
    s = validate({"name": "t", "model": "cooperative", "budget_owner": "t", "start": "2024-01",
                  "horizon_months": 12, "people": [{"id": "P", "birth_year": 1990, "disability_pension": 775.70,
                                                    "phases": [{"kind": "employment", "start": "2024-01",
                                                                "hours_per_week": 10, "hourly_wage": 20.0}]}]})
    c = pension_cliff(s, s.people[0], 2024, params)
    assert c.limit_hours == pytest.approx(976.59 / (20 * WEEKS_PER_MONTH))
    assert c.limit_hours < c.break_even_hours < 37.5
    from simulator.person.cliff import _Year
    calc = _Year(s, s.people[0], 2024, 20.0, params)
    assert calc.at(c.break_even_hours)["net"] == pytest.approx(c.net_at_limit, abs=0.05)
    assert calc.at(c.break_even_hours - 0.05)["net"] < c.net_at_limit


def test_hours_under_the_limit_fall_as_pay_rises_faster_than_the_limit(params):
    s = load(ROOT / "scenarios" / "pieksamaki_salaried.yaml")
    c = pension_cliff(s, s.people[0], 2024, params)
    by = {r["year"]: r for r in c.limits_by_year}
    # TTES raises on the entered 9.24 €/h (January 2022 terms): +2 % 6/2022, +0.5 % 10/2022,
    # +4.09 % 6/2023, +1.5 % 6/2024, +2.5 % 6/2025. 2024: the highest wage (from June)
    # 9.24 × 1.02 × 1.005 × 1.0409 × 1.015 = 10.0072 €/h, limit 976.59 all year:
    # 976.59 / (10.0072 × 52/12) = 22.52 h; 2025: limit 986.30 (+1.0 %), pay +2.5 % from June,
    # 10.2574 €/h: 986.30 / (10.2574 × 52/12) = 22.19 h
    w24 = 9.24 * 1.02 * 1.005 * 1.0409 * 1.015
    assert by[2024]["hourly_wage"] == pytest.approx(10.01)
    assert by[2024]["max_hours_under_limit"] == pytest.approx(976.59 / (w24 * WEEKS_PER_MONTH), abs=1e-4)
    assert by[2025]["hourly_wage"] == pytest.approx(10.26)
    assert by[2025]["max_hours_under_limit"] == pytest.approx(986.30 / (w24 * 1.025 * WEEKS_PER_MONTH), abs=1e-4)
    assert by[2025]["max_hours_under_limit"] == pytest.approx(22.19, abs=0.005)
    assert by[2025]["max_hours_under_limit"] < by[2024]["max_hours_under_limit"]
    assert by[2024]["scenario_hours"] == 18 and not by[2024]["over_limit"]


def test_the_cliff_pays_what_the_engine_pays(params):
    """One source for the hourly wage of a month (engine.lines.pay.basis_index):
    the cliff's wage path of M1 in 2022 equals the engine's pay of M1 a month
    / (18 h × 52/12) in the months M1 is employed (9–12/2022)."""
    from simulator.person.cliff import _Year
    s = load(ROOT / "scenarios" / "pieksamaki_salaried.yaml")
    v = person_view(s, "M1", params)
    path = _Year(s, v.person, 2022, 9.24, params, "ttes").path
    assert path == pytest.approx([9.24] * 5 + [9.24 * 1.02] * 4 + [9.24 * 1.02 * 1.005] * 3)
    engine = np.asarray(v.lines["gross_pay"][8:12]) / (18 * WEEKS_PER_MONTH)
    assert engine == pytest.approx(path[8:12])


def test_a_wage_entered_in_a_later_first_month(params):
    # A scenario starting 9/2022 enters TTES 9.42 €/h in September terms (after the +2 % of
    # 1.6.2022): the cliff's 2022 is 9.42 / 1.02 = 9.2353 €/h 1–5, 9.42 6–9, 9.42 × 1.005 10–12;
    # the limit binds in June–July (855.48 / 9.42 = 90.82 < 855.48 / 9.2353 = 92.63):
    # 855.48 / (9.42 × 52/12) = 20.96 h
    s = validate({"name": "t", "model": "salaried", "budget_owner": "t", "start": "2022-09",
                  "horizon_months": 12, "people": [{"id": "P", "birth_year": 1990, "disability_pension": 855.48,
                                                    "phases": [{"kind": "employment", "start": "2022-09",
                                                                "hours_per_week": 18, "hourly_wage": 9.42,
                                                                "pay_basis": "ttes"}]}]})
    c = pension_cliff(s, s.people[0], 2022, params)
    assert c.hourly_wage == pytest.approx(9.42)
    assert c.limit_hours == pytest.approx(855.48 / (9.42 * WEEKS_PER_MONTH))
    by = {r["year"]: r for r in c.limits_by_year}
    # 2022 worked 9–12: 885.63 / 9.42 = 94.02 (8–9), 885.63 / 9.4671 = 93.55 (10–12) → October
    assert by[2022]["earnings_limit"] == pytest.approx(885.63)
    assert by[2022]["max_hours_under_limit"] == pytest.approx(885.63 / (9.42 * 1.005 * WEEKS_PER_MONTH), abs=1e-4)


def test_no_pension_no_cliff(params):
    s = load(ROOT / "scenarios" / "pieksamaki_salaried.yaml")
    m6 = next(p for p in s.people if p.id == "M6")
    c = pension_cliff(s, m6, 2024, params)
    assert c.limit_hours is None and c.break_even_hours is None
    assert c.to_dict()["curve"][0]["hours_per_week"] == 0


def test_a_person_without_pay_needs_a_wage(params):
    from simulator.model.problems import ScenarioError
    s = validate({"name": "t", "model": "subcontracting", "budget_owner": "t", "start": "2024-01",
                  "horizon_months": 12, "people": [{"id": "P", "age": 30, "disability_pension": 775.70,
                                                    "phases": [{"kind": "work_activity", "start": "2024-01",
                                                                "days_per_month": 10}]}]})
    with pytest.raises(ScenarioError, match="hourly wage"):
        pension_cliff(s, s.people[0], 2024, params)
    c = pension_cliff(s, s.people[0], 2024, params, hourly_wage=12.0)
    assert c.hourly_wage == pytest.approx(12.0)
