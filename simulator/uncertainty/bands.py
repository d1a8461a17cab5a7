"""Percentile bands of a monthly series over Monte Carlo draws, in bounded memory.

The fan chart needs, for every month, the P10/P50/P90 of closing cash over
all draws: ``numpy.percentile(values, p)`` with numpy's default ("linear")
method, i.e. the two order statistics at ranks ``⌊(n−1)·p⌋`` and the next,
interpolated. Holding every draw's months (draws × months float64: 192 MB
at 200 000 × 120) is what made large runs use gigabytes. Here:

- Up to ``store_cells`` values (draws × months) are simply kept and the
  bands are ``numpy.percentile`` over them, exactly as before.
- Beyond that, the first ``store_cells // months`` draws (the *pilot*: the
  draws are independent, so the first ones are a uniform sample of all)
  are kept; from them each band gets a bracket per month, the pilot's
  values at ranks ``p ± Z·√(p(1−p)/pilot)``. Every draw (pilot included)
  is then only *counted* below the bracket and at its two ends, and kept
  only strictly inside it. When both order statistics a band needs fall
  within a month's bracket (counted draws below ≤ rank < below + at ends +
  inside), they are read off exactly and interpolated as numpy does: the
  result is identical to ``numpy.percentile`` over all draws.
- With ``Z = 10`` (the pilot's and the whole sample's sampling errors
  together are at most √2 pilot standard errors: a miss needs a deviation
  of 7 of them) a rank falls outside its bracket with a probability below
  10⁻⁹ a run. If it ever does, ``result()`` names the months and the caller
  recomputes them with every draw kept for those months only
  (``montecarlo.run_montecarlo`` runs the draws again), so the result is
  exact in every case.

Memory: the pilot (``store_cells`` × 8 bytes, 19 MB) plus the values
inside the brackets, about ``2·Z·√(p(1−p)/pilot)`` of the draws per band
and month (≈ 16 % of draws × months for P10/P50/P90 with a pilot of
20 000 draws: 3.7 M values of 10 bytes, 37 MB, at 200 000 draws × 120 months).
"""
from __future__ import annotations

import numpy as np

STORE_CELLS = 2_400_000   # draws × months kept whole: 20 000 draws of 120 months, 19 MB
Z = 10.0                  # bracket half-width in standard errors of the pilot's quantile


def lerp(a, b, t):
    """numpy's linear interpolation between order statistics (``numpy.percentile``'s
    ``_lerp``: from the nearer end, so that ``t = 1`` gives ``b`` exactly)."""
    d = b - a
    return np.where(t >= 0.5, b - d * (1 - t), a + d * t)


def ranks(n: int, percentiles) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lower rank, upper rank, weight) of each percentile over ``n`` values,
    computed as numpy's ``linear`` method does."""
    virtual = (n - 1) * np.true_divide(np.asarray(percentiles), 100)
    lower = np.floor(virtual)
    gamma = virtual - lower
    lower = lower.astype(np.int64)
    upper = np.minimum(lower + 1, n - 1)
    return lower, upper, gamma


