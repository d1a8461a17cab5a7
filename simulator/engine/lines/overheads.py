"""Overheads and one-off costs (excluding VAT), and what is paid to suppliers."""
from __future__ import annotations

import numpy as np

from simulator.engine.lines.context import Context
from simulator.engine.lines.items import schedule


def _regular(ctx):
    return [o for o in ctx.scenario.overheads if o.kind != "one_off"]


def _one_off(ctx):
    """One-offs expensed at once (investments are depreciated: depreciation.py)."""
    return [o for o in ctx.scenario.overheads if o.kind == "one_off" and not o.depreciation_years]


def overheads(ctx: Context) -> np.ndarray:
    """Monthly and annual overheads excluding VAT, raised by cost inflation."""
    return schedule(ctx, _regular(ctx)).sum(axis=0)


def one_off_costs(ctx: Context) -> np.ndarray:
    """One-off costs (registration fee, equipment) in their month, expensed at once."""
    return schedule(ctx, _one_off(ctx)).sum(axis=0)


def purchases_standard_rated(ctx: Context) -> np.ndarray:
    """Overheads and one-offs that carry standard-rate VAT."""
    items = [o for o in ctx.scenario.overheads if o.vat == "standard"]
    return schedule(ctx, items).sum(axis=0)
