"""The public purse (simulator/person/public.py)."""
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
    assert bp["municipality"]["received"]["income_tax_municipal"] == pytest.approx(
        sum(v.lines["municipal_tax"].sum() for v in views))
    assert bp["pension_insurers"]["received"]["employee_pension"] == pytest.approx(
        sum(v.lines["employee_pension"].sum() for v in views))
    p = project(s, params)
    # a public employer: the pay of its people and staff is public money
    assert (bp["municipality"]["paid_out"]["wages"] + bp["municipality"]["paid_out"]["staff_pay"]) == pytest.approx(
        p.columns["wages"].sum() + p.columns["holiday_pay"].sum() + p.columns["holiday_bonus"].sum())
    assert bp["pension_insurers"]["received"]["employer_pension"] == pytest.approx(p.columns["employer_pension"].sum())


def _salaried(start, palkkatuki, model="salaried"):
    return validate({"name": "t", "model": model, "budget_owner": "t", "start": start, "horizon_months": 12,
                     "people": [{"id": "P", "birth_year": 1990, "reduced_work_capacity": True,
                                 "phases": [{"kind": "employment", "start": start, "hours_per_week": 25,
                                             "hourly_wage": 11.0, "palkkatuki": palkkatuki}]}]})


def test_palkkatuki_payer_moves_to_the_municipality_in_2025(params):
    # TE24 reform: from 1.1.2025 municipalities' employment areas grant palkkatuki
    before = public_purse(_salaried("2024-01", "auto", "cooperative"), params).by_payer()
    after = public_purse(_salaried("2025-01", "auto", "cooperative"), params).by_payer()
    assert before["state"]["paid_out"]["pay_subsidy"] > 0
    assert before["municipality"]["paid_out"].get("pay_subsidy", 0) == 0
    assert after["state"]["paid_out"].get("pay_subsidy", 0) == 0
    assert after["municipality"]["paid_out"]["pay_subsidy"] > 0


def test_transfers_between_public_payers_cancel(params):
    # a public employer gets palkkatuki from the state: the state pays, the municipality gets it back
    pp = public_purse(_salaried("2024-01", "auto"), params)
    bp = pp.by_payer()
    sub = bp["state"]["paid_out"]["pay_subsidy"]
    assert bp["municipality"]["received"]["pay_subsidy"] == pytest.approx(sub)
    private = public_purse(_salaried("2024-01", "auto"), params, organisation_public=False)
    # as a private employer its pay is not public money: the public purse gains the pay and its side costs
    assert private.net_cost < pp.net_cost
    gap = pp.net_cost - private.net_cost
    p = project(_salaried("2024-01", "auto"), params)
    assert gap == pytest.approx(p.columns["wages"].sum() + p.columns["holiday_pay"].sum()
                                + p.columns["holiday_bonus"].sum() + p.columns["employer_contributions"].sum()
                                - p.columns["pay_subsidy"].sum() - p.columns["sales"].sum(), rel=1e-9)


def test_work_activity_without_a_day_price_is_named(params):
    pp = public_purse(load(ROOT / "scenarios" / "varkaus_cooperative.yaml"), params)
    assert any(n.code == "wa_without_price" for n in pp.notes)
    assert "päivähintaa" in next(n for n in pp.notes if n.code == "wa_without_price").text("fi")
