"""Sampling for Monte Carlo: standard normals and uniforms per distribution
(Gaussian copula for correlated ones) and each distribution's values from them.
One ``numpy.random.Generator``: the same seed gives the same draws."""
from __future__ import annotations

from statistics import NormalDist

import numpy as np

from simulator.model.uncertainty_spec import Choice, Normal, Triangular, Uniform, correlation_matrix

_STD = NormalDist()
_cdf = np.vectorize(_STD.cdf, otypes=[float])
_inv_cdf = np.vectorize(_STD.inv_cdf, otypes=[float])


def draw_base(u, n: int, rng: np.random.Generator) -> list:
    """Per distribution, its standard normals ``z`` and uniforms ``u``.

    Distributions named in ``correlations`` share a Gaussian copula:
    ``z = e · Lᵀ`` with ``L Lᵀ`` the correlation matrix, and ``u = Φ(z)``.
    The others take independent uniforms directly (no Φ needed)."""
    k = len(u.distributions)
    e = rng.standard_normal((n, k))
    uniforms = rng.random((n, k))
    linked = {c.a for c in u.correlations} | {c.b for c in u.correlations}
    if linked:
        vals, vecs = np.linalg.eigh(correlation_matrix(u))
        e = e @ (vecs * np.sqrt(np.clip(vals, 0.0, None))).T
    out = []
    for i, d in enumerate(u.distributions):
        if d.assumption in linked:
            out.append((e[:, i], np.clip(_cdf(e[:, i]), 1e-15, 1 - 1e-15)))
        else:
            out.append((e[:, i], np.clip(uniforms[:, i], 1e-15, 1 - 1e-15)))
    return out


def sample(dist, z: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Values of one distribution from its standard normals ``z`` and the
    matching uniforms ``u``. Choices return the index of the chosen value."""
    if isinstance(dist, Normal):
        if dist.low is None and dist.high is None or dist.sd == 0:
            x = dist.mean + dist.sd * z
        else:
            lo = 0.0 if dist.low is None else _STD.cdf((dist.low - dist.mean) / dist.sd)
            hi = 1.0 if dist.high is None else _STD.cdf((dist.high - dist.mean) / dist.sd)
            x = dist.mean + dist.sd * _inv_cdf(np.clip(lo + (hi - lo) * u, 1e-15, 1 - 1e-15))
        lo_b = -np.inf if dist.low is None else dist.low
        hi_b = np.inf if dist.high is None else dist.high
        return np.clip(x, lo_b, hi_b)
    if isinstance(dist, Uniform):
        return dist.low + (dist.high - dist.low) * u
    if isinstance(dist, Triangular):
        a, c, b = dist.low, dist.mode, dist.high
        if b == a:
            return np.full_like(u, a)
        f = (c - a) / (b - a)
        return np.where(u < f, a + np.sqrt(u * (b - a) * (c - a)), b - np.sqrt((1 - u) * (b - a) * (b - c)))
    if isinstance(dist, Choice):
        edges = np.cumsum(dist.probabilities)
        edges[-1] = np.inf
        return np.searchsorted(edges, u, side="right")
    raise TypeError(type(dist))
