"""Monte Carlo over a scenario's ``uncertainty.distributions``.

How the draws are computed, fast and exactly like the deterministic engine:

1. Sampling. Every distribution gets one standard normal ``z`` per draw;
   given correlations mix them (Gaussian copula: ``z = e · Lᵀ``, ``L Lᵀ``
   the correlation matrix). A normal becomes ``mean + sd·z``; truncated
   normals, uniform, triangular and choice go through their inverse CDF
   from ``u`` (``u = Φ(z)`` for correlated distributions, an independent
   uniform for the others). One seed, one ``numpy.random.Generator``: the
   same seed gives the same draws.
2. Structure. Draws that change the shape of the projection (a phase start
   month, "never", whole-month counts such as a payment delay) and an
   explicit palkkatuki rate or cap (``kind: choice`` only) are grouped:
   each distinct combination is a variant of the scenario, checked once.
   The person's-view fields (pensions, tax rate …) change no line of the
   projection and are refused.
3. Amounts. Within a variant, the continuous amounts (prices, hours, wages,
   overheads, rates) enter the one engine as arrays of shape ``(draws, 1)``;
   every line they reach gets a leading draws axis (``engine.project_columns``).
   Draws go through in chunks to bound memory.

KPIs per draw are computed here in vectorised form with the definitions of
``kpis.py`` (a test checks them against ``compute_kpis`` draw by draw).
"""
from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np

from simulator.model.conventions import monthly_rate
from simulator.engine.projection import project_columns
from simulator.engine.kpis import break_even_indices, organisation_columns
from simulator.model.parameters import ParameterSet
from simulator.model.paths import AssumptionError, describe, with_values
from simulator.model.uncertainty_spec import Choice, Normal, Triangular, Uniform, correlation_matrix
from simulator.model.paths import uncertainty_problems as problems

PERCENTILES = (5, 10, 25, 50, 75, 90, 95)
FAN = (10, 50, 90)
KPI_NAMES = ("npv", "min_cash", "closing_cash", "total_result", "total_revenue", "total_subsidies",
             "total_costs", "paid_hours", "cost_per_paid_hour", "subsidy_share", "break_even_months")
WORKERS = max(1, min(4, os.cpu_count() or 1))
CHUNK_CELLS = 500_000     # draws × rows × months per engine call (4 MB an array: stays in cache)
NEVER = "never"


class MonteCarloError(ValueError):
    """A problem with the distributions, in English and Finnish, naming the field."""

    def __init__(self, path: str, en: str, fi: str):
        super().__init__(f"{path}: {en} / {fi}")
        self.path, self.en, self.fi = path, en, fi


@dataclass
class MonteCarloResult:
    """Percentiles and probabilities from ``draws`` runs of one scenario."""
    draws: int
    seed: int
    month_labels: list
    cash_percentiles: dict            # {10: array, 50: array, 90: array} of closing cash a month
    prob_cash_negative: float         # P(closing cash < 0 in some month of the horizon)
    prob_negative_by: np.ndarray      # P(closing cash < 0 in some month ≤ t), one value a month
    break_even_distribution: dict     # month label or None (never) -> probability
    kpi_percentiles: dict             # kpi -> {5: v, 10: v, …, 95: v}
    kpi_means: dict
    deterministic: dict               # the KPIs of the scenario as written
    samples: dict = field(default_factory=dict, repr=False)   # assumption path -> drawn values
    kpis: dict = field(default_factory=dict, repr=False)      # kpi -> one value a draw
    closing_cash: np.ndarray | None = field(default=None, repr=False)   # draws × months

    def prob_negative_within(self, months: int) -> float:
        """P(cash < 0 in the first ``months`` months)."""
        if months <= 0:
            return 0.0
        return float(self.prob_negative_by[min(months, len(self.prob_negative_by)) - 1])

    def to_dict(self) -> dict:
        r2 = lambda x: None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 2)
        return {
            "draws": self.draws, "seed": self.seed,
            "prob_cash_negative": round(self.prob_cash_negative, 6),
            "prob_cash_negative_first_24_months": round(self.prob_negative_within(24), 6),
            "months": [{"month": m, **{f"p{p}": r2(self.cash_percentiles[p][i]) for p in FAN},
                        "prob_negative_by": round(float(self.prob_negative_by[i]), 6)}
                       for i, m in enumerate(self.month_labels)],
            "break_even_distribution": [{"month": k, "probability": round(v, 6)}
                                        for k, v in self.break_even_distribution.items()],
            "kpi_percentiles": {k: {f"p{p}": r2(v) for p, v in d.items()} for k, d in self.kpi_percentiles.items()},
            "kpi_means": {k: r2(v) for k, v in self.kpi_means.items()},
            "deterministic": self.deterministic,
        }


