"""Sales: revenue lines with price growth and seasonality, and when customers pay."""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import calendar_month, growth_index, month_number, stack
from simulator.engine.lines import pay
from simulator.engine.lines.context import Context


def sales_by_line(ctx: Context) -> np.ndarray:
    """Lines × months sales excluding VAT: price × volume × seasonal factor.

    per_hour: volume hours a month (or a share of own employees' paid
    hours); per_unit: units a month; per_month: a fixed fee (volume = 1).
    Price rises by the line's growth (default: price growth) each January.
    """
    def calc():
        lines = ctx.scenario.revenue
        months = ctx.months
        out = []
        cal = calendar_month(months) - 1
        hours = None
        for ln in lines:
            a = month_number(ln.start) if ln.start else months[0]
            b = month_number(ln.end) if ln.end else months[-1]
            active = (months >= a) & (months <= b)
            if ln.volume_from_paid_hours is not None:
                if hours is None:
                    hours = ctx.total(pay.paid_hours(ctx))
                volume = hours * ln.volume_from_paid_hours
            else:
                volume = ln.volume
            season = np.asarray(ln.seasonality)[cal] if ln.seasonality else 1.0
            growth = ctx.a.price_growth if ln.growth is None else ln.growth
            price = ln.price * growth_index(months, ctx.base_year, growth)
            out.append(np.where(active, price * volume * season, 0.0))
        return stack(out, len(months))
    return ctx.memo("sales_lines", calc)


def sales(ctx: Context) -> np.ndarray:
    """Sales excluding VAT, one value a month."""
    return sales_by_line(ctx).sum(axis=0)


def sales_standard_rated(ctx: Context) -> np.ndarray:
    """Sales subject to the standard VAT rate."""
    std = np.array([ln.vat == "standard" for ln in ctx.scenario.revenue], dtype=bool)
    return sales_by_line(ctx)[std].sum(axis=0) if std.any() else np.zeros(len(ctx.months))
