"""Members' share capital and loans."""
from __future__ import annotations

import numpy as np

from ..conventions import month_number
from .context import Context


def share_capital(ctx: Context) -> np.ndarray:
    """Cash: members' share capital (osuusmaksut) paid in; equity, not income."""
    out = np.zeros(len(ctx.months))
    first = ctx.months[0]
    for sc in ctx.scenario.financing.share_capital:
        t = month_number(sc.month) - first
        if 0 <= t < len(out):
            out[t] += sc.amount
    return out


def single_loan(loan, months: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drawdown, interest and repayment of one loan, one value a month.

    Interest is the monthly rate (annual / 12) on the balance at the start
    of the month; payments start the month after the drawdown. Annuity:
    equal payments; straight: equal repayments of principal.
    """
    n = len(months)
    draw, interest, repay = np.zeros(n), np.zeros(n), np.zeros(n)
    t0 = month_number(loan.drawdown) - int(months[0])
    r = loan.annual_rate / 12
    k = np.arange(1, loan.term_months + 1)
    if loan.repayment == "annuity":
        # 1 - (1+r)^-n computed as -expm1(-n·log1p(r)): exact for tiny rates too
        pmt = loan.amount / loan.term_months if r == 0 else \
            loan.amount * r / -np.expm1(-loan.term_months * np.log1p(r))
        if r == 0:
            bal_before = loan.amount - pmt * (k - 1)
        else:
            bal_before = loan.amount * (1 + r) ** (k - 1) - pmt * ((1 + r) ** (k - 1) - 1) / r
        ints = bal_before * r
        princ = pmt - ints
    else:
        princ = np.full(loan.term_months, loan.amount / loan.term_months)
        bal_before = loan.amount - princ * (k - 1)
        ints = bal_before * r
    cols = t0 + k
    ok = (cols >= 0) & (cols < n)
    if 0 <= t0 < n:
        draw[t0] += loan.amount
    np.add.at(interest, cols[ok], ints[ok])
    np.add.at(repay, cols[ok], princ[ok])
    return draw, interest, repay


def loan_schedule(ctx: Context) -> dict[str, np.ndarray]:
    """Drawdown, interest and repayment a month summed over all loans."""
    def calc():
        n = len(ctx.months)
        total = [np.zeros(n), np.zeros(n), np.zeros(n)]
        for loan in ctx.scenario.financing.loans:
            for acc, part in zip(total, single_loan(loan, ctx.months)):
                acc += part
        return dict(zip(("drawdown", "interest", "repayment"), total))
    return ctx.memo("loans", calc)


def loan_drawdown(ctx: Context) -> np.ndarray:
    """Cash in: loan amount in its drawdown month."""
    return loan_schedule(ctx)["drawdown"]


def interest(ctx: Context) -> np.ndarray:
    """Interest expense (accrued and paid in the month)."""
    return loan_schedule(ctx)["interest"]


def loan_repayment(ctx: Context) -> np.ndarray:
    """Cash out: principal repaid."""
    return loan_schedule(ctx)["repayment"]
