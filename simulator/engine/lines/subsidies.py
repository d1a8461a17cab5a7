"""Palkkatuki (pay subsidy), staff paid from a project grant, and grants.

Palkkatuki (the line ``pay_subsidy``) follows the rules in force on the
first day of the employment's start month (``pay_subsidy_rules``, which
roster.py calls): until 30.6.2023 the subsidised pay cost included
side costs and lomaraha, with the monthly cap on pay and side costs and the
decision's rate of lomaraha on top; from 1.7.2023 it is base pay only
(law 371/2023; TE-palvelut, Tilisanomat). Paid in arrears.
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import first_day, month_number, shift
from simulator.model.parameters import ParameterSet
from simulator.model.scenario import EmploymentPhase
from simulator.engine.lines import contributions, pay
from simulator.engine.lines.context import Context
from simulator.engine.lines.items import schedule


def auto_route(params: ParameterSet, day, reduced: bool, age: int | None) -> str:
    """The route of an ``auto`` decision starting on ``day``: reduced work
    capacity (70 % from 1.7.2023); else the 55+ employment subsidy
    (työllistämistuki, from 1.7.2023: ``palkkatuki.rate_age55`` > 0) for a
    person aged ``palkkatuki.min_age_age55`` or more in the start year; else
    ``other`` (payroll-rules.md §8; law 371/2023)."""
    if reduced:
        return "reduced_capacity"
    if age is not None and params.value("palkkatuki.rate_age55", day) > 0 \
            and age >= params.value("palkkatuki.min_age_age55", day):
        return "age55"
    return "other"


def pay_subsidy_rules(params: ParameterSet):
    """The start-date rule: palkkatuki's rate, months, monthly cap and
    whether side costs are included are those in force on the first day of
    the employment's start month (law 371/2023 applies to employments from
    1.7.2023), or of ``start`` (a month number: a renewed decision's start).
    Returns ``rules(phase, reduced, jobseeker=True, age=None, start=None) ->
    (rate, months, cap, old_rules)``, callable per employment (this
    organisation's or a company's): ``auto`` gives nothing to a person who is
    not a registered jobseeker (a disability pensioner can register: TE
    services, payroll-rules.md §8) and otherwise takes the route of
    ``auto_route``; an explicit choice keeps its rate and months, with its
    own cap or else ``cap_full_rate`` (rate ≥ 100 %) or the route's cap."""
    def rules(phase: EmploymentPhase, reduced: bool, jobseeker: bool = True, age: int | None = None,
              start: int | None = None):
        choice = phase.palkkatuki
        day = first_day(start if start is not None else month_number(phase.start))
        old = params.value("palkkatuki.side_costs_included", day) > 0
        if choice == "none" or (choice == "auto" and not jobseeker):
            return 0.0, 0, 0.0, old
        route = "reduced_capacity" if reduced else "other"
        if choice == "auto":
            route = auto_route(params, day, reduced, age)
            return (params.value(f"palkkatuki.rate_{route}", day),
                    int(params.value(f"palkkatuki.months_{route}", day)),
                    params.value(f"palkkatuki.cap_{route}", day), old and route != "age55")
        cap = choice.monthly_cap
        if cap is None:
            cap = params.value("palkkatuki.cap_full_rate" if choice.rate >= 1 else
                               f"palkkatuki.cap_{route}", day)
        return choice.rate, choice.months, cap, old
    return rules


def pay_subsidy_decisions(rules, phase: EmploymentPhase, reduced: bool, jobseeker: bool = True,
                          age: int | None = None, renewal_probability: float = 0.0,
                          last: int | None = None) -> list[tuple]:
    """The palkkatuki decisions of one employment (this organisation's or a
    company's), as ``(start month number, months, rate, cap, old_rules,
    weight)``: the first decision by ``rules`` (``pay_subsidy_rules``); then,
    for an ``auto`` choice on the reduced-work-capacity route (extensions of
    up to 24 months at a time, the 3-year same-employer bar does not apply:
    statutory-parameters.md §3, payroll-rules.md §8), a new decision after
    each one ends, up to month ``last``, with ``renewal_probability``: the
    k-th renewal has weight p^k (an expected value) and the rules in force
    at its own start. A maximum total duration was not found [check]."""
    start = month_number(phase.start)
    rate, months, cap, old = rules(phase, reduced, jobseeker, age)
    if rate <= 0 or months <= 0:
        return []
    out = [(start, months, rate, cap, old, 1.0)]
    if phase.palkkatuki != "auto" or not reduced or renewal_probability <= 0 or last is None:
        return out
    weight, s = 1.0, start + months
    while s <= last:
        weight *= renewal_probability
        rate, months, cap, old = rules(phase, reduced, jobseeker, age, start=s)
        if rate <= 0 or months <= 0:
            break
        out.append((s, months, rate, cap, old, weight))
        s += months
    return out


def pay_subsidy(ctx: Context) -> np.ndarray:
    """Palkkatuki accrued, rows × months: min(rate × pay cost, cap) (+ the old
    rules' share of lomaraha)."""
    def calc():
        r = ctx.roster
        b = pay.monthly_pay(ctx)
        out = np.zeros(b.shape)
        rows = np.nonzero((r.subsidy_rate > 0).any(axis=1))[0]   # only subsidised rows: cheaper over draws
        if rows.size == 0:
            return out
        srate, cap, old_rules = r.subsidy_rate[rows], r.subsidy_cap[rows], r.subsidy_old_rules[rows]
        b = b[..., rows, :]
        rate = contributions.contribution_rate(ctx)[..., rows, :]
        new = np.minimum(srate * b, cap)
        old = (np.minimum(srate * b * (1 + rate), cap)
               + srate * pay.holiday_bonus(ctx)[..., rows, :] * (1 + rate))
        out[..., rows, :] = np.where(old_rules, old, new) * (srate > 0)
        return out
    return ctx.memo("pay_subsidy", calc)


def pay_subsidy_received(ctx: Context) -> np.ndarray:
    """Cash: palkkatuki arrives the scenario's payment delay after the month it covers."""
    return shift(ctx.total(pay_subsidy(ctx)), ctx.a.palkkatuki_payment_delay_months)


def staff_grant(ctx: Context) -> np.ndarray:
    """Project grant covering staff marked ``paid_by: project_grant``: the
    grant's share (``project_grant_share``, e.g. 80 % with 20 % own
    financing, as the grant decision says) of their pay cost with
    contributions, received in the month it accrues."""
    r = ctx.roster
    if not r.staff_grant.any():
        return np.zeros(len(ctx.months))
    cost = pay.pay_cost_base(ctx) + contributions.employer_contributions(ctx)
    return ctx.total(np.where(r.staff_grant[:, None], cost, 0.0)) * ctx.a.project_grant_share


def grants(ctx: Context) -> np.ndarray:
    """Grants (subsidies) in the months they are granted for; received then."""
    items = [g for g in ctx.scenario.grants if g.subsidy]
    return schedule(ctx, items).sum(axis=0) + staff_grant(ctx)


def other_income(ctx: Context) -> np.ndarray:
    """Other income that is not a subsidy (e.g. donations, interest received)."""
    items = [g for g in ctx.scenario.grants if not g.subsidy]
    return schedule(ctx, items).sum(axis=0)
