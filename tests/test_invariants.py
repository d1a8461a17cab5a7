"""Invariants of design.md §4, on random scenarios (Hypothesis):
closing cash = opening + Σ net cash flow; the result and the cash totals
equal the sums of their lines; over a long enough horizon accrual and cash
agree line by line; a scenario with every amount zero is zero everywhere."""
import copy

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from simulator.model.conventions import month_label, month_number
from simulator.engine.catalogue import COLUMNS
from simulator.engine.projection import project
from simulator.model.problems import validate
from strategies import scenarios, zero_scenarios

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RUN_OFF = 26  # months after the last activity: payment lags (≤ 2), palkkatuki delay (≤ 24 allowed,
              # ≤ 4 drawn), VAT (2), holiday settlement, and next year's income tax all fall inside


def close(c, tol=1e-6):
    return np.allclose(c[0], c[1], atol=tol, rtol=1e-9)


@SETTINGS
@given(scenarios())
def test_identities(d):
    p = project(validate(d))
    c = p.columns
    s = lambda name: sum(c[k] for k in COLUMNS[name].sums)
    assert close((c["revenue"], s("revenue")))
    assert close((c["subsidies"], s("subsidies")))
    assert close((c["employer_contributions"], s("employer_contributions")))
    assert close((c["costs"], s("costs_before_tax") + c["income_tax"]))
    # avoided costs are result, never cash (rules.md, "Avoided costs")
    assert close((c["result"], c["revenue"] + c["subsidies"] + c["avoided_costs"] - c["costs"]))
    assert close((c["cash_in"], s("cash_in")))
    assert close((c["cash_out"], s("cash_out")))
    assert close((c["net_cash_flow"], c["cash_in"] - c["cash_out"]))
    # the catalogue's sums hold too (its own signed form)
    for name, entry in COLUMNS.items():
        if entry.sums:
            signed = sum(-c[k[1:]] if k.startswith("-") else c[k] for k in entry.sums)
            assert close((c[name], signed)), name
    assert close((c["closing_cash"], d.get("opening_cash", 0.0) + np.cumsum(c["net_cash_flow"])))
    assert close((c["opening_cash"][1:], c["closing_cash"][:-1]))
    named = [k for k in c if not COLUMNS[k].signed]
    for k in named:
        assert np.all(c[k] >= -1e-9), f"{k} must be a positive magnitude"


def _closed(d):
    """The same scenario with every activity ended by its original last month
    and a run-off period after it, so every accrual is settled in cash."""
    d = copy.deepcopy(d)
    last = month_number(d["start"]) + d["horizon_months"] - 1
    d["horizon_months"] += RUN_OFF
    for person in d.get("people", []):
        phases = sorted(person.get("phases", []), key=lambda ph: month_number(ph["start"]))
        kept = []
        for k, ph in enumerate(phases):
            if month_number(ph["start"]) > last:
                continue
            nxt = month_number(phases[k + 1]["start"]) - 1 if k + 1 < len(phases) else last
            end = min(month_number(ph["end"]) if ph.get("end") else nxt, last)
            kept.append({**ph, "end": month_label(end)})
        person["phases"] = kept
    for key in ("staff", "revenue"):
        for item in d.get(key, []):
            item["end"] = month_label(min(last, month_number(item["end"])) if item.get("end") else last)
            if item.get("start") and month_number(item["start"]) > last:
                item["start"] = month_label(last)
    for key in ("overheads", "grants"):
        kept = []
        for item in d.get(key, []):
            if item.get("start") and month_number(item["start"]) > last:
                continue
            if item["kind"] != "one_off":
                item["end"] = month_label(min(last, month_number(item["end"])) if item.get("end") else last)
            kept.append(item)
        d[key] = kept
    fin = d.get("financing", {})
    fin["loans"] = [ln for ln in fin.get("loans", [])
                    if month_number(ln["drawdown"]) + ln["term_months"] <= last + RUN_OFF]
    d["assumptions"] = {**d.get("assumptions", {}),
                        "palkkatuki_payment_delay_months": min(d.get("assumptions", {}).get(
                            "palkkatuki_payment_delay_months", 2), 12)}
    if d["horizon_months"] > 120:
        return None
    return d


@SETTINGS
@given(scenarios())
def test_accrual_and_cash_agree_when_everything_is_settled(d):
    d = _closed(d)
    if d is None:
        return
    c = project(validate(d)).columns
    t = {k: float(np.sum(v)) for k, v in c.items()}
    pairs = [
        ("wages", "wages_paid"), ("holiday_pay", "holiday_pay_paid"), ("holiday_bonus", "holiday_bonus_paid"),
        ("employer_contributions", "employer_contributions_paid"), ("pay_subsidy", "pay_subsidy_received"),
        ("grants", "grants_received"), ("work_activity_pay", "work_activity_pay_paid"),
        ("income_tax", "income_tax_paid"), ("interest", "interest_paid"),
        ("sick_pay", "sick_pay_paid"), ("sick_pay_contributions", "sick_pay_contributions_paid"),
        ("depreciation", "investment_payments"),
    ]
    # occupational health care: the net cost = invoices − Kela's reimbursement (paid within the run-off)
    assert t["occupational_health_care"] == pytest.approx(
        t["occupational_health_care_paid"] - t["occupational_health_reimbursement_received"], abs=1e-6)
    for accrual, cash in pairs:
        assert t[accrual] == pytest.approx(t[cash], abs=1e-6), (accrual, cash)
    # everything together: Σ net cash flow = Σ result − avoided costs (never cash) + financing flows
    financing = t["share_capital"] + t["loan_drawdown"] - t["loan_repayment"]
    assert t["net_cash_flow"] == pytest.approx(t["result"] - t["avoided_costs"] + financing, abs=1e-5)


@settings(max_examples=60, deadline=None)
@given(zero_scenarios())
def test_zero_scenario_is_zero_everywhere(d):
    p = project(validate(d))
    counts = ("people_in_paid_work", "people_employed_here", "people_in_work_activity", "people_in_avotyo",
              "paid_hours")
    for k, v in p.columns.items():
        if k in counts:
            continue  # people are still counted; hours may be drawn non-zero in the structure
        assert np.all(np.abs(v) < 1e-12), f"{k} is not zero: {v[np.abs(v) >= 1e-12][:3]}"
