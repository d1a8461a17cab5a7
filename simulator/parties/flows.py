"""Every party line of one projection, one amount a month, with its payer
and receiver each month (``data/payers.yaml``).

The amounts come from one place each: the organisation's lines from the
projection's accrual columns (the parts of ``result``, catalogue.py of the
engine), the people's from the engine's person lines
(``Projection.person``), the staff the public pays from the scenario's
``staff`` (``paid_by: municipality``). Where the two sides of a transfer
are computed apart (the organisation's pay cost and the pay its people
receive), one side is the amount and the difference is a line of its own
(``pay_accrual_difference``), so every line has one payer and one receiver
and nothing is counted twice.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulator.engine import catalogue as engine_catalogue
from simulator.engine.lines import pay as pay_lines
from simulator.engine.lines import sick_pay as sick
from simulator.model.conventions import month_number
from . import catalogue as cat
from .payers import by_month, known


@dataclass
class Flow:
    line: str
    amounts: np.ndarray          # € a month (a positive magnitude; may be negative for a difference line)
    payers: np.ndarray           # party name a month
    receivers: np.ndarray        # party name a month
    person: str | None = None


def result_parts() -> list[tuple[str, int]]:
    """The accrual columns that make up the engine's ``result``, each with
    its sign in the result (+1 income, −1 cost), totals expanded."""
    out = []

    def walk(name, sign):
        entry = engine_catalogue.COLUMNS[name]
        if not entry.sums:
            out.append((name, sign))
            return
        for part in entry.sums:
            walk(part.lstrip("-"), -sign if part.startswith("-") else sign)
    walk("result", 1)
    return out


class Builder:
    def __init__(self, projection):
        self.p = projection
        self.months = projection.context.roster.months
        self.flows: list[Flow] = []
        self.unmapped: list[str] = []       # lines with no entry in the payer map (shown as the outside)

    def add(self, line, amounts, person=None, payer=None, receiver=None):
        amounts = np.asarray(amounts, float) * np.ones(len(self.months))
        if known(line):
            payers, receivers = by_month(line, self.months, "payer"), by_month(line, self.months, "receiver")
        else:
            self.unmapped.append(line)
            payers = np.full(len(self.months), payer or cat.OUTSIDE, dtype=object)
            receivers = np.full(len(self.months), receiver or cat.OUTSIDE, dtype=object)
        self.flows.append(Flow(line, amounts, payers, receivers, person))


def build(projection) -> tuple[list[Flow], list[str], np.ndarray]:
    """(flows, unmapped lines, yearly pension accrued a month) of a projection."""
    b = Builder(projection)
    pay_to_people = _people(b)
    accrued = b._accrued
    _organisation(b, pay_to_people)
    _outside(b)
    _public_staff(b)
    return b.flows, sorted(set(b.unmapped)), accrued


def _people(b: Builder) -> np.ndarray:
    """The people's lines; returns the pay they receive from the organisation."""
    p = b.p
    r = p.context.roster
    row_index = {rid: i for i, rid in enumerate(r.ids)}
    n = len(b.months)
    from_org_total, accrued = np.zeros(n), np.zeros(n)
    client_fees = np.asarray(p.columns[cat.CLIENT_FEES_COLUMN], float)
    for person in p.scenario.people:
        pl = p.person(person.id, baseline=False)
        from_org, from_company = np.zeros(n), np.zeros(n)
        for br in pl.branches:
            i, w, L = row_index[br.row_id], br.weight, br.lines
            regular = L["pay_regular"]
            from_org += w * (np.where(r.employed_here[i], regular, 0.0) + L["gross_pay"] - regular)
            from_company += w * np.where(r.employed_company[i], regular, 0.0)
        L = pl.lines
        from_org_total += from_org
        accrued += L.get("tyel_accrual", 0.0)
        b.add("pay_from_organisation", from_org, person.id)
        b.add("pay_from_company", from_company, person.id, payer=cat.OUTSIDE, receiver="people")
        b.add("tyoosuusraha_here", L["tyoosuusraha_here"], person.id)
        b.add("tyoosuusraha_elsewhere", L["tyoosuusraha"] - L["tyoosuusraha_here"], person.id)
        if "day_price_elsewhere" not in p.columns:      # else the engine's line (_outside)
            b.add("day_prices_elsewhere", L["day_price_other"], person.id)
        for name in _income_lines():
            if name not in ("gross_pay", "tyoosuusraha"):
                b.add(name, L[name], person.id, payer=cat.OUTSIDE, receiver="people")
        for name in _deduction_lines():
            if name == "income_tax":
                for part in _tax_parts():
                    b.add(part, L[part], person.id, payer="people", receiver=cat.OUTSIDE)
            elif name != "work_activity_fees":
                b.add(name, L[name], person.id, payer="people", receiver=cat.OUTSIDE)
        # fees: the organisation's client fees come from its people in proportion
        # to the fees each pays here; the rest (transport, other units) to social services
        here_share = _share(L["work_activity_fees_here"], client_fees, p)
        b.add("work_activity_fees_here", here_share, person.id)
        b.add("work_activity_fees_elsewhere", L["work_activity_fees"] - here_share, person.id)
    b._accrued = accrued
    return from_org_total


