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

from simulator.i18n.messages import Message, Text
from simulator.model.conventions import WEEKS_PER_MONTH, calendar_month, calendar_year, first_day
from simulator.model.parameters import gap_message
from simulator.engine.lines.context import Context
from simulator.engine.lines.settle import settle
from simulator.engine.roster import PAY_BASES

# the dated raises of each collective agreement (data/parameters/tes/)
RAISES = {"tes_kiinteistopalvelu": "tes.kiinteistopalvelu_raise", "tes_kauppa": "tes.kauppa_raise",
          "ttes": "tes.ttes_raise"}


def agreement_index(ctx: Context, basis: str) -> np.ndarray:
    """Pay index of a collective agreement a month, 1 in the scenario's first
    month: the product of (1 + raise) of every raise dated after the first
    day of the first month up to the first day of the month (pay entered in
    the first month's terms already has the earlier raises). After the
    file's ``known_until`` the scenario's ``wage_growth`` applies each
    1 January. Sources: each raise's entry in data/parameters/tes/
    (payroll-rules.md §6, parameter-gaps.md §7)."""
    def calc():
        p = ctx.params.get(RAISES[basis])
        start = first_day(int(ctx.months[0]))
        days = [first_day(int(m)) for m in ctx.months]
        idx = np.ones(len(days))
        gap_years, est_years = set(), set()
        for e in p.entries:
            if e.valid_from <= start:
                continue
            on = np.array([d >= e.valid_from for d in days])
            idx = np.where(on, idx * (1.0 + e.value * p.scale), idx)
            if on.any():
                if e.status == "gap":
                    gap_years.add(e.valid_from.year)
                elif e.status == "unconfirmed" and "[check]" in e.note:
                    est_years.add(e.valid_from.year)
        if gap_years:
            ctx.warnings.add(gap_message(p, gap_years))
        if est_years:
            ctx.warnings.add(Message.make("parameter_estimate", name=p.name, years=sorted(est_years),
                                          label=Text(p.description_fi, p.description)))
        years = calendar_year(ctx.months)
        after = np.maximum(years - max(p.known_until.year, ctx.base_year), 0)
        return idx * (1.0 + ctx.a.wage_growth) ** after      # (draws, months) for a batch, as Context.index
    return ctx.memo(("agreement_index", basis), calc)


def basis_index(ctx: Context, basis: str) -> np.ndarray:
    """Pay index a month of one ``pay_basis``, 1 in the scenario's first
    month: the scenario's ``wage_growth`` each 1 January, or the named
    collective agreement's dated raises (``agreement_index``). The one
    source of how entered pay rises (``pay_index`` by row; the person's
    pension cliff, person/cliff.py)."""
    if basis == "wage_growth":
        return ctx.index(ctx.a.wage_growth)
    return agreement_index(ctx, basis)


def pay_index(ctx: Context) -> np.ndarray:
    """Pay index of each row a month (rows × months): the scenario's
    ``wage_growth`` each 1 January, or, where the employment's ``pay_basis``
    names a collective agreement, that agreement's dated raises
    (``basis_index``)."""
    def calc():
        r = ctx.roster
        out = basis_index(ctx, "wage_growth")[..., None, :] * np.ones(r.base_pay.shape)
        for k, basis in enumerate(PAY_BASES):
            sel = r.pay_basis == k
            if basis != "wage_growth" and sel.any():
                out = np.where(sel, basis_index(ctx, basis)[..., None, :], out)
        return out
    return ctx.memo("pay_index", calc)


def monthly_pay(ctx: Context) -> np.ndarray:
    """Monthly pay of each row while employed here: the entered pay × the
    row's pay index (wage growth each January, or a collective agreement's
    dated raises)."""
    def calc():
        r = ctx.roster
        return np.where(r.employed_here, r.base_pay, 0.0) * pay_index(ctx)
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

