"""Conventions shared by every part of the engine.

- **Months.** A month is the time unit. Internally a month is an integer
  ``year * 12 + (month - 1)`` ("month number"); outside it is ``"YYYY-MM"``.
  Phases and items start on the first day of their start month and end on
  the last day of their end month (both inclusive).
- **Signs.** Every named cash-flow line is a positive magnitude; only
  ``result``, ``net_cash_flow`` and cash balances are signed.
- **Money.** Computed in float euros, never rounded inside the engine;
  rounded to cents only when presented or exported (``cents``).
- **Hours.** A week of ``h`` hours is ``h * 52 / 12`` hours a month.
- **NPV.** Excel's convention: the first month's net cash flow is discounted
  one period (t = 1). ``npv(r, flows) == numpy_financial.npv(r, [0, *flows])``
  and the matching spreadsheet formula is ``=NPV(r_month, range)``.
  The monthly rate is ``(1 + annual) ** (1 / 12) - 1``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from datetime import date

import numpy as np
import numpy_financial as npf

WEEKS_PER_MONTH = 52 / 12
MIN_YEAR, MAX_YEAR = 1900, 2200     # the years a month may have (``month_number``)
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@lru_cache(maxsize=4096)
def month_number(text: str) -> int:
    """``"2024-09"`` -> month number. Raises ValueError on a bad month."""
    m = _MONTH_RE.match(text.strip()) if isinstance(text, str) else None
    if not m:
        raise ValueError(f"expected a month as YYYY-MM, got {text!r}")
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 01-12, got {text!r}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year out of range in {text!r}")
    return year * 12 + month - 1


def month_label(number: int) -> str:
    """Month number -> ``"YYYY-MM"``."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def first_day(number: int) -> date:
    return date(number // 12, number % 12 + 1, 1)


def calendar_month(numbers: np.ndarray) -> np.ndarray:
    """1..12 for each month number."""
    return numbers % 12 + 1


def calendar_year(numbers: np.ndarray) -> np.ndarray:
    return numbers // 12


def monthly_rate(annual: float) -> float:
    """Monthly rate equivalent to an annual rate compounded monthly."""
    return (1.0 + annual) ** (1.0 / 12.0) - 1.0


def growth_index(numbers: np.ndarray, base_year: int, annual: float) -> np.ndarray:
    """Index that rises by ``annual`` each 1 January after ``base_year``.

    Amounts in a scenario are in prices of its first year; pay, prices and
    costs step up on 1 January, as pay tables and price lists do.
    """
    years = np.maximum(calendar_year(numbers) - base_year, 0)
    return (1.0 + annual) ** years


def npv(annual_rate: float, flows: np.ndarray) -> float:
    """Net present value, first flow discounted one month (Excel ``NPV``)."""
    r = monthly_rate(annual_rate)
    return float(npf.npv(r, np.concatenate([[0.0], np.asarray(flows, float)])))


def sign_changes(flows: np.ndarray, tol: float = 1e-9) -> int:
    """How many times the flows change sign, ignoring flows within ``tol`` of zero."""
    flows = np.asarray(flows, float)
    signs = np.sign(flows[np.abs(flows) > tol])
    return int(np.count_nonzero(signs[1:] != signs[:-1]))


def irr_monthly(flows: np.ndarray) -> float | None:
    """Monthly IRR: the rate r > -1 where ``sum(f_t / (1+r)**t) == 0``.

    Defined only where the flows change sign exactly once (money out, then
    money in, or the reverse: then there is one root, Descartes' rule of
    signs); a profile that turns twice or more (e.g. positive first,
    negative after, positive again) has several roots or none, and a rate
    of return means nothing for it. Reported only where the root lies
    between -50 % and +50 % a month (beyond that an IRR says nothing
    useful, e.g. a tiny first-month deficit followed by surpluses). Found by
    bisection on ``log(1+r)``.
    """
    flows = np.asarray(flows, float)
    if sign_changes(flows) != 1:
        return None
    t = np.arange(len(flows))
    grid = np.linspace(np.log(0.5), np.log(1.5), 41)
    pv = (flows[None, :] * np.exp(-np.outer(grid, t))).sum(axis=1)
    sign = np.sign(pv)
    change = np.nonzero(sign[:-1] * sign[1:] < 0)[0]
    if change.size == 0:
        return None
    k = change[np.argmin(np.abs(grid[change]))]
    lo, hi = grid[k], grid[k + 1]
    f_lo = pv[k]
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        f_mid = float(flows @ np.exp(-mid * t))
        if np.sign(f_mid) == np.sign(f_lo):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return float(np.expm1(0.5 * (lo + hi)))


def irr_annual(flows: np.ndarray) -> float | None:
    """Annualised monthly IRR, or None where it is not defined."""
    r = irr_monthly(flows)
    return None if r is None else float((1.0 + r) ** 12 - 1.0)


def shift(values: np.ndarray, months: int) -> np.ndarray:
    """Move values ``months`` later along the last axis; what falls past
    the horizon is dropped (it is paid after the projection ends)."""
    if months <= 0:
        return values.copy()
    out = np.zeros_like(values)
    if months < values.shape[-1]:
        out[..., months:] = values[..., :-months]
    return out


def stack(rows: list, months: int) -> np.ndarray:
    """Stack per-item monthly arrays (some may carry a leading draws axis)
    into items × [draws ×] months; sums over axis 0 give the monthly total."""
    if not rows:
        return np.zeros((0, months))
    arrays = [np.asarray(r, dtype=float) for r in rows]
    shape = np.broadcast_shapes(*(a.shape for a in arrays), (months,))
    return np.stack([np.broadcast_to(a, shape) for a in arrays])


def lag_from_days(days: int) -> int:
    """Payment term in days -> months of delay, invoicing at month end:
    0 days = same month, 1-30 = next month, 31-60 = the month after."""
    return int(np.ceil(max(days, 0) / 30))


def cents(x: float) -> float:
    """Round to cents, half away from zero (for presentation only)."""
    return float(np.sign(x) * np.floor(abs(x) * 100 + 0.5) / 100)
