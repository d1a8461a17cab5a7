"""The person's month-by-month money (simulator/person/income.py): worked
cases in tests/cases_person/person_cases.yaml, the pipeline, the pilots."""
from pathlib import Path

import numpy as np
import pytest
import yaml

from simulator.model.problems import ScenarioError, validate
from simulator.model.loader import load
from simulator.model.overrides import merge
from simulator.person.income import person_view
from simulator.person.public import public_purse

ROOT = Path(__file__).resolve().parent.parent
DOC = yaml.safe_load((Path(__file__).parent / "cases_person" / "person_cases.yaml").read_text(encoding="utf-8"))
PENSION_WARNINGS = {"pension_rests_kela", "pension_rests_kela_chosen", "pension_rests_earnings_related",
                    "pension_rests_earnings_related_chosen"}


def scenario_of(case):
    return validate(merge(DOC["defaults"], case["scenario"]), case["name"])


@pytest.mark.parametrize("case", DOC["cases"], ids=[c["name"] for c in DOC["cases"]])
def test_worked_person_cases(params, case):
    s = scenario_of(case)
    v = person_view(s, s.people[0].id, params)
    lines = {**v.lines, "baseline_net_income": v.baseline["net_income"], "change": v.change}
    for key, expected in case["expect"].items():
        got = float(np.sum(lines[key]))
        assert got == pytest.approx(expected, abs=DOC["tolerance_eur"]), f"{key}: {got:.2f} vs {expected}"
    codes = {n.code for n in v.notes}
    for code in case.get("warnings", []):
        assert code in codes, codes
    if not case.get("warnings"):
        assert not codes & PENSION_WARNINGS
    if "rest_months" in case:
        rest = [m for m, r in zip(v.months, v.lines["kela_rests"]) if r > 0]
        assert rest == case["rest_months"]


def test_rest_warning_names_the_months_in_both_languages(params):
    case = next(c for c in DOC["cases"] if c["name"].startswith("2022: pay 855.49"))
    v = person_view(scenario_of(case), "P", params)
    note = next(n for n in v.notes if n.code == "pension_rests_kela")
    assert "1/2022–7/2022" in note.text("fi") and "lepää" in note.text("fi")
    assert "2022-01–2022-07" in note.text("en") and "rests" in note.text("en")


def _one(pay, start="2024-01", horizon=12, **person):
    return validate({"name": "t", "model": "salaried", "budget_owner": "t", "start": start,
                     "horizon_months": horizon, "assumptions": {"wage_growth": 0.0},
                     "people": [{"id": "P", "birth_year": 1990, "disability_pension": 775.70,
                                 "phases": [{"kind": "employment", "start": start, "employer": "company",
                                             "hours_per_week": 20, "monthly_pay": pay}], **person}]})


def test_a_rest_lasts_at_least_three_months_while_employed(params):
    # over the limit in January only (a raise reverted): the pension still rests 1–3/2024
    s = _one(900.0)
    s = s.model_copy(update={"people": [s.people[0].model_copy(update={"phases": [
        s.people[0].phases[0].model_copy(update={"end": "2024-01", "monthly_pay": 1000.0}),
        s.people[0].phases[0].model_copy(update={"start": "2024-02"})]})]})
    v = person_view(s, "P", params)
    assert [m for m, r in zip(v.months, v.lines["kela_rests"]) if r] == ["2024-01", "2024-02", "2024-03"]


def test_let_pension_rest_rests_through_the_employment(params):
    s = _one(1000.0, let_pension_rest=True)
    v = person_view(s, "P", params)
    assert v.lines["kela_rests"].sum() == 12
    assert any(n.code == "pension_rests_kela_chosen" for n in v.notes)


def test_hoitotuki_becomes_top_vammaistuki_while_the_pension_rests(params):
    # verneri.net: while the pension rests, a person who had hoitotuki gets the highest vammaistuki
    paid = person_view(_one(900.0, hoitotuki="raised"), "P", params)
    rests = person_view(_one(1100.0, hoitotuki="raised"), "P", params)
    assert paid.lines["hoitotuki"].sum() == pytest.approx(12 * 181.56)
    assert paid.lines["vammaistuki"].sum() == 0
    assert rests.lines["hoitotuki"].sum() == 0
    assert rests.lines["vammaistuki"].sum() == pytest.approx(12 * 492.71)


def test_personal_limit_keeps_the_earnings_related_pension(params):
    s = _one(1100.0, earnings_related_pension=500.0, personal_earnings_limit=1200.0)
    v = person_view(s, "P", params)
    assert v.lines["kela_pension"].sum() == 0                       # Kela: statutory limit 976.59
    assert v.lines["earnings_related_pension"].sum() == pytest.approx(6000)   # under the personal 1 200


