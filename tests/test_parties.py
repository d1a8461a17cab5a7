"""Parties (simulator/parties/): the dated payer map, worked cases by hand,
the status quo, and conservation (every line has a payer and a receiver;
the parties' results add up to what enters or leaves them from the outside)."""
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from simulator.engine.projection import project
from simulator.model.loader import load
from simulator.model.problems import validate
from simulator.parties import FLOW_PARTIES, LINES, OUTSIDE, PARTIES, parties, payer, receiver
from simulator.parties.flows import result_parts
from simulator.parties.payers import known, payer_map

try:
    from .strategies import scenarios
except ImportError:  # run as a plain module
    from strategies import scenarios

ROOT = Path(__file__).resolve().parent.parent
PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")


# ------------------------------------------------------------------ the payer map

@pytest.mark.parametrize("line,month,expected", [
    # work activity, its day prices and työosuusraha elsewhere: the municipality until 31.12.2022,
    # the wellbeing services county from 1.1.2023 (laws 611/2021, 616/2021)
    ("day_price_income", "2022-12", "municipality"), ("day_price_income", "2023-01", "county"),
    ("day_price_elsewhere", "2022-12", "municipality"), ("day_price_elsewhere", "2023-01", "county"),
    ("tyoosuusraha_elsewhere", "2022-12", "municipality"), ("tyoosuusraha_elsewhere", "2023-01", "county"),
    ("public_staff_pay", "2022-12", "municipality"), ("public_staff_pay", "2023-01", "county"),
    ("supplementary_social_assistance", "2022-12", "municipality"),
    ("supplementary_social_assistance", "2023-01", "county"),
    # palkkatuki: the state until 31.12.2024, the employment area from 1.1.2025 (law 380/2023)
    ("pay_subsidy", "2024-12", "state"), ("pay_subsidy", "2025-01", "employment_area"),
    ("company_pay_subsidy", "2024-12", "state"), ("company_pay_subsidy", "2025-01", "employment_area"),
    # Kela's benefits, either side of both dates
    ("kela_pension", "2022-12", "kela"), ("kela_pension", "2025-01", "kela"),
    ("housing_allowance", "2023-01", "kela"), ("labour_market_support", "2025-01", "kela"),
    ("basic_social_assistance", "2024-12", "kela"),
    ("earnings_related_pension", "2023-01", "pension_insurers"),
])
def test_payer_by_date(line, month, expected):
    assert payer(line, month) == expected


@pytest.mark.parametrize("line,month,expected", [
    ("municipal_tax", "2022-12", "municipality"), ("municipal_tax", "2023-01", "municipality"),
    ("state_tax", "2025-01", "state"), ("yle_tax", "2022-12", "state"),
    ("medical_care", "2023-01", "kela"), ("daily_allowance_contribution", "2023-01", "kela"),
    ("employee_pension", "2025-01", "pension_insurers"), ("employer_pension", "2022-12", "pension_insurers"),
    ("work_activity_fees_elsewhere", "2022-12", "municipality"),
    ("work_activity_fees_elsewhere", "2023-01", "county"),
    ("pay_subsidy", "2025-01", "organisation"), ("sales", "2025-01", "organisation"),
])
def test_receiver_by_date(line, month, expected):
    assert receiver(line, month) == expected


def test_every_line_is_declared_once_and_has_a_payer_and_a_receiver():
    assert set(payer_map()["lines"]) == set(LINES)
    parties_and_outside = set(FLOW_PARTIES) | {OUTSIDE}
    for line in LINES:
        for month in ("2015-01", "2022-12", "2023-01", "2024-12", "2025-01", "2035-12"):
            a, b = payer(line, month), receiver(line, month)
            assert a in parties_and_outside and b in parties_and_outside and a != b, (line, month)
    for role, periods in payer_map()["roles"].items():   # each dated period has a source or is marked [check]
        for period in periods:
            assert period.get("source") or period.get("status") == "check", role


def test_every_result_line_of_the_engine_has_a_payer():
    # a line B or another helper adds to the organisation's result needs an entry in data/payers.yaml
    paired = {"wages", "holiday_pay", "holiday_bonus", "sick_pay", "work_activity_pay", "client_fees"}
    missing = [name for name, _ in result_parts() if name not in paired and not known(name)]
    assert not missing


# ------------------------------------------------------------------ worked cases by hand

def _moving(start, job):
    """One person in work activity arranged elsewhere (15 days × 70 €/day,
    työosuusraha 5 €/day) who takes a job here (20 h/week × 12 €/h, palkkatuki
    50 % for 12 months) in month ``job``; no price or wage growth."""
    return validate({
        "name": "t", "model": "salaried", "budget_owner": "t", "start": start, "horizon_months": 4,
        "assumptions": {"price_growth": 0, "wage_growth": 0},
        "people": [{"id": "P", "birth_year": 1990, "reduced_work_capacity": True, "phases": [
            {"kind": "work_activity", "start": start, "arranged_by": "other", "days_per_month": 15,
             "tyoosuusraha_per_day": 5, "day_price": 70},
            {"kind": "employment", "start": job, "hours_per_week": 20, "hourly_wage": 12.0,
             "palkkatuki": {"rate": 0.5, "months": 12}}]}]})


