"""Paying out accrued amounts at settlement points (holiday pay)."""
from __future__ import annotations

import numpy as np


def settle(accrued: np.ndarray, settled_upto: np.ndarray) -> np.ndarray:
    """Cash paid each month for accruals settled in batches.

    ``settled_upto[r, t]`` is the last column whose accruals have been paid
    by the end of month ``t`` (-1 = none); it never decreases. Month ``t``
    pays the accruals of columns ``settled_upto[r, t-1]+1 .. settled_upto[r, t]``.
    """
    rows, cols = accrued.shape
    cum = np.concatenate([np.zeros((rows, 1)), np.cumsum(accrued, axis=1)], axis=1)
    paid_to_date = np.take_along_axis(cum, settled_upto + 1, axis=1)
    return np.diff(paid_to_date, axis=1, prepend=0.0)
