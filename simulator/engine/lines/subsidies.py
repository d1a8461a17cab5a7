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


def pay_subsidy_rules(params: ParameterSet):
    """The start-date rule: palkkatuki's rate, months, monthly cap and
    whether side costs are included are those in force on the first day of
    the employment's start month (law 371/2023 applies to employments from
    1.7.2023). Returns ``rules(phase, reduced) -> (rate, months, cap, old_rules)``:
    ``auto`` takes the route ``reduced_capacity`` or ``other`` from the
    parameters; an explicit choice keeps its rate and months, with its own
    cap or else ``cap_full_rate`` (rate ≥ 100 %) or the route's cap."""
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
    """Project grant covering staff marked ``paid_by: project_grant``: their
    full pay cost with contributions, received in the month it accrues."""
    r = ctx.roster
    if not r.staff_grant.any():
        return np.zeros(len(ctx.months))
    cost = pay.pay_cost_base(ctx) + contributions.employer_contributions(ctx)
    return ctx.total(np.where(r.staff_grant[:, None], cost, 0.0))


def grants(ctx: Context) -> np.ndarray:
    """Grants (subsidies) in the months they are granted for; received then."""
    items = [g for g in ctx.scenario.grants if g.subsidy]
    return schedule(ctx, items).sum(axis=0) + staff_grant(ctx)


def other_income(ctx: Context) -> np.ndarray:
    """Other income that is not a subsidy (e.g. donations, interest received)."""
    items = [g for g in ctx.scenario.grants if not g.subsidy]
    return schedule(ctx, items).sum(axis=0)
