"""Equipment bought as an investment: depreciation instead of an expense.

A one-off overhead with ``depreciation_years`` is an investment: its cash
(with VAT as any purchase) leaves at purchase, and the result carries
straight-line depreciation by plan, amount / (12 × years) a month from the
month of purchase for 12 × years months (kirjanpitolaki: depreciation by
plan; payroll-rules.md § 10 — a coop's machines over 5 years). What remains
after the horizon is the asset's book value, not a cost of the projection.
Taxation follows the book depreciation here (EVL 30 § would allow up to 25 %
of the pool's balance a year).
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import month_number, stack
from simulator.engine.lines.context import Context
from simulator.engine.lines.items import schedule


def investments(ctx: Context) -> list:
    """One-off overheads marked as investments."""
    return [o for o in ctx.scenario.overheads if o.kind == "one_off" and o.depreciation_years]


def investment_payments(ctx: Context) -> np.ndarray:
    """Cash: the purchase price (excluding VAT) of investments in their month."""
    return schedule(ctx, investments(ctx)).sum(axis=0)


def depreciation(ctx: Context) -> np.ndarray:
    """Accrual: straight-line depreciation of each investment from the month
    of purchase over its useful life (amount / (12 × years) a month)."""
    items = investments(ctx)
    if not items:
        return np.zeros(len(ctx.months))
    return depreciation_by_item(ctx, items).sum(axis=0)


def depreciation_by_item(ctx: Context, items) -> np.ndarray:
    """Items × [draws ×] months: each investment's depreciation a month. The
    price is the item's scheduled amount in its purchase month (items.schedule:
    cost inflation if indexed, the scenario's unit share if shared by the
    unit's participants), over 12 × years months from that month."""
    if not items:
        return np.zeros((0, len(ctx.months)))
    bought = schedule(ctx, items)          # items × [draws ×] months, the price in its month
    months = ctx.months
    out = []
    for k, it in enumerate(items):
        life = 12 * it.depreciation_years
        a = month_number(it.start) if it.start else int(months[0])
        price = bought[k][..., months == a].sum(axis=-1, keepdims=True)  # 0 if bought outside the horizon
        active = (months >= a) & (months < a + life)
        out.append(np.where(active, price / life, 0.0))
    return stack(out, len(months))
