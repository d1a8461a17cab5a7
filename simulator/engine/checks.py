"""Checks that produce warnings rather than lines."""
from __future__ import annotations

import numpy as np

from simulator.i18n.messages import Message
from simulator.model.conventions import month_label
from simulator.engine.lines.context import Context
from simulator.engine.lines.pay import pay_index


def earnings_limit(ctx: Context) -> None:
    """Warn where the monthly pay of a person with a disability pension
    exceeds the earnings limit of the month (the full takuueläke; law
    738/2009): above it a Kela disability pension rests (verneri.net)."""
    r = ctx.roster
    has_pension = (r.pension > 0) & ~r.is_staff
    if not has_pension.any():
        return
    sel = np.nonzero(has_pension)[0]
    employed = r.employed_here[sel] | r.employed_company[sel]
    pay = np.where(employed, r.base_pay[..., sel, :], 0.0) * pay_index(ctx)[..., sel, :]
    over = pay > ctx.rate("pension.earnings_limit")[None, :]
    ids = [r.person_ids[i] for i in sel]
    for pid in dict.fromkeys(ids):
        rows = [k for k, q in enumerate(ids) if q == pid]
        months = np.nonzero(over[..., rows, :].reshape(-1, over.shape[-1]).any(axis=0))[0]
        if months.size:
            ctx.warnings.add(Message.make("earnings_limit_exceeded", pid=pid, n=int(months.size),
                                          months=[month_label(int(r.months[t])) for t in months]))


def money_before_founding(ctx: Context, col: dict) -> None:
    """Warn where the organisation has income, costs or cash flows before its
    founding month (``organisation_founded``): before it only the public
    parties and the people have money, and the KPIs leave those months out
    (docs/rules.md, "The organisation's founding month")."""
    k0 = ctx.scenario.founded_month - ctx.scenario.first_month
    if k0 <= 0:
        return
    moved = sum(np.abs(col[k][..., :k0]) for k in ("revenue", "subsidies", "avoided_costs", "costs",
                                                     "cash_in", "cash_out"))
    months = np.nonzero(moved.reshape(-1, k0).max(axis=0) > 1e-9)[0]
    if months.size:
        ctx.warnings.add(Message.make("money_before_founding", month=month_label(ctx.scenario.founded_month),
                                      months=[month_label(int(ctx.months[t])) for t in months]))
