"""The person's income lines a month: pay and työosuusraha, and the fees
the person pays for work activity (employment-models.md §0).

Every function takes one roster row of the person (``row.Row``) and
returns one value a month for that row; ``lines.py`` weights the rows.
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import WEEKS_PER_MONTH, month_number
from simulator.engine.lines.pay import pay_index
from .row import Row


def hours_per_week(row: Row) -> np.ndarray:
    """Contract hours a week while employed here or by a company, else 0."""
    return np.where(row.employed, row.ctx.roster.hours_per_week[row.i], 0.0)


def paid_hours(row: Row) -> np.ndarray:
    """Paid hours a month: hours a week × weeks a month (conventions.WEEKS_PER_MONTH)."""
    return hours_per_week(row) * WEEKS_PER_MONTH


def pay_regular(row: Row) -> np.ndarray:
    """Monthly pay ``B`` while employed here or by a company: the engine's
    ``base_pay`` × the row's pay index (wage growth each January, or the
    employment's collective agreement's dated raises: ``pay.pay_index``).
    This is the pay tested against the earnings limit and the TyEL floor
    (lomaraha by each institution's practice: ``pension_rest``)."""
    def calc():
        index = pay_index(row.ctx)[..., row.i, :]
        return np.where(row.employed, row.ctx.roster.base_pay[row.i], 0.0) * index
    return row.memo("pay_regular", calc)


def gross_pay(row: Row) -> np.ndarray:
    """Gross pay: ``B`` plus lomaraha paid by this organisation in the
    holiday month or when the employment ends (the engine's
    ``holiday_bonus_paid``: TES, payroll-rules.md). A company's lomaraha is
    not in the scenario and is left out."""
    return row.memo("gross_pay", lambda: pay_regular(row) + row.lomaraha)


def work_activity_days(row: Row) -> np.ndarray:
    """Days of work activity or avotyö a month, arranged here or by another unit."""
    r = row.ctx.roster
    return r.wa_days[row.i] + r.wa_days_other[row.i]


def tyoosuusraha(row: Row) -> np.ndarray:
    """Työosuusraha: days × €/day in work activity and avotyö, any arranger
    (the phase's rate; work activity: SHL 27 e § and the kehitysvammalaki,
    https://www.tyoelamasanasto.fi/t/tyotoiminta/)."""
    return work_activity_days(row) * row.ctx.roster.tyoosuusraha_rate[row.i]


def tyoosuusraha_here(row: Row) -> np.ndarray:
    """The part of ``tyoosuusraha`` paid by this organisation (its own work activity)."""
    return row.ctx.roster.wa_days[row.i] * row.ctx.roster.tyoosuusraha_rate[row.i]


def tyoosuusraha_taxable(row: Row) -> np.ndarray:
    """The taxable excess of työosuusraha: days × (€/day − the tax-free
    amount a day, ``tyoosuusraha.tax_free_per_day``, 12 €:
    https://verneri.net/selko/verkko-kerttu/tyoosuusraha); other taxable
    earned income (tax.py ``O``) [the tax treatment of the excess: not seen
    in a source]."""
    free = row.series("tyoosuusraha.tax_free_per_day")
    return work_activity_days(row) * np.maximum(row.ctx.roster.tyoosuusraha_rate[row.i] - free, 0.0)


def _spans(row: Row):
    """(first month, last month, phase) of each phase, as the roster reads them."""
    phases = sorted(row.person.phases, key=lambda ph: month_number(ph.start))
    out = []
    for k, ph in enumerate(phases):
        a = month_number(ph.start)
        nxt = month_number(phases[k + 1].start) if k + 1 < len(phases) else None
        b = month_number(ph.end) if ph.end else (nxt - 1 if nxt else row.scenario.last_month)
        out.append((a, b, ph))
    return out


def _other_arranged(row: Row):
    """Meal fee and day price a day of work activity arranged by another unit,
    by month (the roster keeps them only for this unit's own activity)."""
    months = row.months
    meal, price = np.zeros(len(months)), np.zeros(len(months))
    for a, b, ph in _spans(row):
        if ph.kind in ("work_activity", "avotyo") and ph.arranged_by == "other":
            sel = (months >= a) & (months <= b)
            meal[sel] = ph.meal_fee_per_day
            price[sel] = ph.day_price
    return meal, price


def _fees(row: Row):
    """(meal fees here, meal fees elsewhere, transport fees here, transport fees in all)."""
    def calc():
        r, i, p = row.ctx.roster, row.i, row.person
        days_here, days_other = r.wa_days[i], r.wa_days_other[i]
        meal_other, _ = _other_arranged(row)
        if p.meal_fee_per_day is not None:
            meal_here, meal_oth = days_here * p.meal_fee_per_day, days_other * p.meal_fee_per_day
        else:
            meal_here, meal_oth = days_here * r.meal_fee[i], days_other * meal_other
        fare = p.transport_fee_per_day or 0.0
        return meal_here, meal_oth, days_here * fare, (days_here + days_other) * fare
    return row.memo("fees", calc)


def work_activity_fees(row: Row) -> np.ndarray:
    """Fees the person pays for work activity: the meal fee (the person's
    ``meal_fee_per_day``, else the phase's) and ``transport_fee_per_day``,
    × days in work activity (any arranger)."""
    meal_here, meal_oth, _, transport = _fees(row)
    return meal_here + meal_oth + transport


def work_activity_fees_here(row: Row) -> np.ndarray:
    """The part of ``work_activity_fees`` paid to this organisation."""
    meal_here, _, transport_here, _ = _fees(row)
    return meal_here + transport_here


def day_price_other(row: Row) -> np.ndarray:
    """Day prices of work activity arranged by another unit (the phase's
    ``day_price`` × days × the price-growth index), paid by the
    municipality/county; for the public purse."""
    _, price = _other_arranged(row)
    return row.ctx.roster.wa_days_other[row.i] * price * row.ctx.index(row.scenario.assumptions.price_growth)
