"""Goal seek (simulator/uncertainty/goal.py): answers checked by hand and put back
into the scenario; the value one step back misses; no solution; integers; months."""
from __future__ import annotations

import pytest

from simulator.model.conventions import month_label
from simulator.engine.projection import project
from simulator.model.scenario import SCENARIO_DIR
from simulator.model.loader import load
from simulator.model.problems import validate
from simulator.model.paths import AssumptionError, with_values
from simulator.uncertainty.goal import MET_TOL, GoalError, NoSolution, margin, parse_goal, solve


def small(**extra) -> dict:
    """Revenue 10 units × p €, overhead 1 000 €/month, a one-off 6 000 € in the first
    month; no VAT, no tax, no growth, paid in the month: monthly result 10p − 1 000."""
    d = dict(name="Goal", model="cooperative", budget_owner="Test", start="2024-01", horizon_months=24,
             assumptions=dict(vat_registered=False, pays_income_tax=False, customer_payment_term_days=0,
                              price_growth=0.0, cost_inflation=0.0),
             revenue=[dict(name="R", basis="per_unit", price=120.0, volume=10.0, growth=0.0, vat="exempt")],
             overheads=[dict(name="A", kind="monthly", amount=1000.0, indexed=False),
                        dict(name="K", kind="one_off", amount=6000.0, start="2024-01")])
    d.update(extra)
    return validate(d)


def meets(scenario, path, value, goal) -> bool:
    return margin(project(with_values(scenario, {path: value})), parse_goal(goal, scenario)) >= -MET_TOL


PRICE = "revenue[R].price"


def test_break_even_price_by_hand():
    s = small()
    # break-even by the 12th month (2024-12): 12 (10p − 1 000) − 6 000 ≥ 0 ⇔ p ≥ 150
    r = solve(s, PRICE, "break_even_by:2024-12")
    assert not r.already_met and r.direction == "raise"
    assert r.value == pytest.approx(150.0, abs=1e-9)
    assert r.achieved == "2024-12"
    assert meets(s, PRICE, r.value, "break_even_by:2024-12")
    assert not meets(s, PRICE, r.value - 0.01, "break_even_by:2024-12")
    assert project(with_values(s, {PRICE: r.value})).kpis["break_even_month"] <= "2024-12"
    assert project(with_values(s, {PRICE: r.value - 0.01})).kpis["break_even_month"] > "2024-12"


def test_min_cash_price_by_hand():
    s = small(overheads=[dict(name="A", kind="monthly", amount=1000.0, indexed=False)])
    # below 100 € the cash falls every month, lowest at the end: 24 (10p − 1 000) ≥ −500
    # ⇔ p ≥ 100 − 50/24 = 97.9166…, so 97.92 on the 0.01 € grid
    r = solve(s, PRICE, "min_cash_at_least:-500", lo=0, hi=100)
    s2 = small(overheads=[dict(name="A", kind="monthly", amount=1000.0, indexed=False)], revenue=[
        dict(name="R", basis="per_unit", price=90.0, volume=10.0, growth=0.0, vat="exempt")])
    r2 = solve(s2, PRICE, "min_cash_at_least:-500")
    assert r.already_met and r.value == pytest.approx(97.92) and r.direction == "lower"
    assert not r2.already_met and r2.value == pytest.approx(97.92) and r2.direction == "raise"
    assert r2.achieved >= -500 - 1e-9
    assert meets(s2, PRICE, r2.value, "min_cash_at_least:-500")
    assert not meets(s2, PRICE, r2.value - 0.01, "min_cash_at_least:-500")


def test_lowering_a_cost():
    s = small()
    # overhead a: 12 (1 200 − a) − 6 000 ≥ 0 ⇔ a ≤ 700 (price 120)
    r = solve(s, "overheads[A].amount", "break_even_by:2024-12")
    assert r.direction == "lower" and r.value == pytest.approx(700.0)
    assert not meets(s, "overheads[A].amount", 700.01, "break_even_by:2024-12")


