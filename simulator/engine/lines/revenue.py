"""Sales: revenue lines with price growth and seasonality, and when customers pay."""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import calendar_month, growth_index, month_number, stack
from simulator.engine.lines import pay, work_activity
from simulator.engine.lines.context import Context


def sales_by_line(ctx: Context) -> np.ndarray:
    """Lines × months sales excluding VAT: price × volume × seasonal factor.

    per_hour: volume hours a month (or a share of own employees' paid
    hours, or hours per participant-day of work activity at the unit ×
    those days: ``volume_per_participant_day``, so revenue follows the
    people present); per_unit: units a month; per_month: a fixed fee
    (volume = 1). Lines of kind ``sale`` and ``avoided_cost`` alike.
    Price rises by the line's growth (default: price growth) each January.
    """
    def calc():
        lines = ctx.scenario.revenue
        months = ctx.months
        out = []
        cal = calendar_month(months) - 1
        hours = days = None
        for ln in lines:
            a = month_number(ln.start) if ln.start else months[0]
            b = month_number(ln.end) if ln.end else months[-1]
            active = (months >= a) & (months <= b)
            if ln.volume_from_paid_hours is not None:
                if hours is None:
                    hours = ctx.total(pay.paid_hours(ctx))
                volume = hours * ln.volume_from_paid_hours
            elif ln.volume_per_participant_day is not None:
                if days is None:
                    days = ctx.total(work_activity.participant_days_here(ctx))
                volume = days * ln.volume_per_participant_day
            else:
                volume = ln.volume
            season = np.asarray(ln.seasonality)[cal] if ln.seasonality else 1.0
            growth = ctx.a.price_growth if ln.growth is None else ln.growth
            price = ln.price * growth_index(months, ctx.base_year, growth)
            out.append(np.where(active, price * volume * season, 0.0))
        return stack(out, len(months))
    return ctx.memo("sales_lines", calc)


def _of_kind(ctx: Context, kind: str, vat: str | None = None) -> np.ndarray:
    sel = np.array([ln.kind == kind and (vat is None or ln.vat == vat) for ln in ctx.scenario.revenue],
                   dtype=bool)
    return sales_by_line(ctx)[sel].sum(axis=0) if sel.any() else np.zeros(len(ctx.months))


def sales(ctx: Context) -> np.ndarray:
    """Sales excluding VAT (revenue lines of kind ``sale``), one value a month."""
    return _of_kind(ctx, "sale")


def avoided_costs(ctx: Context) -> np.ndarray:
    """Avoided spending (vältetty kustannus): revenue lines of kind
    ``avoided_cost``, e.g. the value of clients' work that replaces purchases
    no longer bought. Part of the result, never cash: no invoice, no receipt,
    no payment term, no VAT (docs/rules.md, "Avoided costs")."""
    return _of_kind(ctx, "avoided_cost")


def sales_standard_rated(ctx: Context) -> np.ndarray:
    """Sales subject to the standard VAT rate (avoided costs carry no VAT)."""
    return _of_kind(ctx, "sale", "standard")
