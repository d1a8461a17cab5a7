"""Paying out accrued amounts at settlement points (holiday pay)."""
from __future__ import annotations

import numpy as np


def settle(accrued: np.ndarray, settled_upto: np.ndarray) -> np.ndarray:
    """Cash paid each month for accruals settled in batches.

    ``settled_upto[r, t]`` is the last column whose accruals have been paid
    by the end of month ``t`` (-1 = none); it never decreases. Month ``t``
    pays the accruals of columns ``settled_upto[r, t-1]+1 .. settled_upto[r, t]``.
    ``accrued`` may carry a leading draws axis; ``settled_upto`` broadcasts to it.
    """
    cols = accrued.shape[-1]
    cum = np.zeros(accrued.shape[:-1] + (cols + 1,))
    np.cumsum(accrued, axis=-1, out=cum[..., 1:])
    if settled_upto.ndim == 2 and accrued.ndim > 2:
        # the same settlement points for every draw: one flat gather
        rows = settled_upto.shape[0]
        flat = (np.arange(rows)[:, None] * (cols + 1) + settled_upto + 1).reshape(-1)
        paid_to_date = cum.reshape(cum.shape[:-2] + (-1,))[..., flat].reshape(accrued.shape)
    else:
        paid_to_date = np.take_along_axis(cum, np.broadcast_to(settled_upto, accrued.shape) + 1, axis=-1)
    out = np.empty_like(paid_to_date)
    out[..., 0] = paid_to_date[..., 0]
    np.subtract(paid_to_date[..., 1:], paid_to_date[..., :-1], out=out[..., 1:])
    return out
