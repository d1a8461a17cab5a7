"""The public purse of a model: who in the public sector pays what, and gets
what back, per model and per person-year.

Every euro of a projection (accrual lines) and of the people's own money
(the engine's person lines, ``Projection.person``) is a flow from a payer to a payee. The public payers are

- ``municipality``: the municipality or the wellbeing services county
  (and a public organisation running the model, e.g. a joint municipal
  authority or its work-activity unit);
- ``state``: the state and the employment authority (palkkatuki until
  2024; state income tax and YLE tax; the unemployment insurance
  contributions, collected by the Employment Fund, are booked here too);
- ``kela``: Kela (national and guarantee pension, vammaistuki, hoitotuki,
  housing allowance; health-insurance contributions: employer's sava,
  päivärahamaksu, sairaanhoitomaksu);
- ``pension_insurers``: earnings-related pensions paid; TyEL contributions.

Flows:

- paid to the person: Kela and earnings-related pensions and benefits;
  työosuusraha (by the organisation for its own work activity, else by
  the municipality/county); the person pays back meal and transport fees,
  income tax (state + YLE → state, municipal tax → municipality,
  sairaanhoitomaksu → Kela; a withholding-rate tax is split in the
  proportions of the estimate) and contributions (TyEL → pension insurers,
  unemployment → state, päivärahamaksu → Kela).
- the organisation: day prices for its work activity (municipality → the
  organisation), palkkatuki (state until 2024, the municipality's
  employment area from 2025: the TE24 reform), grants (taken to come from
  the municipality; the scenario does not name the grantor), employer
  contributions (to pension insurers, Kela, state), corporate income tax
  (state). If the organisation is public (default: every model but the
  cooperative), its own pay, costs and income are public too: wages of
  people and staff, work-activity costs, overheads, one-offs, interest,
  accident insurance, non-deductible VAT out; sales, avotyö fees and other
  income in. Flows inside one payer (a county paying its own unit's day
  price) cancel out.
- work activity arranged by another unit: the day price entered on the
  phase, paid by the municipality/county.
- staff ``paid_by: municipality``: their pay (with wage growth) and the
  employer contributions at the average rates, paid by the municipality.

Not counted: VAT (sales are net of VAT; a public body's VAT on purchases is
refunded), staff's own income tax, a company's pay and contributions for
people it employs (a company is private; the person's tax and
contributions on that pay are counted), share capital and loans.

Net public cost = paid out − received back, per payer and in total
(transfers between public payers cancel in the total); per person-year
(months people spend in any phase / 12, weighted) and per paid hour of the
people (employed here or at a company).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.model.conventions import month_label, month_number
from simulator.engine.projection import Projection, project
from simulator.engine.lines import contributions as con
from simulator.engine.lines import pay as pay_lines
from simulator.engine.lines import subsidies
from simulator.model.parameters import ParameterSet
from simulator.model.scenario import Scenario
from simulator.i18n.messages import Message

PAYERS = ("municipality", "state", "kela", "pension_insurers")
TE24_FIRST_MONTH = month_number("2025-01")   # palkkatuki granted by municipalities' employment areas


@dataclass
class Flow:
    line: str
    payer: str
    payee: str
    amounts: np.ndarray
    person: str | None = None


@dataclass
class PublicPurse:
    scenario: Scenario
    organisation_public: bool
    months: list
    flows: list
    person_years: float
    paid_hours: float
    person_years_by_person: dict
    notes: list = field(default_factory=list)               # Message
    parameter_warnings: list = field(default_factory=list)  # Message (parameter_gap, ...)

    def _public(self):
        return [f for f in self.flows if f.payer != f.payee and (f.payer in PAYERS or f.payee in PAYERS)]

    def by_payer(self) -> dict:
        """{payer: {"paid_out": {line: €}, "received": {line: €}, "net_cost": €}}."""
        out = {p: {"paid_out": {}, "received": {}, "net_cost": 0.0} for p in PAYERS}
        for f in self._public():
            total = float(f.amounts.sum())
            if f.payer in PAYERS:
                d = out[f.payer]["paid_out"]
                d[f.line] = d.get(f.line, 0.0) + total
                out[f.payer]["net_cost"] += total
            if f.payee in PAYERS:
                d = out[f.payee]["received"]
                d[f.line] = d.get(f.line, 0.0) + total
                out[f.payee]["net_cost"] -= total
        return out

    def net_by_month(self) -> dict:
        """{payer: net cost a month} (arrays)."""
        out = {p: np.zeros(len(self.months)) for p in PAYERS}
        for f in self._public():
            if f.payer in PAYERS:
                out[f.payer] += f.amounts
            if f.payee in PAYERS:
                out[f.payee] -= f.amounts
        return out

    def by_year(self) -> list[dict]:
        years = np.array([int(m[:4]) for m in self.months])
        net = self.net_by_month()
        rows = []
        for y in np.unique(years):
            sel = years == y
            row = {"year": int(y)}
            row.update({p: float(net[p][sel].sum()) for p in PAYERS})
            row["total"] = sum(row[p] for p in PAYERS)
            rows.append(row)
        return rows

    @property
    def net_cost(self) -> float:
        return float(sum(v["net_cost"] for v in self.by_payer().values()))

    def per_person(self) -> dict:
        """Net public cost of the flows that belong to each person (their own
        money and the organisation's flows for their row), and per person-year."""
        out = {}
        for f in self._public():
            key = f.person or "organisation"
            sign = (1.0 if f.payer in PAYERS else 0.0) - (1.0 if f.payee in PAYERS else 0.0)
            out[key] = out.get(key, 0.0) + sign * float(f.amounts.sum())
        res = {}
        for k, v in out.items():
            py = self.person_years_by_person.get(k)
            res[k] = {"net_cost": v, "per_person_year": (v / py) if py else None}
        return res

    def kpis(self) -> dict:
        total = self.net_cost
        return {
            "net_public_cost": total,
            "person_years": self.person_years,
            "net_cost_per_person_year": total / self.person_years if self.person_years > 0 else None,
            "paid_hours": self.paid_hours,
            "net_cost_per_paid_hour": total / self.paid_hours if self.paid_hours > 0 else None,
        }

    def to_dict(self, lang: str = "fi") -> dict:
        """For JSON; warnings as messages with their text in ``lang`` and both languages."""
        r2 = lambda v: None if v is None else round(float(v), 2)
        bp = self.by_payer()
        s = self.scenario
        return {
            "scenario": {"name": s.name, "model": s.model, "budget_owner": s.budget_owner,
                         "start": s.start, "horizon_months": s.horizon_months},
            "organisation_public": self.organisation_public,
            "kpis": {k: r2(v) for k, v in self.kpis().items()},
            "by_payer": {p: {"paid_out": {k: r2(v) for k, v in d["paid_out"].items()},
                             "received": {k: r2(v) for k, v in d["received"].items()},
                             "net_cost": r2(d["net_cost"])} for p, d in bp.items()},
            "by_year": [{k: (r2(v) if k != "year" else v) for k, v in row.items()} for row in self.by_year()],
            "by_person": {k: {kk: r2(vv) for kk, vv in v.items()} for k, v in self.per_person().items()},
            "warnings": [n.to_dict(lang) for n in self.notes],
            "parameter_warnings": [w.to_dict(lang) for w in self.parameter_warnings],
        }


def public_purse(scenario: Scenario, params: ParameterSet | None = None,
                 projection: Projection | None = None, organisation_public: bool | None = None,
                 source: str = "<scenario>") -> PublicPurse:
    """Every public flow of a scenario (see the module docstring)."""
    params = params or ParameterSet.load()
    p = projection or project(scenario, params)
    ctx, col = p.context, p.columns
    r = ctx.roster
    months = r.months
    org_public = scenario.model != "cooperative" if organisation_public is None else organisation_public
    org = "municipality" if org_public else "organisation"
    flows: list[Flow] = []
    add = lambda line, payer, payee, amounts, person=None: flows.append(
        Flow(line, payer, payee, np.asarray(amounts, float), person))
    warn: set = set()

    price_index = ctx.index(scenario.assumptions.price_growth)
    subsidy = subsidies.pay_subsidy(ctx)
    pay_base = pay_lines.pay_cost_base(ctx)
    e_pension, e_health = con.employer_pension(ctx), con.employer_health_insurance(ctx)
    e_unemp = con.employer_unemployment_insurance(ctx)
    e_other = con.accident_insurance(ctx) + con.group_life_insurance(ctx)
    te24 = months >= TE24_FIRST_MONTH
    row_index = {rid: i for i, rid in enumerate(r.ids)}
    py_by_person, paid_hours = {}, 0.0
    unpriced = {}   # person -> days of work activity arranged by another unit without a day price

    for person in scenario.people:
        pl = p.person(person.id, baseline=False)      # the engine's person lines
        warn.update(pl.parameter_warnings)
        for b in pl.branches:
            i, w, L = row_index[b.row_id], b.weight, b.lines
            pid = person.id
            add("kela_pension", "kela", "person", w * L["kela_pension"], pid)
            add("earnings_related_pension", "pension_insurers", "person", w * L["earnings_related_pension"], pid)
            add("benefits", "kela", "person",
                w * (L["hoitotuki"] + L["vammaistuki"] + L["housing_allowance"]), pid)
            add("tyoosuusraha", org, "person", w * L["tyoosuusraha_here"], pid)
            add("tyoosuusraha", "municipality", "person", w * (L["tyoosuusraha"] - L["tyoosuusraha_here"]), pid)
            add("work_activity_fees", "person", org, w * L["work_activity_fees_here"], pid)
            add("work_activity_fees", "person", "municipality",
                w * (L["work_activity_fees"] - L["work_activity_fees_here"]), pid)
            add("day_prices", "municipality", "other_provider", w * L["day_price_other"], pid)
            add("day_prices", "municipality", org, w * r.wa_days[i] * r.day_price[i] * price_index, pid)
            add("income_tax_state", "person", "state", w * (L["state_tax"] + L["yle_tax"]), pid)
            add("income_tax_municipal", "person", "municipality", w * L["municipal_tax"], pid)
            add("medical_care_contribution", "person", "kela", w * L["medical_care"], pid)
            add("employee_pension", "person", "pension_insurers", w * L["employee_pension"], pid)
            add("employee_unemployment", "person", "state", w * L["employee_unemployment"], pid)
            add("daily_allowance_contribution", "person", "kela", w * L["daily_allowance_contribution"], pid)
            # the organisation's flows for this row
            add("wages", org, "person", w * pay_base[i], pid)
            add("employer_pension", org, "pension_insurers", w * e_pension[i], pid)
            add("employer_health_insurance", org, "kela", w * e_health[i], pid)
            add("employer_unemployment_insurance", org, "state", w * e_unemp[i], pid)
            add("accident_and_group_life", org, "insurers", w * e_other[i], pid)
            add("pay_subsidy", "state", org, w * np.where(te24, 0.0, subsidy[i]), pid)
            add("pay_subsidy", "municipality", org, w * np.where(te24, subsidy[i], 0.0), pid)
            active = (r.employed_here[i] | r.employed_company[i] | r.in_work_activity[i]).astype(float)
            py_by_person[pid] = py_by_person.get(pid, 0.0) + w * active.sum() / 12.0
            paid_hours += w * L["paid_hours"].sum()
            no_price = (r.wa_days_other[i] > 0) & (L["day_price_other"] <= 0)
            if no_price.any():
                unpriced[pid] = unpriced.get(pid, 0.0) + w * float(r.wa_days_other[i][no_price].sum())

    # staff rows of the organisation
    for i in np.nonzero(r.is_staff)[0]:
        add("staff_pay", org, "staff", pay_base[i])
        add("employer_pension", org, "pension_insurers", e_pension[i])
        add("employer_health_insurance", org, "kela", e_health[i])
        add("employer_unemployment_insurance", org, "state", e_unemp[i])
        add("accident_and_group_life", org, "insurers", e_other[i])
    # staff paid by the municipality, outside the organisation's budget
    wage_index = ctx.index(scenario.assumptions.wage_growth)
    for st in scenario.staff:
        if st.paid_by != "municipality":
            continue
        a = month_number(st.start) if st.start else scenario.first_month
        b = month_number(st.end) if st.end else scenario.last_month
        on = (months >= a) & (months <= b)
        gross = np.where(on, st.monthly_pay * st.fte, 0.0) * wage_index
        rates = {k: params.series(k, months, warn) for k in
                 ("tyel.employer_average", "health_insurance.employer", "unemployment_insurance.employer_lower")}
        add("staff_paid_by_municipality", "municipality", "staff", gross)
        add("employer_pension", "municipality", "pension_insurers", gross * rates["tyel.employer_average"])
        add("employer_health_insurance", "municipality", "kela", gross * rates["health_insurance.employer"])
        add("employer_unemployment_insurance", "municipality", "state",
            gross * rates["unemployment_insurance.employer_lower"])
    # the organisation's own income and costs
    add("grants", "municipality", org, col["grants"])
    add("corporate_income_tax", org, "state", col["income_tax"])
    add("sales_and_fees", "customers", org, col["sales"] + col["avotyo_fees"] + col["other_income"])
    add("operating_costs", org, "suppliers",
        col["work_activity_costs"] + col["overheads"] + col["one_off_costs"] + col["non_deductible_vat"]
        + col["interest"])
    labels = [month_label(int(m)) for m in months]
    notes = []
    if unpriced:
        notes.append(Message.make("wa_without_price", people=sorted(unpriced),
                               days=int(round(sum(unpriced.values())))))
    return PublicPurse(scenario, org_public, labels, flows, sum(py_by_person.values()), paid_hours,
                       py_by_person, notes, sorted(warn))