def test_worked_case_2025_palkkatuki_from_the_employment_area(params):
    p = project(_moving("2024-11", "2025-01"), params)
    P = parties(p)
    # 2024-11, 2024-12: the county pays the day price 15 × 70 = 1 050 and työosuusraha 15 × 5 = 75
    assert P.lines("county")["paid"]["day_price_elsewhere"] == pytest.approx([1050, 1050, 0, 0])
    assert P.lines("county")["paid"]["tyoosuusraha_elsewhere"] == pytest.approx([75, 75, 0, 0])
    assert P.monthly("county") == pytest.approx([-1125, -1125, 0, 0])
    # 2025: B = 20 h × 52/12 × 12 €/h = 1 040; palkkatuki 50 % × 1 040 = 520, paid by the employment area
    assert P.monthly("employment_area") == pytest.approx([0, 0, -520, -520])
    assert P.lines("organisation")["received"]["pay_subsidy"] == pytest.approx([0, 0, 520, 520])
    assert "pay_subsidy" not in P.lines("state")["paid"]
    # the people get 75 of työosuusraha a month while in work activity (no pension entered)
    assert P.monthly("people")[:2] == pytest.approx([75, 75])
    # status quo: staying in work activity, the county pays 1 125 every month
    assert P.status_quo.monthly("county") == pytest.approx([-1125] * 4)
    assert P.difference("county") == pytest.approx(-2250 - (-4500))           # +2 250
    assert P.difference("employment_area") == pytest.approx(-1040 - 0)         # −1 040
    assert P.status_quo.total("organisation") == pytest.approx(0)              # no pay, no palkkatuki
    assert P.difference("organisation") == pytest.approx(p.columns["result"].sum())


def test_worked_case_2023_day_prices_move_to_the_county(params):
    p = project(_moving("2022-11", "2023-01"), params)
    P = parties(p)
    # 2022-11, 2022-12: the municipality pays 1 050 + 75; the county nothing until 2023
    assert P.monthly("municipality")[:2] == pytest.approx([-1125, -1125])
    assert P.monthly("county") == pytest.approx([0, 0, 0, 0])
    # palkkatuki in 2023 is the state's (TE office/KEHA), not the employment area's
    assert P.lines("state")["paid"]["pay_subsidy"] == pytest.approx(p.columns["pay_subsidy"])
    assert p.columns["pay_subsidy"][2] > 0
    assert P.total("employment_area") == 0
    # status quo: the municipality pays 2022, the county 2023 (1 125 a month each)
    assert P.status_quo.monthly("municipality")[:2] == pytest.approx([-1125, -1125])
    assert P.status_quo.monthly("county") == pytest.approx([0, 0, -1125, -1125])
    assert P.difference("county") == pytest.approx(2250)


def test_full_cost_adds_the_public_inputs(params):
    # a job coach the public pays (0.3 FTE × 3 000 €) and a 1 000 € start-up grant
    s = validate({"name": "t", "model": "cooperative", "budget_owner": "t", "start": "2024-01",
                  "horizon_months": 2, "assumptions": {"wage_growth": 0, "price_growth": 0},
                  "staff": [{"role": "job coach", "fte": 0.3, "monthly_pay": 3000,
                             "paid_by": "municipality"}],
                  "grants": [{"name": "start", "kind": "one_off", "amount": 1000, "start": "2024-01"}], "people": []})
    P = parties(project(s, params))
    coach = 0.3 * 3000                                          # 900 a month to the coach
    paid = P.lines("county")["paid"]
    assert paid["public_staff_pay"] == pytest.approx([coach, coach])
    side = paid["public_staff_pension"] + paid["public_staff_health_insurance"] + paid[
        "public_staff_unemployment_insurance"]
    assert P.total("organisation_full_cost") == pytest.approx(
        P.total("organisation") - 1000 - 2 * coach - side.sum())


# ------------------------------------------------------------------ conservation

def _check_conservation(p):
    P = parties(p, status_quo=False)
    assert not P.unmapped
    total = sum(P.monthly(q) for q in FLOW_PARTIES)
    assert np.allclose(total, P.outside(), atol=1e-6)
    # the organisation's total is its result; the people's their net income (computed apart)
    assert np.allclose(P.monthly("organisation"), p.columns["result"], atol=1e-6)
    net = sum((p.person(q.id, baseline=False).lines["net_income"] for q in p.scenario.people),
              np.zeros(len(P.months)))
    assert np.allclose(P.monthly("people"), net, atol=1e-6)


@pytest.mark.parametrize("stem", PILOTS)
def test_pilots_conserve_money(params, stem):
    p = project(load(ROOT / "scenarios" / f"{stem}.yaml"), params)
    _check_conservation(p)
    doc = parties(p).to_dict()
    assert list(doc) == list(PARTIES)
    for q, d in doc.items():
        assert d["difference"] == pytest.approx(d["total"] - d["status_quo"], abs=0.02)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_random_scenarios_conserve_money(params, raw):
    _check_conservation(project(validate(raw), params))