class MonthlyBands:
    """Percentiles a month of one draws × months series fed in chunks.

    Feed the first ``pilot`` draws with ``keep`` (any order, by draw index),
    then call ``open()``; feed the remaining draws with ``count`` (safe to call
    from several threads: it only reads) and ``add`` its result (one thread).
    ``result()`` gives ``{p: array a month}``. When ``streaming`` is False,
    every draw is kept and ``kept`` is the draws × months array."""

    def __init__(self, n: int, months: int, percentiles, store_cells: int | None = None, z: float | None = None):
        self.n, self.m, self.percentiles = int(n), int(months), tuple(percentiles)
        store_cells = STORE_CELLS if store_cells is None else store_cells
        self.pilot = self.n if self.n * self.m <= store_cells else max(1, store_cells // self.m)
        self.streaming = self.pilot < self.n
        self.z = Z if z is None else z
        self._store = np.empty((self.m, self.pilot))     # months × draws, as numpy.percentile(axis=1) reads it
        self._lo = self._hi = None

    # ------------------------------------------------------------ the pilot

    def keep(self, part: np.ndarray, values: np.ndarray) -> None:
        """Keep the draws ``part`` (indices below ``pilot``): ``values`` is len(part) × months."""
        self._store[:, part] = values.T

    @property
    def kept(self) -> np.ndarray | None:
        """Draws × months of every draw (None when streaming)."""
        return None if self.streaming else self._store.T

    def open(self) -> None:
        """After the pilot: set the brackets and count the pilot's draws in them."""
        q = np.asarray(self.percentiles, dtype=float) / 100
        half = self.z * np.sqrt(q * (1 - q) / self.pilot)
        lo_q, hi_q = q - half, q + half
        with np.errstate(invalid="ignore"):
            lo = np.quantile(self._store, np.clip(lo_q, 0, 1), axis=1, method="lower")
            hi = np.quantile(self._store, np.clip(hi_q, 0, 1), axis=1, method="higher")
        # a bracket reaching past the pilot's ends is open on that side
        lo[lo_q <= 0] = -np.inf
        hi[hi_q >= 1] = np.inf
        self._lo, self._hi = lo, hi                      # percentile × months
        k = len(self.percentiles)
        self._below = np.zeros((k, self.m), dtype=np.int64)
        self._at_lo = np.zeros((k, self.m), dtype=np.int64)
        self._at_hi = np.zeros((k, self.m), dtype=np.int64)
        self._nan = np.zeros(self.m, dtype=np.int64)
        self._inside = [[] for _ in range(k)]            # (months, values) pieces
        store, self._store = self._store, None
        for start in range(0, self.pilot, 4096):
            self.add(self.count(store[:, start:start + 4096].T))

    # ------------------------------------------------------------ the rest

    def count(self, values: np.ndarray) -> tuple:
        """What one chunk (draws × months) adds; reads nothing shared but the brackets."""
        out = [np.isnan(values).sum(axis=0)]
        for lo, hi in zip(self._lo, self._hi):
            inside = (values > lo) & (values < hi)
            months = np.nonzero(inside)[1].astype(np.int16)
            out.append(((values < lo).sum(axis=0), (values == lo).sum(axis=0),
                        ((values == hi) & (hi != lo)).sum(axis=0), months, values[inside]))
        return tuple(out)

    def add(self, counted: tuple) -> None:
        self._nan += counted[0]
        for j, (below, at_lo, at_hi, months, values) in enumerate(counted[1:]):
            self._below[j] += below
            self._at_lo[j] += at_lo
            self._at_hi[j] += at_hi
            if values.size:
                self._inside[j].append((months, values))

    # ------------------------------------------------------------ the answer

    def result(self) -> tuple[dict, list]:
        """({p: one value a month}, months whose ranks fell outside a bracket).

        Missed months hold NaN; the caller recomputes them with every draw."""
        if not self.streaming:
            return dict(zip(self.percentiles, np.percentile(self._store, self.percentiles, axis=1))), []
        lower, upper, gamma = ranks(self.n, self.percentiles)
        bands, missed = {}, np.zeros(self.m, dtype=bool)
        for j, p in enumerate(self.percentiles):
            pieces = self._inside[j]
            months = np.concatenate([a for a, _ in pieces]) if pieces else np.zeros(0, dtype=np.int16)
            values = np.concatenate([b for _, b in pieces]) if pieces else np.zeros(0)
            values = values[np.lexsort((values, months))]          # by month, then value
            starts = np.searchsorted(np.sort(months), np.arange(self.m + 1))
            a, b = self._at(j, values, starts, lower[j]), self._at(j, values, starts, upper[j])
            missed |= (self._nan == 0) & (np.isnan(a) | np.isnan(b))
            band = lerp(a, b, gamma[j])
            band[self._nan > 0] = np.nan                 # numpy.percentile: NaN where a value is NaN
            bands[p] = band
        return bands, [int(t) for t in np.nonzero(missed)[0]]

    def _at(self, j: int, values: np.ndarray, starts: np.ndarray, rank: int) -> np.ndarray:
        """A month's value at ``rank`` among all draws (sorted), or NaN outside its bracket:
        below the bracket, at its lower end, inside (``values[starts[t]:starts[t+1]]``),
        at its upper end."""
        k = rank - self._below[j]
        k_in = k - self._at_lo[j]
        inside = np.diff(starts)
        k_hi = k_in - inside
        at = values[np.clip(starts[:-1] + k_in, 0, max(len(values) - 1, 0))] if len(values) else np.zeros(self.m)
        out = np.where(k_in < inside, at, np.where(k_hi < self._at_hi[j], self._hi[j], np.nan))
        out = np.where(k < self._at_lo[j], self._lo[j], out)
        return np.where(k < 0, np.nan, out)