def test_housing_allowance_and_transport_fee(params):
    s = validate({"name": "t", "model": "subcontracting", "budget_owner": "t", "start": "2024-01",
                  "horizon_months": 12, "people": [{
                      "id": "P", "birth_year": 1990, "housing_allowance": 200.0, "transport_fee_per_day": 2.5,
                      "phases": [{"kind": "work_activity", "start": "2024-01", "days_per_month": 10,
                                  "tyoosuusraha_per_day": 5, "meal_fee_per_day": 5}]}]})
    v = person_view(s, "P", params)
    assert v.lines["housing_allowance"].sum() == pytest.approx(2400)
    assert v.lines["work_activity_fees"].sum() == pytest.approx(120 * 7.5)
    assert v.lines["net_income"].sum() == pytest.approx(2400 + 120 * 5 - 120 * 7.5)


def test_pipeline_rows_aggregate_by_weight(params):
    s = load(ROOT / "scenarios" / "mikkeli_subcontracting.yaml")
    v = person_view(s, "M1", params)
    assert [b.weight for b in v.branches] == pytest.approx([s.pipeline.conversion_rate, 1 - s.pipeline.conversion_rate])
    expected = sum(b.weight * b.lines["net_income"] for b in v.branches)
    assert np.allclose(v.lines["net_income"], expected)
    paid = v.branches[0].lines["gross_pay"]
    assert paid.sum() > 0 and v.branches[1].lines["gross_pay"].sum() == 0


@pytest.mark.parametrize("stem", ["varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried"])
def test_every_pilot_person_has_a_view(params, stem):
    s = load(ROOT / "scenarios" / f"{stem}.yaml")
    for p in s.people:
        v = person_view(s, p.id, params)
        assert len(v.months) == s.horizon_months
        lines = v.lines
        assert np.allclose(lines["net_income"],
                           sum(lines[k] for k in ("gross_pay", "tyoosuusraha", "kela_pension",
                                                  "earnings_related_pension", "hoitotuki", "vammaistuki",
                                                  "housing_allowance", "pensioners_housing_allowance",
                                                  "general_housing_allowance", "labour_market_support",
                                                  "basic_social_assistance"))
                           - sum(lines[k] for k in ("employee_pension", "employee_unemployment",
                                                    "daily_allowance_contribution", "income_tax",
                                                    "work_activity_fees", "client_fee")))
        assert v.yearly()["net_income"].sum() == pytest.approx(lines["net_income"].sum())
        d = v.to_dict()
        assert d["person"] == p.id and len(d["months"]) == s.horizon_months


def test_tax_parts_add_up_to_the_income_tax(params):
    s = load(ROOT / "scenarios" / "pieksamaki_salaried.yaml")
    v = person_view(s, "M1", params)
    parts = sum(v.lines[k] for k in ("state_tax", "municipal_tax", "medical_care", "yle_tax"))
    assert np.allclose(parts, v.lines["income_tax"])


def test_gap_years_are_named(params):
    s = load(ROOT / "scenarios" / "pieksamaki_salaried.yaml")
    v = person_view(s, "M1", params)
    assert any("municipal_rate_pieksamaki" in w.get("name") and 2025 in w.get("years") for w in v.parameter_warnings)


def test_bad_person_inputs_are_refused(params):
    base = load(ROOT / "scenarios" / "varkaus_cooperative.yaml").model_dump(mode="json")
    with pytest.raises(ScenarioError, match="no person 'M9'"):
        person_view(validate(base), "M9", params)
    bad = merge(base, {"people": [{"id": "M6", "let_pension_rest": True}]})
    with pytest.raises(ScenarioError) as exc:
        person_view(validate(bad), "M6", params)
    assert "let_pension_rest" in exc.value.render() and "eläkkeen" in exc.value.render()
    for change, field in (({"disability_pension": -5.0}, "disability_pension"),
                          ({"municipality": "helsinki"}, "municipality"),
                          ({"withholding_rate": 1.5}, "withholding_rate"),
                          ({"housing_allowance": -1.0}, "housing_allowance")):
        with pytest.raises(ScenarioError) as exc:
            validate(merge(base, {"people": [{"id": "M1", **change}]}))
        assert field in exc.value.render()
    both = merge(base, {"people": [{"id": "M1", "hoitotuki": "basic", "vammaistuki": "basic"}]})
    with pytest.raises(ScenarioError, match="either hoitotuki or vammaistuki"):
        person_view(validate(both), "M1", params)
    no_pension = merge(base, {"people": [{"id": "M6", "hoitotuki": "basic"}]})
    with pytest.raises(ScenarioError, match="hoitotuki"):
        public_purse(validate(no_pension), params)
