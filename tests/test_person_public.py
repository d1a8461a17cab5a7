"""The public purse (simulator/person/public.py), a view on the parties.

Since the parties (issue 13) the purse separates the pockets: the county
(from 2023) and the municipality apart, the employment area (palkkatuki from
2025) apart from the state, and the organisation is a party of its own,
never folded into the municipality (the old ``organisation_public``
switch is gone). So a public organisation's pay, costs and income no
longer count as public money: the purse shows what the public bodies pay
the organisation (day prices, palkkatuki, grants) and get from it
(contributions, taxes)."""
from pathlib import Path

import pytest

from simulator.engine.projection import project
from simulator.model.loader import load
from simulator.model.problems import validate
from simulator.person.income import person_view
from simulator.person.public import PAYERS, public_purse

ROOT = Path(__file__).resolve().parent.parent
PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")


@pytest.mark.parametrize("stem", PILOTS)
def test_totals_hang_together(params, stem):
    s = load(ROOT / "scenarios" / f"{stem}.yaml")
    pp = public_purse(s, params)
    bp = pp.by_payer()
    assert set(bp) == set(PAYERS)
    total = sum(d["net_cost"] for d in bp.values())
    assert pp.net_cost == pytest.approx(total)
    assert sum(r["total"] for r in pp.by_year()) == pytest.approx(total)
    assert sum(v["net_cost"] for v in pp.per_person().values()) == pytest.approx(total)
    k = pp.kpis()
    assert k["person_years"] == pytest.approx(len(s.people) * s.horizon_months / 12)
    assert k["net_cost_per_person_year"] == pytest.approx(total / k["person_years"])
    assert k["net_cost_per_paid_hour"] == pytest.approx(total / k["paid_hours"])
    for d in bp.values():
        assert d["net_cost"] == pytest.approx(sum(d["paid_out"].values()) - sum(d["received"].values()))
    doc = pp.to_dict()
    assert set(doc) >= {"scenario", "kpis", "by_payer", "by_year", "by_person", "warnings"}


def test_person_flows_match_the_person_view(params):
    s = load(ROOT / "scenarios" / "pieksamaki_salaried.yaml")
    pp = public_purse(s, params)
    bp = pp.by_payer()
    views = [person_view(s, p.id, params) for p in s.people]
    assert bp["kela"]["paid_out"]["kela_pension"] == pytest.approx(sum(v.lines["kela_pension"].sum() for v in views))
    assert bp["municipality"]["received"]["municipal_tax"] == pytest.approx(
        sum(v.lines["municipal_tax"].sum() for v in views))
    assert bp["pension_insurers"]["received"]["employee_pension"] == pytest.approx(
        sum(v.lines["employee_pension"].sum() for v in views))
    p = project(s, params)
    # the organisation's pay is its own (no public line "wages" any more); its
    # contributions reach the pension insurers
    assert "wages" not in bp["municipality"]["paid_out"] and "wages" not in bp["county"]["paid_out"]
    assert bp["pension_insurers"]["received"]["employer_pension"] == pytest.approx(p.columns["employer_pension"].sum())


def _salaried(start, palkkatuki, model="salaried"):
    return validate({"name": "t", "model": model, "budget_owner": "t", "start": start, "horizon_months": 12,
                     "people": [{"id": "P", "birth_year": 1990, "reduced_work_capacity": True,
                                 "phases": [{"kind": "employment", "start": start, "hours_per_week": 25,
                                             "hourly_wage": 11.0, "palkkatuki": palkkatuki}]}]})


def test_palkkatuki_payer_moves_to_the_employment_area_in_2025(params):
    # TE24 reform (law 380/2023): from 1.1.2025 the municipalities' employment areas grant
    # palkkatuki; before, the state. (The old purse booked it to "municipality", one pocket
    # with the county; now the employment area is its own payer.)
    before = public_purse(_salaried("2024-01", "auto", "cooperative"), params).by_payer()
    after = public_purse(_salaried("2025-01", "auto", "cooperative"), params).by_payer()
    assert before["state"]["paid_out"]["pay_subsidy"] > 0
    assert before["employment_area"]["paid_out"].get("pay_subsidy", 0) == 0
    assert after["state"]["paid_out"].get("pay_subsidy", 0) == 0
    assert after["employment_area"]["paid_out"]["pay_subsidy"] > 0
    assert after["municipality"]["paid_out"].get("pay_subsidy", 0) == 0


def test_the_organisation_is_its_own_party(params):
    # The same scenario as a salaried model (a public unit) and as a cooperative gives the
    # same public purse: the organisation's own pay and costs are not public money in
    # either (before the parties, a public organisation's pay counted as the municipality's).
    public_unit = public_purse(_salaried("2024-01", "auto"), params)
    coop = public_purse(_salaried("2024-01", "auto", "cooperative"), params)
    assert public_unit.net_cost == pytest.approx(coop.net_cost)
    p = project(_salaried("2024-01", "auto"), params)
    # the state pays the palkkatuki and gets the employer's unemployment insurance (and the
    # person's state tax and unemployment contribution)
    st = public_unit.by_payer()["state"]
    assert st["paid_out"]["pay_subsidy"] == pytest.approx(p.columns["pay_subsidy"].sum())
    assert st["received"]["employer_unemployment_insurance"] == pytest.approx(
        p.columns["employer_unemployment_insurance"].sum())


def test_work_activity_without_a_day_price_is_named(params):
    # (the Varkaus pilot now carries a day price: a scenario of its own)
    s = validate({"name": "t", "model": "cooperative", "budget_owner": "t", "start": "2024-01", "horizon_months": 3,
                  "people": [{"id": "P", "birth_year": 1990, "phases": [
                      {"kind": "work_activity", "start": "2024-01", "arranged_by": "other", "days_per_month": 10,
                       "day_price": 0}]}]})
    pp = public_purse(s, params)
    assert any(n.code == "wa_without_price" for n in pp.notes)
    assert "päivähintaa" in next(n for n in pp.notes if n.code == "wa_without_price").text("fi")
