"""Sensitivity (simulator/uncertainty/sensitivity.py, measures.py): tornado bars
against hand-computed effects, ranking, bounds, the two-way table, KPI specs."""
from __future__ import annotations

import math

import numpy as np
import pytest

from simulator.engine.projection import project
from simulator.person.income import person_view
from simulator.model.scenario import SCENARIO_DIR
from simulator.model.loader import load
from simulator.model.problems import validate
from simulator.model.paths import describe, with_values
from simulator.uncertainty.measures import MeasureError, check_kpi, measure, parse_kpi
from simulator.uncertainty.sensitivity import SensitivityError, bounds_for, default_values, tornado, two_way

HORIZON = 24
RATE = 0.03
#: monthly rate of the 3 %/yr discount rate (conventions.monthly_rate)
R_M = (1 + RATE) ** (1 / 12) - 1


def annuity(first: int, last: int) -> float:
    """Σ (1 + r_m)^-t for t = first..last: the Excel-NPV discount factors (t = 1 is the first month)."""
    return sum((1 + R_M) ** -t for t in range(first, last + 1))


def small(**extra) -> dict:
    """No people, no VAT, no income tax, no inflation: every line is linear in its inputs.

    Revenue R: 10 units × 120 € a month, paid in the month (payment term 0 days).
    Overheads A 1 000 €/month and B 100 €/month, not indexed, paid in the month.
    """
    d = dict(name="Linear", model="cooperative", budget_owner="Test", start="2024-01", horizon_months=HORIZON,
             opening_cash=10000.0,
             assumptions=dict(vat_registered=False, pays_income_tax=False, customer_payment_term_days=0,
                              discount_rate=RATE, price_growth=0.0, cost_inflation=0.0),
             revenue=[dict(name="R", basis="per_unit", price=120.0, volume=10.0, growth=0.0, vat="exempt")],
             overheads=[dict(name="A", kind="monthly", amount=1000.0, indexed=False),
                        dict(name="B", kind="monthly", amount=100.0, indexed=False)])
    d.update(extra)
    return d


@pytest.fixture(scope="module")
def lin():
    return validate(small())


def bar(t, path):
    return next(b for b in t.bars if b.path == path)


def test_overhead_bar_equals_the_discounted_change(lin):
    t = tornado(lin, "npv")
    a = bar(t, "overheads[A].amount")
    assert (a.low, a.high) == (800.0, 1200.0)          # ±20 % of 1 000
    # ΔNPV = −Δamount × Σ_{t=1}^{24} (1+r_m)^-t, every month paid in the month
    assert a.kpi_low - t.base_kpi == pytest.approx(200 * annuity(1, HORIZON), rel=1e-9)
    assert a.kpi_high - t.base_kpi == pytest.approx(-200 * annuity(1, HORIZON), rel=1e-9)
    assert a.swing == pytest.approx(400 * annuity(1, HORIZON), rel=1e-9)
    # base NPV itself: (1 200 − 1 100) a month
    assert t.base_kpi == pytest.approx(100 * annuity(1, HORIZON), rel=1e-9)


def test_price_bar_equals_the_discounted_change(lin):
    t = tornado(lin, "npv", assumptions=["revenue[R].price", "revenue[R].volume"])
    p = bar(t, "revenue[R].price")
    assert (p.low, p.high) == (96.0, 144.0)
    # Δ receipts = 10 units × 48 € a month
    assert p.swing == pytest.approx(480 * annuity(1, HORIZON), rel=1e-9)
    v = bar(t, "revenue[R].volume")                    # 8..12 units × 120 €: the same swing
    assert v.swing == pytest.approx(p.swing, rel=1e-12)


def test_payment_term_delays_the_receipts():
    s = validate(small(assumptions=dict(vat_registered=False, pays_income_tax=False, customer_payment_term_days=14,
                                        discount_rate=RATE, price_growth=0.0, cost_inflation=0.0)))
    p = bar(tornado(s, "npv", assumptions=["revenue[R].price"]), "revenue[R].price")
    # 14 days = one month late: the 24th month's sales are not received within the horizon
    assert p.swing == pytest.approx(480 * annuity(2, HORIZON), rel=1e-9)


def test_min_cash_and_result_year_bars(lin):
    # base: 10 000 + 100 a month, lowest in the first month: 10 100
    assert measure(lin, "min_cash") == pytest.approx(10100)
    a = bar(tornado(lin, "min_cash", assumptions=["overheads[A].amount"]), "overheads[A].amount")
    # at 1 200 €: −100 a month, lowest at the end: 10 000 − 24 × 100 = 7 600; at 800 €: 10 000 + 300 = 10 300
    assert (a.kpi_low, a.kpi_high) == (pytest.approx(10300), pytest.approx(7600))
    y = bar(tornado(lin, "result_year:2025", assumptions=["overheads[A].amount"]), "overheads[A].amount")
    assert y.swing == pytest.approx(400 * 12)
    c = bar(tornado(lin, "cash_at:2024-06", assumptions=["overheads[B].amount"]), "overheads[B].amount")
    assert c.swing == pytest.approx(40 * 6)


