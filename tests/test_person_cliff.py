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
    # The pilot enters TTES IV 9.42 €/h (kt.fi 2022/07) in January 2022 terms, 9.42 / 1.02 = 9.24 €/h
    # (pay_basis: ttes). The cliff takes the entered wage × wage_growth per year (cliff.py _Year; it does
    # not apply the TTES raises), so in 2022 it uses 9.24 €/h; limit 855.48 €/month 1–7/2022 (tyoelake.fi):
    # 855.48 / (9.24 × 52/12) = 21.37 h a week keep the pay under the limit all year.
    s = load(ROOT / "scenarios" / "pieksamaki_salaried.yaml")
    v = person_view(s, "M1", params)
    c = pension_cliff(s, v.person, 2022, params, staying=v.baseline)
    assert c.limit_hours == pytest.approx(855.48 / (9.24 * WEEKS_PER_MONTH))
    assert c.hourly_wage == pytest.approx(9.24)
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
    # 2025: limit 986.30 (+1.0 %), pay +2.5 % a year (the cliff's wage_growth on the entered 9.24 €/h,
    # January 2022 terms): 986.30 / (9.24 × 1.025³ × 52/12)
    assert by[2025]["max_hours_under_limit"] == pytest.approx(986.30 / (9.24 * 1.025 ** 3 * WEEKS_PER_MONTH), abs=0.01)
    assert by[2025]["max_hours_under_limit"] < by[2024]["max_hours_under_limit"]
    assert by[2024]["scenario_hours"] == 18 and not by[2024]["over_limit"]


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