def _share(fees_here, client_fees, p):
    """This person's part of the organisation's ``client_fees``: the column ×
    the person's share of the fees its people pay here."""
    total = p.context.memo("parties_fees_here", lambda: sum(
        p.person(q.id, baseline=False).lines["work_activity_fees_here"] for q in p.scenario.people))
    share = np.divide(fees_here, total, out=np.zeros_like(np.asarray(fees_here, float)), where=total > 0)
    return client_fees * share


def _income_lines():
    from simulator.engine.household import INCOME_LINES
    return INCOME_LINES


def _deduction_lines():
    from simulator.engine.household import DEDUCTION_LINES
    return DEDUCTION_LINES


def _tax_parts():
    from simulator.engine.household.income_tax import TAX_PARTS
    return TAX_PARTS


def _organisation(b: Builder, pay_to_people: np.ndarray) -> None:
    """The organisation's accrual lines (the parts of its result)."""
    p = b.p
    ctx, col = p.context, p.columns
    staff = ctx.roster.is_staff
    rows = pay_lines.wages(ctx) + pay_lines.holiday_pay(ctx) + pay_lines.holiday_bonus(ctx) + sick.sick_pay_rows(ctx)
    w = ctx.roster.weight
    staff_pay = (w * staff) @ rows
    people_pay = (w * ~staff) @ rows
    paired = set(cat.PAY_COLUMNS) | {cat.WORK_ACTIVITY_PAY_COLUMN, cat.CLIENT_FEES_COLUMN}
    for name, sign in result_parts():
        if name in paired:
            continue
        side = dict(payer=cat.OUTSIDE, receiver="organisation") if sign > 0 else dict(
            payer="organisation", receiver=cat.OUTSIDE)
        b.add(name, col[name], **side)
    b.add("staff_pay", staff_pay)
    b.add("pay_accrual_difference", people_pay - pay_to_people)
    # work_activity_pay (tyoosuusraha_here) and client_fees (work_activity_fees_here) are the people's lines


def _outside(b: Builder) -> None:
    """The engine's lines of other parties' money (kind ``outside``: the day
    prices of work activity arranged elsewhere, a company's palkkatuki)."""
    for name in engine_catalogue.lines_of("outside"):
        if name in b.p.columns:
            b.add(name, b.p.columns[name])


def _public_staff(b: Builder) -> None:
    """Staff the public pays outside the organisation's budget (``paid_by: municipality``):
    pay × wage growth, and the employer's contributions at the average rates."""
    p = b.p
    s, ctx = p.scenario, p.context
    months = b.months
    wage_index = ctx.index(s.assumptions.wage_growth)
    rates = {k: ctx.params.series(k, months, set()) for k in ("tyel.employer_average", "health_insurance.employer", "unemployment_insurance.employer_lower")}
    for st in s.staff:
        if st.paid_by != "municipality":
            continue
        a = month_number(st.start) if st.start else s.first_month
        z = month_number(st.end) if st.end else s.last_month
        gross = np.where((months >= a) & (months <= z), st.monthly_pay * st.fte, 0.0) * wage_index
        b.add("public_staff_pay", gross)
        b.add("public_staff_pension", gross * rates["tyel.employer_average"])
        b.add("public_staff_health_insurance", gross * rates["health_insurance.employer"])
        b.add("public_staff_unemployment_insurance", gross * rates["unemployment_insurance.employer_lower"])

