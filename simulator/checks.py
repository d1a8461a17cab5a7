"""Checks that produce warnings rather than lines."""
from __future__ import annotations

import numpy as np

from .conventions import month_label
from .lines.context import Context


def earnings_limit(ctx: Context) -> None:
    """Warn where the monthly pay of a person with a disability pension
    exceeds the earnings limit of the month (the full takuueläke; law
    738/2009): above it a Kela disability pension rests (verneri.net)."""
    r = ctx.roster
    has_pension = (r.pension > 0) & ~r.is_staff
    if not has_pension.any():
        return
    employed = r.employed_here | r.employed_company
    pay = np.where(employed, r.base_pay, 0.0) * ctx.index(ctx.a.wage_growth)[None, :]
    limit = ctx.rate("pension.earnings_limit")[None, :]
    over = (pay > limit) & has_pension[:, None]
    for pid in dict.fromkeys(r.person_ids):
        rows = [i for i, q in enumerate(r.person_ids) if q == pid]
        months = np.nonzero(over[rows].any(axis=0))[0]
        if months.size:
            first, last = month_label(int(r.months[months[0]])), month_label(int(r.months[months[-1]]))
            ctx.warnings.add(
                f"{pid}: monthly pay exceeds the disability-pension earnings limit in {months.size} "
                f"month(s), {first}–{last}; a Kela disability pension would rest "
                f"/ ansiotulo ylittää työkyvyttömyyseläkkeen ansiorajan")