# --------------------------------------------------------------------------
# sampling

_STD = NormalDist()
_cdf = np.vectorize(_STD.cdf, otypes=[float])
_inv_cdf = np.vectorize(_STD.inv_cdf, otypes=[float])


def _draw_base(u, n: int, rng: np.random.Generator) -> list:
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


# --------------------------------------------------------------------------
# structure and amounts

_GROUPED = (".palkkatuki.rate", ".palkkatuki.monthly_cap")   # read per phase when the roster is built


def _check_numbers(i: int, d) -> None:
    """A choice over a number takes numbers only."""
    for j, v in enumerate(d.values):
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            raise MonteCarloError(f"uncertainty.distributions[{i}].values[{j}]",
                                  f"expected a number for {d.assumption}, got {v!r}",
                                  f"odotettiin lukua oletukselle {d.assumption}, saatiin {v!r}")


def _classify(scenario, u):
    """(structural, continuous) lists of (index, distribution, kind) and the
    description (canonical path, limits) of each distribution's assumption."""
    structural, continuous, metas = [], [], {}
    for i, d in enumerate(u.distributions):
        meta = describe(scenario, d.assumption)   # raises AssumptionError for an unknown name
        metas[i] = meta
        if not meta.affects_engine:
            raise MonteCarloError(f"uncertainty.distributions[{i}].assumption",
                                  f"{meta.path} changes no line of the cash flow, only the person's own net "
                                  f"income, which Monte Carlo does not compute (use the tornado with net_income:<person>)",
                                  f"{meta.path} ei muuta kassavirtaa, vain henkilön omia nettotuloja, joita Monte Carlo ei laske "
                                  f"(käytä herkkyysanalyysia tunnusluvulla net_income:<henkilö>)")
        if meta.kind == "month":
            if not isinstance(d, Choice):
                raise MonteCarloError(f"uncertainty.distributions[{i}].kind",
                                      "a start month takes kind: choice (months or null for never)",
                                      "alkukuukaudelle käy vain kind: choice (kuukausia tai null = ei koskaan)")
            for j, v in enumerate(d.values):
                if v is not None and not isinstance(v, str):
                    raise MonteCarloError(f"uncertainty.distributions[{i}].values[{j}]",
                                          f"expected a month YYYY-MM or null, got {v!r}",
                                          f"odotettiin kuukautta VVVV-KK tai null, saatiin {v!r}")
            structural.append((i, d, "month"))
            continue
        if isinstance(d, Choice):
            _check_numbers(i, d)
        if meta.path.endswith(_GROUPED):
            if not isinstance(d, Choice):
                raise MonteCarloError(f"uncertainty.distributions[{i}].kind",
                                      "a palkkatuki rate or cap takes kind: choice (a few values with probabilities)",
                                      "palkkatuen osuudelle tai katolle käy vain kind: choice (muutama arvo "
                                      "todennäköisyyksineen)")
            structural.append((i, d, "value"))
        elif meta.integer:
            structural.append((i, d, "integer"))
        else:
            continuous.append((i, d, "continuous"))
    return structural, continuous, metas


def _within_limits(meta, values: np.ndarray) -> np.ndarray:
    """Draws beyond the field's own limits (negative hours, a share above 1)
    are set to the limit, as the scenario file itself could not hold them."""
    lo = -np.inf if meta.minimum is None else meta.minimum
    hi = np.inf if meta.maximum is None else meta.maximum
    return np.clip(values, lo, hi)


def _structural_code(d, drawn: np.ndarray) -> np.ndarray:
    """What identifies a draw's variant: the chosen index, or the whole number."""
    return drawn.astype(float) if isinstance(d, Choice) else np.round(drawn)


def _structural_value(scenario, d, kind: str, code: float):
    if kind == "month":
        return d.values[int(code)]   # None: "never" (the phase is dropped, the one before goes on)
    if kind == "value":
        return float(d.values[int(code)])
    return int(round(float(d.values[int(code)]))) if isinstance(d, Choice) else int(code)


def _continuous_values(d, drawn: np.ndarray) -> np.ndarray:
    if isinstance(d, Choice):
        return np.asarray(d.values, dtype=float)[drawn.astype(int)]
    return drawn


def _check_variant(scenario, changes: dict) -> None:
    """Check that one combination of structural values gives a valid scenario."""
    from simulator.model.problems import ScenarioError, validate
    sc = with_values(scenario, changes).model_copy(update={"uncertainty": None})
    try:
        validate(sc.model_dump(mode="python"), "<Monte Carlo>")
    except ScenarioError as exc:
        first = exc.problems[0] if getattr(exc, "problems", None) else ("", str(exc), str(exc))
        which = ", ".join(f"{p} = {v}" for p, v in changes.items())
        raise MonteCarloError("uncertainty.distributions",
                              f"the draw {which} makes the scenario invalid: {first[0]}: {first[1]}",
                              f"arvonta {which} tekee skenaariosta virheellisen: {first[0]}: {first[2]}") from None