def test_ranking_and_scenario_bounds(lin):
    t = tornado(lin, "npv")
    swings = [b.swing for b in t.bars]
    assert swings == sorted(swings, reverse=True)
    order = [b.path for b in t.bars]
    assert order.index("overheads[A].amount") < order.index("overheads[B].amount")
    # the scenario's own bounds: B from 0 to 5 000 now outweighs everything
    s = validate(small(uncertainty=dict(sensitivity=[dict(assumption="overheads[B].amount", low=0, high=5000)])))
    t2 = tornado(s, "npv")
    b = t2.bars[0]
    assert (b.path, b.low, b.high, b.bounds_from) == ("overheads[B].amount", 0.0, 5000.0, "scenario")
    assert b.swing == pytest.approx(5000 * annuity(1, HORIZON), rel=1e-9)
    assert bar(t2, "overheads[A].amount").bounds_from == "relative"


def test_zero_values_are_skipped_and_no_bar_without_effect(lin):
    s = validate(small(opening_cash=0.0))
    t = tornado(s, "npv")
    assert "opening_cash" in t.skipped and "opening_cash" not in [b.path for b in t.bars]
    # opening cash (10 000 ± 2 000) is not a flow: no effect on NPV, all of it on min cash
    assert bar(tornado(lin, "npv"), "opening_cash").swing == 0
    assert bar(tornado(lin, "min_cash"), "opening_cash").swing == pytest.approx(4000)
    # 1 + 2 × bars engine runs
    assert t.runs == 1 + 2 * len(t.bars)


def test_bounds_rule():
    a = describe(validate(small()), "assumptions.customer_payment_term_days")      # 0: skipped
    assert bounds_for(a, 0.2) is None
    s = validate(small(assumptions=dict(customer_payment_term_days=14, palkkatuki_payment_delay_months=2)))
    # integers are rounded: 14 × 0.8 = 11.2 → 11, 14 × 1.2 = 16.8 → 17
    assert bounds_for(describe(s, "assumptions.customer_payment_term_days"), 0.2) == (11, 17)
    # and moved at least one step: 2 ± 0.4 rounds back to 2, so 1..3
    assert bounds_for(describe(s, "assumptions.palkkatuki_payment_delay_months"), 0.2) == (1, 3)
    m = load(SCENARIO_DIR / "mikkeli_subcontracting.yaml")
    # natural bounds clip: days a month ≤ 23 (15 × 1.6 = 24 → 23)
    assert bounds_for(describe(m, "people[M1].phases[0].days_per_month"), 0.6) == (6.0, 23.0)
    assert bounds_for(describe(m, "pipeline.conversion_rate"), 5.0) == (0.0, 1.0)


def test_two_way_corners_and_additivity(lin):
    va, vb = [800.0, 1000.0, 1200.0], [50.0, 100.0, 150.0]
    tw = two_way(lin, "npv", "overheads[A].amount", va, "overheads[B].amount", vb)
    assert tw.table.shape == (3, 3)
    for i in (0, 2):
        for j in (0, 2):
            single = measure(with_values(lin, {"overheads[A].amount": va[i], "overheads[B].amount": vb[j]}), "npv")
            assert tw.table[i, j] == single
    # linear and additive: NPV(a, b) = base − (a − 1 000 + b − 100) × Σ d_t
    for i, a in enumerate(va):
        for j, b in enumerate(vb):
            assert tw.table[i, j] == pytest.approx(tw.base_kpi - (a - 1000 + b - 100) * annuity(1, HORIZON),
                                                   rel=1e-9)
    t = tornado(lin, "npv")
    assert tw.table[0, 1] == pytest.approx(bar(t, "overheads[A].amount").kpi_low, rel=1e-12)


def test_two_way_on_a_pilot_matches_single_runs():
    s = load(SCENARIO_DIR / "varkaus_cooperative.yaml")
    pa, pb = "revenue[Siivous].price", "people[M1].phases[1].hours_per_week"
    va, vb = default_values(s, pa, steps=3), default_values(s, pb, steps=3)
    assert len(va) == 3 and len(vb) == 3 and vb[1] == 15.0
    tw = two_way(s, "min_cash", pa, va, pb, vb)
    assert tw.table[2, 0] == measure(with_values(s, {pa: va[2], pb: vb[0]}), "min_cash")
    with pytest.raises(SensitivityError, match="both assumptions"):
        two_way(s, "npv", pa, va, "revenue[Siivous- ja kiinteistöpalvelut].price", va)


def test_pilot_tornado_is_sorted_and_skips_person_fields():
    s = load(SCENARIO_DIR / "pieksamaki_salaried.yaml")
    t = tornado(s, "npv")
    assert [b.swing for b in t.bars] == sorted((b.swing for b in t.bars), reverse=True)
    paths = [b.path for b in t.bars]
    assert not any(p.endswith("disability_pension") for p in paths)
    assert not any(p.endswith(".start") for p in paths)
    # a cost a day up → NPV down
    wa = bar(t, "people[M1].phases[0].cost_per_day")
    assert wa.kpi_high < t.base_kpi < wa.kpi_low
    # the value of the work is an avoided cost: it moves the result, never cash (so not the NPV)
    price = bar(t, "revenue[Työn arvo (korvatut ostopalvelut)].price")
    assert price.kpi_low == price.kpi_high == t.base_kpi
    r = tornado(s, "total_result")
    price = bar(r, "revenue[Työn arvo (korvatut ostopalvelut)].price")
    assert price.kpi_low < r.base_kpi < price.kpi_high


