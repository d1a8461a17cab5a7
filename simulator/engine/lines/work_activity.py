"""Work activity (työtoiminta) and avotyö arranged by this unit.

Days a month × a daily amount. Työosuusraha is tax-free up to 12 €/day
(verneri.net); day prices and company fees rise with price growth, the
unit's own cost a day with cost inflation; työosuusraha and meal fees are
fixed amounts.
"""
from __future__ import annotations

import numpy as np

from simulator.i18n.messages import Message
from simulator.engine.lines.context import Context
from simulator.engine.lines.prices import row_cost_index


def work_activity_pay(ctx: Context) -> np.ndarray:
    """Työosuusraha paid to people in work activity and avotyö: days × €/day."""
    r = ctx.roster
    limit = ctx.rate("tyoosuusraha.tax_free_per_day")
    over = (r.wa_days > 0) & (r.tyoosuusraha_rate > limit[None, :])
    if over.any():
        rows_over = over.any(axis=-1).reshape(-1, over.shape[-2]).any(axis=0)
        ids = sorted({r.person_ids[i] for i in np.nonzero(rows_over)[0]})
        ctx.warnings.add(Message.make("tyoosuusraha_above_tax_free", limit=float(limit.max()), people=ids))
    return r.wa_days * r.tyoosuusraha_rate


def day_price_income(ctx: Context) -> np.ndarray:
    """Day price the municipality or county pays the unit: days × price (VAT-exempt social service)."""
    r = ctx.roster
    return r.wa_days * r.day_price * ctx.row_index(ctx.a.price_growth)


def day_price_elsewhere(ctx: Context) -> np.ndarray:
    """The day price of work activity arranged by another unit (``arranged_by:
    other``): days × price a day, raised by price growth like the unit's own
    day price. Not this organisation's money: the purchaser of work activity
    (the municipality, from 1.1.2023 the wellbeing services county, laws
    611/2021 and 616/2021) pays it to the other unit; the parties analysis
    gives it to the county. Work activity elsewhere whose price is unknown
    (``day_price_unknown``, or no price) is named by the warning
    ``day_price_unknown``, which every comparison of the scenario shows."""
    r = ctx.roster
    if r.day_price_unknown:
        ctx.warnings.add(Message.make("day_price_unknown", people=list(r.day_price_unknown)))
    return r.wa_days_other * r.day_price_other * ctx.row_index(ctx.a.price_growth)


def participant_days_here(ctx: Context) -> np.ndarray:
    """Participant-days a month of work activity at the unit itself: days of
    work activity arranged by this unit, not avotyö at a company (rows × months)."""
    r = ctx.roster
    return np.where(r.in_avotyo, 0.0, r.wa_days)


def avotyo_fees(ctx: Context) -> np.ndarray:
    """What host companies pay the unit for avotyö: days × fee a day."""
    r = ctx.roster
    return r.wa_days * r.company_fee * ctx.row_index(ctx.a.price_growth)


def client_fees(ctx: Context) -> np.ndarray:
    """Meal fees the participants pay the unit: days × fee."""
    r = ctx.roster
    return r.wa_days * r.meal_fee


def work_activity_costs(ctx: Context) -> np.ndarray:
    """The unit's own direct cost of arranging work activity: days × cost a day."""
    r = ctx.roster
    return r.wa_days * r.cost_per_day * row_cost_index(ctx)