# --------------------------------------------------------------------------
# KPIs, vectorised over draws (definitions as in kpis.py)

def batch_kpis(col: dict, discount_rate) -> dict:
    """KPI arrays (one value a draw) from draws × months columns."""
    cash = col["closing_cash"]
    ncf = col["net_cash_flow"]
    n, m = cash.shape
    r = monthly_rate(np.asarray(discount_rate, dtype=float))
    disc = (1.0 + np.reshape(r, (-1, 1))) ** -np.arange(1, m + 1)
    hours = col["paid_hours"].sum(axis=-1)
    subsidies = col["subsidies"].sum(axis=-1)
    income = col["revenue"].sum(axis=-1) + subsidies
    costs = col["costs"].sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_hour = np.where(hours > 0, costs / np.where(hours > 0, hours, 1.0), np.nan)
        share = np.where(income > 0, subsidies / np.where(income > 0, income, 1.0), np.nan)
    be = break_even_indices(col["cumulative_result"])
    return {
        "npv": (ncf * disc).sum(axis=-1),
        "min_cash": cash.min(axis=-1),
        "min_cash_index": cash.argmin(axis=-1),
        "closing_cash": cash[:, -1],
        "total_result": col["result"].sum(axis=-1),
        "total_revenue": col["revenue"].sum(axis=-1),
        "total_subsidies": subsidies,
        "total_costs": costs,
        "paid_hours": hours,
        "cost_per_paid_hour": per_hour,
        "subsidy_share": share,
        "break_even_index": be,
        "break_even_months": np.where(be >= 0, be + 1.0, np.nan),   # months from the start, NaN = never
    }


NEEDED = ("closing_cash", "net_cash_flow", "cumulative_result", "result", "revenue", "subsidies",
          "costs", "paid_hours")


# --------------------------------------------------------------------------
# the run

_HEAP_TUNED = False


def keep_arrays_on_the_heap() -> None:
    """Let numpy's temporary arrays reuse heap memory (glibc only; no-op elsewhere).

    Every numpy operation allocates a fresh array. Above glibc's mmap threshold
    each one is mapped from the kernel and page-faulted in anew, which costs
    more than the arithmetic on a chunk of draws (measured: ~100 → ~57 µs a
    draw). Raising the threshold once keeps such blocks on the heap; a chunk
    holds at most a few tens of MB, which stays reserved for the process.
    """
    global _HEAP_TUNED
    if _HEAP_TUNED:
        return
    _HEAP_TUNED = True
    try:
        import ctypes  # noqa: PLC0415
        libc = ctypes.CDLL("libc.so.6")
        m_trim_threshold, m_top_pad, m_mmap_threshold = -1, -2, -3
        libc.mallopt(m_mmap_threshold, 32 * 2**20)
        libc.mallopt(m_trim_threshold, 256 * 2**20)
        libc.mallopt(m_top_pad, 16 * 2**20)
    except (OSError, AttributeError):
        pass


