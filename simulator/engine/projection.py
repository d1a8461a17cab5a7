"""project(scenario, parameters) -> Projection: the monthly table and KPIs.

Accrual lines (when income and costs belong) and cash lines (when money
moves) are computed by one small function each in ``simulator/lines`` and
assembled here. Named lines are positive magnitudes; ``result``,
``net_cash_flow`` and cash balances are signed. Nothing is rounded.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simulator.model.conventions import first_day, lag_from_days, month_label, month_number, shift
from simulator.engine.checks import earnings_limit
from simulator.engine.kpis import compute_kpis
from simulator.engine.lines import contributions as con
from simulator.engine.lines import financing as fin
from simulator.engine.lines import overheads as ovh
from simulator.engine.lines import pay, revenue, subsidies, tax, vat
from simulator.engine.lines import work_activity as wa
from simulator.engine.lines.context import Context
from simulator.model.parameters import ParameterSet
from simulator.engine.roster import build
from simulator.model.scenario import EmploymentPhase, Scenario

REVENUE_LINES = ("sales", "avotyo_fees", "day_price_income", "client_fees", "other_income")
SUBSIDY_LINES = ("pay_subsidy", "grants")
CONTRIBUTION_LINES = ("employer_pension", "employer_health_insurance",
                      "employer_unemployment_insurance", "accident_insurance", "group_life_insurance")
COST_LINES = ("wages", "holiday_pay", "holiday_bonus", "employer_contributions",
              "work_activity_pay", "work_activity_costs", "overheads", "one_off_costs",
              "non_deductible_vat", "interest")
CASH_IN_LINES = ("customer_receipts", "client_fees_received", "pay_subsidy_received",
                 "grants_received", "other_income_received", "vat_refund", "share_capital",
                 "loan_drawdown")
CASH_OUT_LINES = ("wages_paid", "holiday_pay_paid", "holiday_bonus_paid",
                  "employer_contributions_paid", "work_activity_pay_paid",
                  "work_activity_costs_paid", "supplier_payments", "interest_paid",
                  "loan_repayment", "vat_paid", "income_tax_paid")


@dataclass
class Projection:
    """The projection: ``columns`` (name -> array, one value a month),
    ``monthly`` (the same as a pandas table, built on first use), KPIs and
    warnings."""
    scenario: Scenario
    columns: dict
    month_labels: list
    kpis: dict
    warnings: list = field(default_factory=list)
    context: Context | None = field(default=None, repr=False)
    _monthly: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def monthly(self) -> pd.DataFrame:
        if self._monthly is None:
            names = list(self.columns)
            block = np.column_stack([self.columns[k] for k in names])
            df = pd.DataFrame(block, columns=names)
            df.insert(0, "month", self.month_labels)
            self._monthly = df
        return self._monthly

    def to_dict(self) -> dict:
        """The JSON contract of design.md §3 (money rounded to cents)."""
        months = []
        for rec in self.monthly.to_dict(orient="records"):
            months.append({k: (round(v, 2) if isinstance(v, float) else v) for k, v in rec.items()})
        return {
            "scenario": {"name": self.scenario.name, "model": self.scenario.model,
                         "budget_owner": self.scenario.budget_owner,
                         "start": self.scenario.start, "horizon_months": self.scenario.horizon_months},
            "months": months,
            "kpis": self.kpis,
            "warnings": self.warnings,
        }


def palkkatuki_rules(params: ParameterSet):
    """Rules in force on the first day of the employment's start month."""
    def rules(phase: EmploymentPhase, reduced: bool):
        choice = phase.palkkatuki
        day = first_day(month_number(phase.start))
        old = params.value("palkkatuki.side_costs_included", day) > 0
        if choice == "none":
            return 0.0, 0, 0.0, old
        route = "reduced_capacity" if reduced else "other"
        if choice == "auto":
            return (params.value(f"palkkatuki.rate_{route}", day),
                    int(params.value(f"palkkatuki.months_{route}", day)),
                    params.value(f"palkkatuki.cap_{route}", day), old)
        cap = choice.monthly_cap
        if cap is None:
            cap = params.value("palkkatuki.cap_full_rate" if choice.rate >= 1 else
                               f"palkkatuki.cap_{route}", day)
        return choice.rate, choice.months, cap, old
    return rules


def project(scenario: Scenario, params: ParameterSet | None = None) -> Projection:
    """Project a scenario month by month."""
    params = params or ParameterSet.load()
    col, ctx = project_columns(scenario, params)
    labels = [month_label(int(m)) for m in ctx.months]
    kpis = compute_kpis(col, labels, scenario)
    return Projection(scenario, col, labels, kpis, sorted(ctx.warnings), ctx)


