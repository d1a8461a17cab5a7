"""Balances at a month's end: cash and the cumulative result (signed)."""
from __future__ import annotations

import numpy as np

from simulator.engine.lines.context import Context


def closing_cash(ctx: Context, col: dict) -> np.ndarray:
    """Cash at the month's end: the scenario's opening cash plus every net
    cash flow so far (closing = opening + Σ net cash flow, design.md §4)."""
    return ctx.scenario.opening_cash + np.cumsum(col["net_cash_flow"], axis=-1)


def opening_cash(ctx: Context, col: dict) -> np.ndarray:
    """Cash at the month's start: the scenario's opening cash in the first
    month, then the previous month's closing cash."""
    closing = col["closing_cash"]
    opening = np.broadcast_to(ctx.scenario.opening_cash, closing.shape[:-1] + (1,))
    return np.concatenate([opening, closing[..., :-1]], axis=-1)


def cumulative_result(ctx: Context, col: dict) -> np.ndarray:
    """The result summed from the first month to this one."""
    return np.cumsum(col["result"], axis=-1)
