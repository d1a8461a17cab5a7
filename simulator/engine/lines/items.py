"""Timing of monthly, annual and one-off items (overheads, grants)."""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import calendar_month, month_number, stack
from simulator.engine.lines.context import Context
from simulator.engine.lines.prices import cost_index
from simulator.engine.roster import unit_share


def schedule(ctx: Context, items) -> np.ndarray:
    """Items × months amounts (excluding VAT).

    monthly: every month from ``start`` to ``end``; annual: in ``due_month``
    of each year from ``start`` to ``end``; one_off: in the ``start`` month.
    ``indexed`` items rise with cost inflation each January. An overhead
    shared by the whole unit (``shared_by_participants``) counts at the
    scenario's share (roster.unit_share: people / participants at full
    cost, none at marginal cost). With Monte Carlo draws the result is
    items × draws × months.
    """
    months = ctx.months
    if not items:
        return np.zeros((0, len(months)))
    cal = calendar_month(months)
    infl = cost_index(ctx)
    out = []
    for it in items:
        a = month_number(it.start) if it.start else months[0]
        b = month_number(it.end) if it.end else months[-1]
        active = (months >= a) & (months <= b)
        if it.kind == "monthly":
            mask = active
        elif it.kind == "annual":
            mask = active & (cal == it.due_month)
        else:
            mask = months == a
        share = unit_share(ctx.scenario, getattr(it, "shared_by_participants", None))
        out.append(np.where(mask, it.amount, 0.0) * (infl if it.indexed else 1.0) * share)
    return stack(out, len(months))
