"""Scenario loading: base scenarios and overrides, the pipeline, staff payers."""
import pytest

from simulator.engine.projection import project
from simulator.model.problems import ScenarioError, validate
from simulator.model.loader import load
from simulator.model.overrides import merge


def test_override_changes_only_what_it_names(tmp_path, pilot_paths):
    p = tmp_path / "cheaper.yaml"
    p.write_text("base: varkaus_cooperative\nname: Varkaus, halvempi hinta\n"
                 "revenue:\n  - {name: Siivous- ja kiinteistöpalvelut, price: 22.0}\n"
                 "people:\n  - {id: M7, remove: true}\n", encoding="utf-8")
    base, s = load(pilot_paths[0]), load(p)
    assert s.base == "varkaus_cooperative" and s.name == "Varkaus, halvempi hinta"
    assert [x.id for x in s.people] == ["M1", "M2", "M3", "M4", "M5", "M6"]
    assert s.revenue[0].price == 22.0
    assert s.revenue[0].volume_from_paid_hours == base.revenue[0].volume_from_paid_hours
    assert s.revenue[1] == base.revenue[1] and s.overheads == base.overheads
    assert project(s).kpis["total_revenue"] < project(base).kpis["total_revenue"]


def test_merge_rules():
    base = {"a": {"x": 1, "y": 2}, "people": [{"id": "M1", "age": 3}], "tags": [1, 2]}
    out = merge(base, {"a": {"y": 5}, "people": [{"id": "M1", "age": 4}, {"id": "M2", "age": 9}], "tags": [3]})
    assert out == {"a": {"x": 1, "y": 5}, "people": [{"id": "M1", "age": 4}, {"id": "M2", "age": 9}], "tags": [3]}


def test_base_loop_is_an_error(tmp_path):
    (tmp_path / "a.yaml").write_text("base: b\nname: a\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("base: a\nname: b\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="loop"):
        load(tmp_path / "a.yaml")


BASE = dict(name="p", model="subcontracting", budget_owner="t", start="2022-01", horizon_months=12,
            assumptions={"price_growth": 0.0})


def test_pipeline_splits_by_conversion_rate():
    # avotyö from 2022-01 with a 4-month limit: 1/2022–4/2022 avotyö for the whole
    # person; from 5/2022 25 % in paid work at a company, 75 % back in work activity.
    s = validate({**BASE, "people": [{"id": "M1", "age": 30, "phases": [
        {"kind": "avotyo", "start": "2022-01", "days_per_month": 10, "tyoosuusraha_per_day": 5,
         "company_fee_per_day": 10, "day_price": 60, "time_limited": True}]}],
        "pipeline": {"avotyo_time_limit_months": 4, "conversion_rate": 0.25,
                     "after_conversion": {"hours_per_week": 20, "hourly_wage": 11}}})
    m = project(s).monthly.set_index("month")
    assert m.at["2022-04", "avotyo_fees"] == pytest.approx(100.0)          # 10 days × 10 €
    assert m.at["2022-05", "avotyo_fees"] == 0
    assert m.at["2022-05", "people_in_paid_work"] == pytest.approx(0.25)
    assert m.at["2022-05", "people_in_work_activity"] == pytest.approx(0.75)
    assert m.at["2022-05", "work_activity_pay"] == pytest.approx(0.75 * 10 * 5)
    assert m.at["2022-05", "day_price_income"] == pytest.approx(0.75 * 10 * 60)
    assert m.at["2022-05", "wages"] == 0                                      # the company pays them


def test_staff_paid_by_municipality_is_outside_the_budget():
    staff = {"role": "coach", "fte": 0.5, "monthly_pay": 3000}
    here = project(validate({**BASE, "staff": [staff]})).kpis["total_costs"]
    muni = project(validate({**BASE, "staff": [{**staff, "paid_by": "municipality"}]})).kpis["total_costs"]
    grant = project(validate({**BASE, "staff": [{**staff, "paid_by": "project_grant"}]})).kpis
    assert here > 0 and muni == 0
    assert grant["total_costs"] == pytest.approx(here) and grant["total_result"] == pytest.approx(0, abs=0.01)


def test_tyoosuusraha_above_tax_free_limit_warns():
    s = validate({**BASE, "people": [{"id": "M1", "age": 30, "phases": [
        {"kind": "work_activity", "start": "2022-01", "days_per_month": 10, "tyoosuusraha_per_day": 15}]}]})
    assert any(w.get("people") == ("M1",) and "tax-free" in w.render("en") for w in project(s).warnings)


def test_income_tax_after_losses_carried_forward():
    # 2022: −1000 (loss); 2023: +3000 → taxable 2000 × 20 % = 400 booked 12/2023, paid 5/2024
    s = validate({**BASE, "model": "cooperative", "horizon_months": 36,
                  "assumptions": {"pays_income_tax": True, "cost_inflation": 0.0},
                  "overheads": [{"name": "loss", "kind": "one_off", "amount": 1000, "start": "2022-03"}],
                  "grants": [{"name": "g", "kind": "one_off", "amount": 3000, "start": "2023-02"}]})
    m = project(s).monthly.set_index("month")
    assert m["income_tax"].sum() == pytest.approx(400.0)
    assert m.at["2023-12", "income_tax"] == pytest.approx(400.0)
    assert m.at["2024-05", "income_tax_paid"] == pytest.approx(400.0)


def test_earnings_limit_warning_names_person_and_months():
    # employment-models.md §3b: 18 h/week × 52/12 × 11.06 €/h = 862.68 €/month, above
    # the limit 855.48 € until 7/2022 and below 885.63 € from 8/2022 (valionelakekassa.fi)
    s = validate({**BASE, "people": [{"id": "M3", "age": 30, "disability_pension": 855.48, "phases": [
        {"kind": "employment", "start": "2022-01", "hours_per_week": 18, "hourly_wage": 11.06}]}],
        "assumptions": {"wage_growth": 0.0}})
    w = [x.render("en") for x in project(s).warnings if x.get("pid") == "M3"]
    assert len(w) == 1 and "7 month(s), 2022-01–2022-07" in w[0] and w[0].startswith("M3:")
    s2 = validate({**s.model_dump(mode="json"), "people": [{**s.people[0].model_dump(mode="json"),
                                                             "disability_pension": None}]})
    assert not any(x.get("pid") == "M3" for x in project(s2).warnings)


def test_open_phase_ends_where_the_next_begins():
    from reference_engine import reference_project
    s = validate({**BASE, "people": [{"id": "M1", "age": 30, "phases": [
        {"kind": "employment", "start": "2022-04", "hours_per_week": 20, "hourly_wage": 11},
        {"kind": "work_activity", "start": "2022-01", "days_per_month": 10, "tyoosuusraha_per_day": 5}]}]})
    p = project(s)
    m = p.monthly.set_index("month")
    assert m.at["2022-03", "work_activity_pay"] == 50 and m.at["2022-04", "work_activity_pay"] == 0
    assert m.at["2022-04", "people_employed_here"] == 1 and m.at["2022-03", "people_employed_here"] == 0
    from simulator.model.parameters import ParameterSet
    ref = reference_project(s, ParameterSet.load())
    assert list(ref["work_activity_pay"]) == list(p.columns["work_activity_pay"])


def test_same_start_month_is_an_overlap():
    with pytest.raises(ScenarioError, match="overlaps"):
        validate({**BASE, "people": [{"id": "M1", "age": 30, "phases": [
            {"kind": "work_activity", "start": "2022-01", "days_per_month": 10},
            {"kind": "employment", "start": "2022-01", "hours_per_week": 20, "hourly_wage": 11}]}]})
