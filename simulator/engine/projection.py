"""project(scenario, parameters) -> Projection: the monthly table and KPIs.

Accrual lines (when income and costs belong) and cash lines (when money
moves) are computed by one small function each, of the line's own name, in
``simulator/engine/lines``, and assembled here; totals add up the lines
that ``simulator/engine/catalogue.py`` declares for them. Named lines are positive magnitudes; ``result``,
``net_cash_flow`` and cash balances are signed. Nothing is rounded.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simulator.model.conventions import month_label
from simulator.engine import catalogue, household
from simulator.engine.checks import earnings_limit, money_before_founding
from simulator.engine.kpis import compute_kpis
from simulator.engine.lines import contributions as con
from simulator.engine.lines import financing as fin
from simulator.engine.lines import overheads as ovh
from simulator.engine.lines import balances, pay, payments, people, revenue, subsidies, tax, vat
from simulator.engine.lines import company
from simulator.engine.lines import depreciation as dep
from simulator.engine.lines import occupational_health as ohc
from simulator.engine.lines import sick_pay as sick
from simulator.engine.lines import work_activity as wa
from simulator.engine.lines.context import Context
from simulator.model.parameters import ParameterSet
from simulator.engine.roster import build
from simulator.model.scenario import Scenario

@dataclass
class Projection:
    """The projection: ``columns`` (name -> array, one value a month),
    ``monthly`` (the same as a pandas table, built on first use), KPIs and
    warnings."""
    scenario: Scenario
    columns: dict
    month_labels: list
    kpis: dict
    warnings: list = field(default_factory=list)   # Message (simulator/i18n/messages.py), sorted
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

    # --- the people's own money (simulator/engine/household), computed on first use
    @property
    def baseline(self) -> "Projection":
        """The projection of every person staying in the first phase
        (``household.baseline_scenario``), projected once on first use."""
        return self.context.memo("household_baseline", lambda: project(
            household.baseline_scenario(self.scenario), self.context.params))

    def use_baseline(self, baseline: "Projection") -> None:
        """Use an already computed baseline projection (before any person's lines are read)."""
        self.context.cache.setdefault("household_baseline", baseline)

    def person(self, person_id: str, baseline: bool = True) -> household.PersonLines:
        """One person's lines a month, with (default) or without the baseline."""
        if baseline:
            return self.context.memo(("household_person", person_id), lambda: household.person_lines(
                self, person_id, self.baseline))
        return self.context.memo(("household_person_alone", person_id),
                                 lambda: household.person_lines(self, person_id))

    @property
    def people(self) -> list:
        """Every person's lines a month and their baseline, in the scenario's order."""
        return [self.person(p.id) for p in self.scenario.people]

    def people_dict(self) -> list[dict]:
        """``people`` of the JSON: ``{id, months: [{month, gross_pay, ...}]}``,
        money rounded to cents (the same months as ``person --format json``)."""
        return [{"id": pl.person.id, "months": pl.month_records()} for pl in self.people]

    def to_dict(self, lang: str = "fi") -> dict:
        """The JSON contract of design.md §3 (money rounded to cents); each
        warning with its code, parameters and text (in ``lang``, fi, en)."""
        months = []
        for rec in self.monthly.to_dict(orient="records"):
            months.append({k: (round(v, 2) if isinstance(v, float) else v) for k, v in rec.items()})
        return {
            "scenario": {"name": self.scenario.name, "model": self.scenario.model,
                         "budget_owner": self.scenario.budget_owner,
                         "start": self.scenario.start, "horizon_months": self.scenario.horizon_months},
            "months": months,
            "kpis": self.kpis,
            "warnings": [w.to_dict(lang) for w in self.warnings],
            "people": self.people_dict(),
        }


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
    roster = build(scenario, subsidies.pay_subsidy_rules(params), subsidies.pay_subsidy_decisions)
    ctx = Context(scenario, roster, params)
    t = ctx.total
    col: dict[str, np.ndarray] = {}

    def add_totals(*names):
        for name in names:
            col[name] = catalogue.total(name, col)

    # --- accrual: income
    col["sales"] = revenue.sales(ctx)
    col["avotyo_fees"] = t(wa.avotyo_fees(ctx))
    col["day_price_income"] = t(wa.day_price_income(ctx))
    col["client_fees"] = t(wa.client_fees(ctx))
    col["other_income"] = subsidies.other_income(ctx)
    col["vat_relief"] = vat.vat_relief(ctx, col)
    col["pay_subsidy"] = t(subsidies.pay_subsidy(ctx))
    col["grants"] = subsidies.grants(ctx)
    col["avoided_costs"] = revenue.avoided_costs(ctx)
    # --- accrual: costs
    col["wages"] = t(pay.wages(ctx))
    col["holiday_pay"] = t(pay.holiday_pay(ctx))
    col["holiday_bonus"] = t(pay.holiday_bonus(ctx))
    for f in (con.employer_pension, con.employer_health_insurance, con.employer_unemployment_insurance,
              con.accident_insurance, con.group_life_insurance):
        col[f.__name__] = t(f(ctx))
    add_totals("employer_contributions")
    col["sick_pay"] = sick.sick_pay(ctx)
    col["sick_pay_contributions"] = sick.sick_pay_contributions(ctx)
    col["occupational_health_care"] = ohc.occupational_health_care(ctx)
    col["work_activity_pay"] = t(wa.work_activity_pay(ctx))
    col["work_activity_costs"] = t(wa.work_activity_costs(ctx))
    col["overheads"] = ovh.overheads(ctx)
    col["one_off_costs"] = ovh.one_off_costs(ctx)
    col["depreciation"] = dep.depreciation(ctx)
    col["non_deductible_vat"] = vat.non_deductible_vat(ctx)
    col["interest"] = fin.interest(ctx)
    # --- the result
    add_totals("revenue", "subsidies", "costs_before_tax", "result_before_tax")
    col["income_tax"] = tax.income_tax(ctx, col)
    add_totals("costs", "result")

    # --- cash
    col["customer_receipts"] = payments.customer_receipts(ctx, col)
    col["client_fees_received"] = payments.client_fees_received(ctx, col)
    col["pay_subsidy_received"] = subsidies.pay_subsidy_received(ctx)
    col["grants_received"] = payments.grants_received(ctx, col)
    col["other_income_received"] = payments.other_income_received(ctx, col)
    col["vat_refund"] = vat.vat_refund(ctx)
    col["vat_relief_received"] = vat.vat_relief_received(ctx, col)
    col["occupational_health_reimbursement_received"] = ohc.occupational_health_reimbursement_received(ctx)
    col["share_capital"] = fin.share_capital(ctx)
    col["loan_drawdown"] = fin.loan_drawdown(ctx)
    col["wages_paid"] = payments.wages_paid(ctx, col)
    col["holiday_pay_paid"] = t(pay.holiday_pay_paid(ctx))
    col["holiday_bonus_paid"] = t(pay.holiday_bonus_paid(ctx))
    col["employer_contributions_paid"] = con.employer_contributions_paid(ctx)
    col["sick_pay_paid"] = sick.sick_pay_paid(ctx)
    col["sick_pay_contributions_paid"] = sick.sick_pay_contributions_paid(ctx)
    col["work_activity_pay_paid"] = payments.work_activity_pay_paid(ctx, col)
    col["work_activity_costs_paid"] = payments.work_activity_costs_paid(ctx, col)
    col["supplier_payments"] = payments.supplier_payments(ctx, col)
    col["occupational_health_care_paid"] = ohc.occupational_health_care_paid(ctx)
    col["investment_payments"] = dep.investment_payments(ctx)
    col["interest_paid"] = payments.interest_paid(ctx, col)
    col["loan_repayment"] = fin.loan_repayment(ctx)
    col["vat_paid"] = vat.vat_paid(ctx)
    col["income_tax_paid"] = tax.income_tax_paid(ctx, col)
    add_totals("cash_in", "cash_out", "net_cash_flow")
    col["closing_cash"] = balances.closing_cash(ctx, col)
    col["opening_cash"] = balances.opening_cash(ctx, col)
    col["cumulative_result"] = balances.cumulative_result(ctx, col)

    # --- volumes
    col["paid_hours"] = t(pay.paid_hours(ctx))
    col["people_in_paid_work"] = t(people.people_in_paid_work(ctx))
    col["people_employed_here"] = t(people.people_employed_here(ctx))
    col["people_in_work_activity"] = t(people.people_in_work_activity(ctx))
    col["people_in_avotyo"] = t(people.people_in_avotyo(ctx))
    col["participant_days_here"] = t(wa.participant_days_here(ctx))
    # --- outside the organisation (no total, result or cash includes them)
    col["day_price_elsewhere"] = t(wa.day_price_elsewhere(ctx))
    col["company_pay_subsidy"] = t(company.company_pay_subsidy(ctx))
    # the catalogue's order (closing cash is computed before opening cash);
    # a line the catalogue lacks stays, last (tests/test_catalogue.py flags it)
    col = {**{name: col[name] for name in catalogue.COLUMNS if name in col}, **col}

    if checks:
        earnings_limit(ctx)
        money_before_founding(ctx, col)
    return col, ctx