def test_pilot_answer_put_back_meets_the_goal():
    # issue 13: Mikkeli, redrawn at full cost of its 7/25 share of the unit, breaks
    # even from the start; Varkaus (26 €/h, never breaks even) needs a higher price
    s = load(SCENARIO_DIR / "varkaus_cooperative.yaml")
    path, goal = "revenue[Siivous].price", "break_even_by:2024-12"
    r = solve(s, path, goal)
    assert r.direction == "raise" and r.value > 26
    p = project(with_values(s, {path: r.value}))
    assert p.kpis["break_even_month"] is not None and p.kpis["break_even_month"] <= "2024-12"
    assert not meets(s, path, r.value - 0.01, goal)
    assert r.iterations < 60


def test_already_met_reports_the_boundary():
    s = small(revenue=[dict(name="R", basis="per_unit", price=200.0, volume=10.0, growth=0.0, vat="exempt")])
    r = solve(s, PRICE, "break_even_by:2024-12")
    assert r.already_met and r.base_margin > 0
    assert r.value == pytest.approx(150.0) and r.direction == "lower"
    # holds over the whole range: no boundary
    r2 = solve(s, PRICE, "break_even_by:2024-12", lo=160, hi=400)
    assert r2.already_met and r2.value is None


def test_no_solution_names_the_best_margin():
    s = small()
    # even 500 €: 12 × 4 000 − 6 000 ≥ 0 from month 2; break-even by the first month needs
    # 10p − 1 000 − 6 000 ≥ 0 ⇔ p ≥ 700, out of the range 0..600: the best is at 600 (−1 000)
    with pytest.raises(NoSolution) as exc:
        solve(s, PRICE, "break_even_by:2024-01", lo=0, hi=600)
    e = exc.value
    assert e.best_value == 600 and e.best_margin == pytest.approx(-1000)
    assert "no value of revenue[R].price between 0 and 600" in e.en and "-1,000 €" in e.en
    assert "mikään oletuksen revenue[R].price arvo" in e.fi
    assert isinstance(e, ValueError)


def test_no_solution_on_a_pilot():
    s = load(SCENARIO_DIR / "varkaus_cooperative.yaml")
    # issue 13: counted from the founding month (3/2022) the goal can be met at a
    # higher price; counted from 1/2022 (before the cooperative exists, cash 0 €
    # whatever the price) it could not
    r = solve(s, "revenue[Siivous].price", "min_cash_at_least:100")
    assert r.direction == "raise" and r.value > 26
    early = s.model_copy(update={"organisation_founded": None})
    with pytest.raises(NoSolution):
        solve(early, "revenue[Siivous].price", "min_cash_at_least:100")


def test_integer_assumption():
    s = small(overheads=[dict(name="A", kind="monthly", amount=1000.0, indexed=False)],
              financing=dict(loans=[dict(name="L", amount=12000.0, drawdown="2024-01", annual_rate=0.0,
                                         term_months=6, repayment="straight")]),
              revenue=[dict(name="R", basis="per_unit", price=110.0, volume=10.0, growth=0.0, vat="exempt")])
    # +100 a month; the loan of 12 000 comes in the first month and goes back in n instalments of
    # 12 000/n from the second month (0 % interest). While 12 000/n > 100 the cash falls, so it is
    # lowest after the last instalment, in month n + 1: 12 000 + 100 (n + 1) − 12 000 = 100 (n + 1).
    # min cash ≥ 2 000 ⇔ n ≥ 19 (n + 1 ≤ 24 months: inside the horizon)
    path, goal = "financing.loans[L].term_months", "min_cash_at_least:2000"
    r = solve(s, path, goal, lo=1, hi=60)
    assert isinstance(r.scenario_value(), int)
    assert (r.value, r.direction, r.achieved) == (19, "raise", pytest.approx(2000))
    assert meets(s, path, 19, goal)
    assert not meets(s, path, 18, goal)


