"""Members' share capital and loans."""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import month_number
from simulator.engine.lines.context import Context


def share_capital(ctx: Context) -> np.ndarray:
    """Cash: members' share capital (osuusmaksut) paid in; equity, not income."""
    out = np.zeros(len(ctx.months))
    col = np.arange(len(ctx.months))
    for sc in ctx.scenario.financing.share_capital:
        out = out + np.where(col == month_number(sc.month) - ctx.months[0], sc.amount, 0.0)
    return out


def single_loan(loan, months: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drawdown, interest and repayment of one loan, one value a month.

    Interest is the monthly rate (annual / 12) on the balance at the start
    of the month; payments start the month after the drawdown. Annuity:
    equal payments; straight: equal repayments of principal. The amount and
    rate may be Monte Carlo batches (shape ``(draws, 1)``); the result then
    has a leading draws axis.
    """
    n = len(months)
    amount = np.asarray(loan.amount, dtype=float)
    r = np.asarray(loan.annual_rate, dtype=float) / 12
    lead = np.broadcast_shapes(amount.shape, r.shape)[:-1]
    draw, interest, repay = np.zeros(lead + (n,)), np.zeros(lead + (n,)), np.zeros(lead + (n,))
    t0 = month_number(loan.drawdown) - int(months[0])
    term = loan.term_months
    k = np.arange(1, term + 1)
    zero = r == 0
    safe_r = np.where(zero, 1.0, r)
    if loan.repayment == "annuity":
        # 1 - (1+r)^-n computed as -expm1(-n·log1p(r)): exact for tiny rates too
        pmt = np.where(zero, amount / term, amount * safe_r / np.where(zero, 1.0, -np.expm1(-term * np.log1p(r))))
        g = (1 + r) ** (k - 1)
        bal_before = np.where(zero, amount - pmt * (k - 1), amount * g - pmt * (g - 1) / safe_r)
        ints = bal_before * r
        princ = pmt - ints
    else:
        princ = np.broadcast_to(amount / term, np.broadcast_shapes(amount.shape, k.shape))
        bal_before = amount - princ * (k - 1)
        ints = bal_before * r
    cols = t0 + k
    ok = (cols >= 0) & (cols < n)
    if 0 <= t0 < n:
        draw[..., t0:t0 + 1] += amount
    interest[..., cols[ok]] += np.broadcast_to(ints, lead + (term,))[..., ok]
    repay[..., cols[ok]] += np.broadcast_to(princ, lead + (term,))[..., ok]
    return draw, interest, repay


def loan_schedule(ctx: Context) -> dict[str, np.ndarray]:
    """Drawdown, interest and repayment a month summed over all loans."""
    def calc():
        n = len(ctx.months)
        total = [np.zeros(n), np.zeros(n), np.zeros(n)]
        for loan in ctx.scenario.financing.loans:
            total = [acc + part for acc, part in zip(total, single_loan(loan, ctx.months))]
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