def run_montecarlo(scenario, params: ParameterSet | None = None, draws: int | None = None,
                   seed: int | None = None, progress=None, workers: int | None = None) -> MonteCarloResult:
    """Run ``draws`` projections of ``scenario`` with its distributions.
    ``progress(fraction)`` is called as chunks finish; ``workers`` threads
    (default: one a CPU) compute chunks side by side."""
    from simulator.engine.projection import project  # noqa: PLC0415
    keep_arrays_on_the_heap()
    params = params or ParameterSet.load()
    u = scenario.uncertainty
    if u is None:
        from simulator.model.uncertainty_spec import Uncertainty  # noqa: PLC0415
        u = Uncertainty()
    n = int(draws if draws is not None else u.draws)
    seed = int(seed if seed is not None else u.seed)
    if n < 1:
        raise MonteCarloError("draws", "the number of draws must be at least 1", "arvontoja pitää olla vähintään 1")
    stale = problems(scenario)
    if stale:
        path, en, fi = stale[0]
        raise MonteCarloError(path, en, fi)
    try:
        structural, continuous, metas = _classify(scenario, u)
    except AssumptionError as exc:
        raise MonteCarloError("uncertainty.distributions", str(exc), str(exc)) from None
    base_draws = _draw_base(u, n, np.random.default_rng(seed))
    drawn = {i: sample(d, *base_draws[i]) for i, d, _ in structural + continuous}

    # group the draws by their combination of structural values
    if structural:
        codes = np.column_stack([_structural_code(d, drawn[i]) for i, d, _ in structural])
        combos, inverse = np.unique(codes, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
    else:
        combos, inverse = np.zeros((1, 0)), np.zeros(n, dtype=np.int64)

    m = scenario.horizon_months
    out = {k: np.empty((n, m)) for k in NEEDED}
    rows = max(1, len(scenario.people) * (2 if scenario.pipeline else 1) + len(scenario.staff))
    chunk = max(1, CHUNK_CELLS // (rows * m))
    done = 0
    cont_values = {d.assumption: _within_limits(metas[i], _continuous_values(d, drawn[i]))
                   for i, d, _ in continuous}
    tasks = []
    for g, combo in enumerate(combos):
        changes = {d.assumption: _structural_value(scenario, d, kind, combo[k])
                   for k, (i, d, kind) in enumerate(structural)}
        if changes:
            _check_variant(scenario, changes)
        idx = np.nonzero(inverse == g)[0]
        tasks += [(changes, idx[start:start + chunk]) for start in range(0, len(idx), chunk)]

    def run(task):
        changes, part = task
        batch = {path: vals[part].reshape(-1, 1) for path, vals in cont_values.items()}
        sc = with_values(scenario, {**batch, **changes}) if batch or changes else scenario
        col, _ = project_columns(sc, params, checks=False)
        for key in NEEDED:   # each task writes its own draws' rows
            out[key][part] = np.broadcast_to(col[key], (len(part), m))
        return len(part)

    # numpy releases the GIL in its array operations: chunks run side by side
    # on the machine's cores; progress is reported from this thread (the
    # caller's: Streamlit calls are safe in it). An error in a chunk or in
    # ``progress`` (e.g. Streamlit stopping the script) cancels the chunks not started.
    with ThreadPoolExecutor(max_workers=workers or WORKERS) as pool:
        try:
            for finished in as_completed([pool.submit(run, t) for t in tasks]):
                done += finished.result()
                if progress is not None:
                    progress(done / n)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise

    base = project(scenario, params)
    drawn_rate = next((cont_values[d.assumption] for i, d, _ in continuous
                       if metas[i].path == "assumptions.discount_rate"), None)
    discount = scenario.assumptions.discount_rate if drawn_rate is None else drawn_rate
    # the KPIs count the months from the organisation's founding month (kpis.organisation_columns)
    org, labels_org = organisation_columns(out, base.month_labels, scenario)
    k = batch_kpis(org, discount)
    labels_m = base.month_labels
    cash = out["closing_cash"]
    negative = cash < 0
    first_negative = np.where(negative.any(axis=1), negative.argmax(axis=1), m)
    prob_by = np.bincount(first_negative, minlength=m + 1)[:m].cumsum() / n
    be = k["break_even_index"]
    values, counts = np.unique(be, return_counts=True)
    dist = {(None if v < 0 else labels_org[v]): c / n for v, c in zip(values, counts)}
    ordered = {key: dist[key] for key in [labels_org[v] for v in values if v >= 0] + ([None] if None in dist else [])}
    kp = {}
    means = {}
    for name in KPI_NAMES:
        arr = k[name]
        if name == "break_even_months":
            # "never" ranks above every month; percentiles are actual draws (nearest rank)
            q = np.percentile(np.where(np.isnan(arr), np.inf, arr), PERCENTILES, method="inverted_cdf")
            kp[name] = {p: (None if np.isinf(v) else float(v)) for p, v in zip(PERCENTILES, q)}
            means[name] = None if np.isnan(arr).any() else float(arr.mean())
            continue
        ok = arr[~np.isnan(arr)]
        q = np.percentile(ok, PERCENTILES) if ok.size else [None] * len(PERCENTILES)
        kp[name] = {p: (None if v is None else float(v)) for p, v in zip(PERCENTILES, q)}
        means[name] = float(ok.mean()) if ok.size else None
    samples = dict(cont_values)
    for k_, (i, d, kind) in enumerate(structural):
        samples[d.assumption] = np.array([_structural_value(scenario, d, kind, c) for c in combos[:, k_]],
                                         dtype=object)[inverse]
    return MonteCarloResult(
        draws=n, seed=seed, month_labels=labels_m,
        cash_percentiles=dict(zip(FAN, np.percentile(np.ascontiguousarray(cash.T), FAN, axis=1))),
        prob_cash_negative=float(negative.any(axis=1).mean()),
        prob_negative_by=prob_by,
        break_even_distribution=ordered,
        kpi_percentiles=kp, kpi_means=means, deterministic=base.kpis,
        samples=samples, kpis=k, closing_cash=cash)
