"""People counted a month, by where they are (staff excluded), rows × months.

Each row counts with its weight (1, or the pipeline's conversion shares)
whatever its days or hours: the counts follow the phases (docs/rules.md,
section Volumes).
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines.context import Context


def _people(ctx: Context) -> np.ndarray:
    return ~ctx.roster.is_staff[:, None]


def people_in_paid_work(ctx: Context) -> np.ndarray:
    """1 where a person is employed here or by a company."""
    r = ctx.roster
    return ((r.employed_here | r.employed_company) & _people(ctx)).astype(float)


def people_employed_here(ctx: Context) -> np.ndarray:
    """1 where a person is employed by this organisation."""
    return (ctx.roster.employed_here & _people(ctx)).astype(float)


def people_in_work_activity(ctx: Context) -> np.ndarray:
    """1 where a person is in work activity other than avotyö."""
    r = ctx.roster
    return (r.in_work_activity & ~r.in_avotyo).astype(float)


def people_in_avotyo(ctx: Context) -> np.ndarray:
    """1 where a person is in avotyö (work activity at a company)."""
    r = ctx.roster
    return (r.in_work_activity & r.in_avotyo).astype(float)