def project_columns(scenario: Scenario, params: ParameterSet, checks: bool = True) -> tuple[dict, Context]:
    """Every line, one value a month. Amounts in the scenario may be Monte
    Carlo batches (arrays of shape ``(draws, 1)``, see uncertainty/); the
    lines they reach then have shape ``(draws, months)``, the others stay
    ``(months,)``. ``checks=False`` skips the warnings-only checks."""
    roster = build(scenario, palkkatuki_rules(params))
    ctx = Context(scenario, roster, params)
    t = ctx.total
    a = scenario.assumptions
    col: dict[str, np.ndarray] = {}

    # --- accrual: income
    col["sales"] = revenue.sales(ctx)
    col["avotyo_fees"] = t(wa.avotyo_fees(ctx))
    col["day_price_income"] = t(wa.day_price_income(ctx))
    col["client_fees"] = t(wa.client_fees(ctx))
    col["other_income"] = subsidies.other_income(ctx)
    col["pay_subsidy"] = t(subsidies.pay_subsidy(ctx))
    col["grants"] = subsidies.grants(ctx)
    # --- accrual: costs
    col["wages"] = t(pay.wages(ctx))
    col["holiday_pay"] = t(pay.holiday_pay_accrual(ctx))
    col["holiday_bonus"] = t(pay.holiday_bonus_accrual(ctx))
    for f in con.LINES:
        col[f.__name__] = t(f(ctx))
    col["employer_contributions"] = sum(col[k] for k in CONTRIBUTION_LINES)
    col["work_activity_pay"] = t(wa.work_activity_pay(ctx))
    col["work_activity_costs"] = t(wa.work_activity_costs(ctx))
    col["overheads"] = ovh.overheads(ctx)
    col["one_off_costs"] = ovh.one_off_costs(ctx)
    col["non_deductible_vat"] = vat.non_deductible_vat(ctx)
    col["interest"] = fin.interest(ctx)

    col["revenue"] = sum(col[k] for k in REVENUE_LINES)
    col["subsidies"] = sum(col[k] for k in SUBSIDY_LINES)
    col["costs_before_tax"] = sum(col[k] for k in COST_LINES)
    col["result_before_tax"] = col["revenue"] + col["subsidies"] - col["costs_before_tax"]
    col["income_tax"], income_tax_paid = tax.income_tax(ctx, col["result_before_tax"])
    col["costs"] = col["costs_before_tax"] + col["income_tax"]
    col["result"] = col["result_before_tax"] - col["income_tax"]

    # --- cash
    lag = lag_from_days(a.customer_payment_term_days)
    payable = vat.vat_payable(ctx)
    col["customer_receipts"] = shift(col["sales"] + col["avotyo_fees"] + col["day_price_income"]
                                     + vat.output_vat(ctx), lag)
    col["client_fees_received"] = col["client_fees"]
    col["pay_subsidy_received"] = subsidies.pay_subsidy_received(ctx)
    col["grants_received"] = col["grants"]
    col["other_income_received"] = col["other_income"]
    col["vat_refund"] = np.maximum(-payable, 0.0)
    col["share_capital"] = fin.share_capital(ctx)
    col["loan_drawdown"] = fin.loan_drawdown(ctx)
    col["wages_paid"] = col["wages"]
    col["holiday_pay_paid"] = t(pay.holiday_pay_paid(ctx))
    col["holiday_bonus_paid"] = t(pay.holiday_bonus_paid(ctx))
    col["employer_contributions_paid"] = con.employer_contributions_paid(ctx)
    col["work_activity_pay_paid"] = col["work_activity_pay"]
    col["work_activity_costs_paid"] = col["work_activity_costs"]
    col["supplier_payments"] = col["overheads"] + col["one_off_costs"] + vat.input_vat(ctx)
    col["interest_paid"] = col["interest"]
    col["loan_repayment"] = fin.loan_repayment(ctx)
    col["vat_paid"] = np.maximum(payable, 0.0)
    col["income_tax_paid"] = income_tax_paid
    col["cash_in"] = sum(col[k] for k in CASH_IN_LINES)
    col["cash_out"] = sum(col[k] for k in CASH_OUT_LINES)
    col["net_cash_flow"] = col["cash_in"] - col["cash_out"]
    closing = scenario.opening_cash + np.cumsum(col["net_cash_flow"], axis=-1)
    opening = np.broadcast_to(scenario.opening_cash, closing.shape[:-1] + (1,))
    col["opening_cash"] = np.concatenate([opening, closing[..., :-1]], axis=-1)
    col["closing_cash"] = closing
    col["cumulative_result"] = np.cumsum(col["result"], axis=-1)

    # --- volumes
    r = roster
    people = ~r.is_staff[:, None]
    col["paid_hours"] = t(pay.paid_hours(ctx))
    col["people_in_paid_work"] = t(((r.employed_here | r.employed_company) & people).astype(float))
    col["people_employed_here"] = t((r.employed_here & people).astype(float))
    col["people_in_work_activity"] = t((r.in_work_activity & ~r.in_avotyo).astype(float))
    col["people_in_avotyo"] = t((r.in_work_activity & r.in_avotyo).astype(float))

    if checks:
        earnings_limit(ctx)
    return col, ctx
