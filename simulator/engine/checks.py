"""Checks that produce warnings rather than lines."""
from __future__ import annotations

import numpy as np

from simulator.i18n.messages import Message
from simulator.model.conventions import month_label
from simulator.engine.lines.context import Context


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
    pay = np.where(employed, r.base_pay[..., sel, :], 0.0) * ctx.row_index(ctx.a.wage_growth)
    over = pay > ctx.rate("pension.earnings_limit")[None, :]
    ids = [r.person_ids[i] for i in sel]
    for pid in dict.fromkeys(ids):
        rows = [k for k, q in enumerate(ids) if q == pid]
        months = np.nonzero(over[..., rows, :].reshape(-1, over.shape[-1]).any(axis=0))[0]
        if months.size:
            ctx.warnings.add(Message.make("earnings_limit_exceeded", pid=pid, n=int(months.size),
                                          months=[month_label(int(r.months[t])) for t in months]))
