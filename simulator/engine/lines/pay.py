"""Pay of people and staff employed by this organisation, holiday pay and lomaraha.

Monthly pay ``B`` (hours × 52/12 × hourly wage, or the monthly pay) covers
working time *and* the leave earned that month. The leave share, days
earned × B / 25, is booked as holiday pay accrual and paid in the holiday
season; the rest is ``wages``. So wages + holiday pay = B over a year.
Sources: vuosilomalaki 162/2005 §§ 5–6 (2 or 2.5 days a month; a month
counts with 35 hours), § 10 (monthly pay / 25); lomaraha from the collective
agreements (50 % of holiday pay). See data/parameters/holiday/.
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import WEEKS_PER_MONTH, calendar_month, calendar_year
from simulator.engine.lines.context import Context
from simulator.engine.lines.settle import settle


def monthly_pay(ctx: Context) -> np.ndarray:
    """Monthly pay of each row while employed here, raised by wage growth each January."""
    def calc():
        r = ctx.roster
        return np.where(r.employed_here, r.base_pay, 0.0) * ctx.row_index(ctx.a.wage_growth)
    return ctx.memo("monthly_pay", calc)


def paid_hours(ctx: Context) -> np.ndarray:
    """Paid hours a month of people (not staff) employed here: hours a week × 52/12."""
    r = ctx.roster
    return ctx.memo("paid_hours", lambda: np.where(r.employed_here & ~r.is_staff[:, None],
                                                   r.hours_per_week * WEEKS_PER_MONTH, 0.0))


def holiday_days_earned(ctx: Context) -> np.ndarray:
    """Leave days earned a month: 2.5 if the employment had lasted a year by
    the 31 March that closes the holiday credit year, else 2; none in a month
    with fewer than 35 hours (vuosilomalaki 5–6 §)."""
    def calc():
        r = ctx.roster
        cal = calendar_month(r.months)
        credit_year_end = calendar_year(r.months) + (cal > 3)          # year of the closing 31.3
        long_service = r.employment_start <= (credit_year_end - 1) * 12 + 3
        full = ctx.rate("holiday.days_per_month")[None, :]
        first = ctx.rate("holiday.days_per_month_first_year")[None, :]
        counts = r.hours_per_week * WEEKS_PER_MONTH >= ctx.rate("holiday.min_hours_for_full_month")[None, :]
        days = np.where(long_service, full, first)
        return np.where(r.employed_here & counts, days, 0.0)
    return ctx.memo("holiday_days", calc)


def holiday_pay(ctx: Context) -> np.ndarray:
    """Holiday pay accrual: days earned × monthly pay / 25 (vuosilomalaki 10 §)."""
    return ctx.memo("holiday_pay", lambda: holiday_days_earned(ctx) * monthly_pay(ctx)
                    / ctx.rate("holiday.working_days_per_month")[None, :])


def wages(ctx: Context) -> np.ndarray:
    """Pay for working time: monthly pay less the holiday pay earned in the month."""
    return ctx.memo("wages", lambda: monthly_pay(ctx) - holiday_pay(ctx))


def holiday_bonus(ctx: Context) -> np.ndarray:
    """Lomaraha accrual: its share (50 %, collective agreements) of holiday pay earned."""
    return ctx.memo("holiday_bonus", lambda: holiday_pay(ctx)
                    * ctx.rate("holiday.lomaraha_share")[None, :])


def holiday_settled_upto(ctx: Context) -> np.ndarray:
    """Last column of accrued holiday pay that has been paid by each month.

    In the holiday month (assumption, default July) everything earned up to
    the latest 31 March is paid; when an employment ends, everything
    earned so far is paid as holiday compensation.
    """
    def calc():
        r = ctx.roster
        t = np.arange(len(r.months))
        cal = calendar_month(r.months)
        march = t - (cal - 3) % 12                             # column of the latest March (≤ this month)
        season = np.where(cal == ctx.a.holiday_pay_month, march, -1)
        points = np.where(r.employment_last, t[None, :], season[None, :])
        points = np.where(r.employed_here | r.employment_last, points, -1)
        points = np.maximum(points, -1)
        return np.maximum.accumulate(points, axis=1)
    return ctx.memo("holiday_upto", calc)


def holiday_pay_paid(ctx: Context) -> np.ndarray:
    """Cash: accrued holiday pay paid in the holiday season or when employment ends."""
    return ctx.memo("holiday_paid", lambda: settle(holiday_pay(ctx), holiday_settled_upto(ctx)))


def holiday_bonus_paid(ctx: Context) -> np.ndarray:
    """Cash: lomaraha, paid with the holiday pay. (With one lomaraha share over
    the whole projection this is that share of the holiday pay paid.)"""
    share = ctx.rate("holiday.lomaraha_share")
    if np.all(share == share[0]):
        return holiday_pay_paid(ctx) * share[0]
    return settle(holiday_bonus(ctx), holiday_settled_upto(ctx))


def pay_cost_base(ctx: Context) -> np.ndarray:
    """All pay earned in a month (wages + holiday pay + lomaraha): the base of
    the employer's contributions."""
    return ctx.memo("pay_base", lambda: monthly_pay(ctx) + holiday_bonus(ctx))