def test_net_income_kpi():
    s = load(SCENARIO_DIR / "varkaus_cooperative.yaml")
    v = person_view(s, "M1")
    assert measure(s, "net_income:M1") == pytest.approx(float(v.lines["net_income"].sum()), rel=1e-12)
    t = tornado(s, "net_income:M1", assumptions=["people[M1].disability_pension", "people[M2].disability_pension",
                                                  "people[M1].phases[1].hours_per_week"])
    assert bar(t, "people[M2].disability_pension").swing == 0
    assert bar(t, "people[M1].disability_pension").swing > 0
    full = tornado(s, "net_income:M1")
    paths = {b.path for b in full.bars}
    assert "people[M1].disability_pension" in paths and "people[M2].disability_pension" not in paths


def test_break_even_kpi_counts_months_and_never():
    # monthly result 200 after a one-off cost of 6 000 in the first month:
    # cumulative −5 800, −5 600, …; ≥ 0 from the 30th month, beyond the 24-month horizon: never
    s = validate(small(overheads=[dict(name="A", kind="monthly", amount=1000.0, indexed=False),
                                  dict(name="K", kind="one_off", amount=6000.0, start="2024-01")]))
    assert measure(s, "break_even_month") is None
    # price 150: 500 a month, cumulative −5 500 + 500 (t − 1) ≥ 0 from t = 12: the 12th month
    assert measure(with_values(s, {"revenue[R].price": 150.0}), "break_even_month") == 12
    t = tornado(s, "break_even_month", assumptions=["revenue[R].price"])
    b = t.bars[0]
    # price 144: 440 a month, −6 000 + 440 t ≥ 0 from t = 14; at 96 never (counts as the 24-month horizon)
    assert (b.kpi_low, b.kpi_high, b.swing) == (None, 14.0, 24 - 14)


def test_measure_matches_engine_kpis():
    s = load(SCENARIO_DIR / "mikkeli_subcontracting.yaml")
    p = project(s)
    assert round(measure(p, "npv"), 2) == p.kpis["npv"]
    assert round(measure(p, "min_cash"), 2) == p.kpis["min_cash"]
    assert round(measure(p, "total_result"), 2) == p.kpis["total_result"]
    assert round(measure(p, "closing_cash"), 2) == p.kpis["closing_cash"]
    assert round(measure(p, "result_year:2024"), 2) == p.kpis["result_by_year"]["2024"]
    idx = p.month_labels.index("2023-06")
    assert measure(p, "cash_at:2023-06") == p.columns["closing_cash"][idx]


@pytest.mark.parametrize("spec, en, fi", [
    ("npvv", "unknown KPI 'npvv'", "tuntematon tunnusluku"),
    ("", "empty KPI", "tunnusluku puuttuu"),
    ("result_year:20x", "expected a year YYYY", "odotettiin vuotta"),
    ("result_year:2030", "year 2030 is outside the projection (2024–2025)", "ei ole laskelman vuosi"),
    ("cash_at:2024-13", "expected a month YYYY-MM", "odotettiin kuukautta"),
    ("cash_at:2026-01", "outside the projection (2024-01–2025-12)", "ei ole laskelmassa"),
    ("net_income:M9", "no person 'M9' in the scenario", "ei ole henkilöä"),
    ("net_income:", "needs an argument", "tarvitsee arvon"),
    ("npv:1", "npv takes no ':' argument", "ei ota arvoa"),
])
def test_bad_kpis(lin, spec, en, fi):
    with pytest.raises(MeasureError) as exc:
        check_kpi(lin, spec)
    assert en in exc.value.en and fi in exc.value.fi and isinstance(exc.value, ValueError)
    with pytest.raises(MeasureError):
        tornado(lin, spec)


def test_kpi_labels():
    assert parse_kpi("result_year:2024").label("fi") == "tulos vuonna 2024"
    assert parse_kpi("cash_at:2024-06").label("fi") == "kassa 6/2024"
    assert parse_kpi("net_income:M3").label("en") == "net income of M3"


def test_bad_rel_and_month_paths(lin):
    with pytest.raises(SensitivityError, match="--rel"):
        tornado(lin, "npv", rel=0)
    m = load(SCENARIO_DIR / "mikkeli_subcontracting.yaml")
    with pytest.raises(SensitivityError, match="phase start"):
        tornado(m, "npv", assumptions=["people[M1].phases[1].start"])
    assert not math.isnan(tornado(m, "npv", assumptions=["opening_cash"]).bars[0].swing)
    assert np.isfinite(tornado(m, "npv", assumptions=["opening_cash"]).base_kpi)