def test_the_answer_stays_inside_a_range_that_leaves_out_the_base():
    """Same loan as above (min cash 100 (n + 1), goal met from n = 19), base term 6, range 25…40:
    the value nearest the base within the range is its low end, 25 (not 19, outside it)."""
    s = small(overheads=[dict(name="A", kind="monthly", amount=1000.0, indexed=False)],
              financing=dict(loans=[dict(name="L", amount=12000.0, drawdown="2024-01", annual_rate=0.0,
                                         term_months=6, repayment="straight")]),
              revenue=[dict(name="R", basis="per_unit", price=110.0, volume=10.0, growth=0.0, vat="exempt")])
    r = solve(s, "financing.loans[L].term_months", "min_cash_at_least:2000", lo=25, hi=40)
    assert (r.value, r.direction, r.already_met) == (25, "raise", False)


@pytest.mark.skip(reason="issue 13 redraw: Mikkeli's minimum cash is now its first month, which the "
                         "time limit cannot move; needs a new pilot goal (see helper B's report)")
def test_integer_pilot_time_limit():
    s = load(SCENARIO_DIR / "mikkeli_subcontracting.yaml")
    path, goal = "pipeline.avotyo_time_limit_months", "min_cash_at_least:-30000"
    r = solve(s, path, goal)
    v = int(r.value)
    assert meets(s, path, v, goal)
    assert not meets(s, path, v - 1 if r.direction == "raise" else v + 1, goal)


def test_month_assumption():
    s = load(SCENARIO_DIR / "pieksamaki_salaried.yaml")
    # in the salaried model each employment costs Vaalijala: M7 starting later keeps more cash
    # issue 13: the value of work is an avoided cost (not cash), so the floor
    # is set 5 000 € above the pilot's minimum cash rather than pinned
    floor = project(s).kpis["min_cash"] + 5000
    path, goal = "people[M7].phases[1].start", f"min_cash_at_least:{floor:.2f}"
    assert project(s).kpis["min_cash"] < floor
    r = solve(s, path, goal)
    label = r.scenario_value()
    assert not r.already_met and r.direction == "raise" and label > "2024-03"
    assert meets(s, path, label, goal)
    assert not meets(s, path, month_label(int(r.value) - 1), goal)      # one month earlier misses


@pytest.mark.parametrize("kwargs, en", [
    (dict(goal="foo"), "unknown goal 'foo'"),
    (dict(goal="break_even_by:2024-13"), "expected a month YYYY-MM"),
    (dict(goal="break_even_by:2030-01"), "outside the projection (2024-01–2025-12)"),
    (dict(goal="min_cash_at_least:lots"), "expected an amount in euros"),
    (dict(goal="min_cash_at_least:0", lo=300, hi=200), "low 300 is above high 200"),
    (dict(goal="min_cash_at_least:0", lo=-1), "--low -1 is below the smallest possible value 0"),
    (dict(goal="min_cash_at_least:0", lo="x"), "--low for revenue[R].price must be a number"),
])
def test_bad_goal_input(kwargs, en):
    with pytest.raises(GoalError) as exc:
        solve(small(), PRICE, **kwargs)
    assert en in exc.value.en and exc.value.fi and " / " in str(exc.value)


def test_zero_base_needs_a_range_and_unknown_paths():
    s = small(opening_cash=0.0)
    with pytest.raises(GoalError, match="give the search range"):
        solve(s, "opening_cash", "min_cash_at_least:0")
    r = solve(s, "opening_cash", "min_cash_at_least:0", lo=0, hi=20000)
    # the lowest cash is the first month: opening + 1 200 − 1 000 − 6 000 ≥ 0 ⇔ opening ≥ 5 800
    assert r.value == pytest.approx(5800.0)
    with pytest.raises(AssumptionError):
        solve(s, "revenue[Nope].price", "min_cash_at_least:0")
