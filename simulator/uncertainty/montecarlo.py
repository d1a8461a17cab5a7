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
   Draws go through in chunks of ``CHUNK_CELLS`` draws × rows × months.

KPIs per draw are computed here in vectorised form with the definitions of
``kpis.py`` (a test checks them against ``compute_kpis`` draw by draw).

Memory budget: a run's peak resident memory grows by at most
``MEMORY_BUDGET_MB`` = 250 MB for any number of draws the scenario allows
(up to 200 000) over up to 120 months, with up to four threads. Measured on
the Varkaus pilot over 120 months (``benchmarks/uncertainty.py``), two
threads: 45 MB at 10 000 draws, 95 MB at 50 000, 164 MB at 200 000 (218 MB
with four threads); before the chunked reduction: 261 MB, 669 MB, 2.2 GB.
What a run holds:

- each thread's chunk, ~32 MB (the engine's working arrays for
  ``CHUNK_CELLS`` = 125 000 draws × rows × months);
- per draw, a few floats: its 13 KPIs, its drawn values and its first
  month of negative cash (~0.3 kB a draw: 60 MB at 200 000 draws). The KPI
  percentiles, means and the break-even distribution are computed from them
  exactly;
- the fan chart (P10/P50/P90 of closing cash a month): ``bands.MonthlyBands``
  keeps every draw's months up to ``bands.STORE_CELLS`` (20 000 draws of
  120 months, 19 MB; then ``MonteCarloResult.closing_cash`` holds them),
  beyond that the first 20 000 as a pilot plus, per band and month, the
  draws inside a bracket around it (~0.2 kB a draw). The bands are still
  exactly ``numpy.percentile`` over all draws (see bands.py).

Every chunk's monthly columns are reduced to these as soon as it is done.
Results do not depend on the chunk size beyond floating-point rounding:
with chunks four times smaller than before (500 000 → 125 000 cells) the
Varkaus pilot's results at 10 000, 50 000 and 200 000 draws are bit for bit the
same as before; in the tests' wider distributions single draws moved by
< 10⁻¹⁰ € and every rounded figure (``to_dict``) stayed the same.
"""
from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

import numpy as np

from simulator.model.conventions import monthly_rate
from simulator.engine.projection import project_columns
from simulator.engine.kpis import break_even_indices, organisation_columns
from simulator.model.parameters import ParameterSet
from simulator.model.paths import AssumptionError, with_values
from simulator.uncertainty.bands import MonthlyBands
from simulator.uncertainty.variants import (MonteCarloError, check_variant, classify, continuous_values,
                                            structural_code, structural_value, within_limits)
from simulator.uncertainty.sampling import draw_base, sample
from simulator.model.paths import uncertainty_problems as problems

PERCENTILES = (5, 10, 25, 50, 75, 90, 95)
FAN = (10, 50, 90)
KPI_NAMES = ("npv", "min_cash", "closing_cash", "total_result", "total_revenue", "total_subsidies",
             "total_costs", "paid_hours", "cost_per_paid_hour", "subsidy_share", "break_even_months")
WORKERS = max(1, min(4, os.cpu_count() or 1))
CHUNK_CELLS = 125_000     # draws × rows × months per engine call (1 MB an array; ~32 MB of working set a thread)
MEMORY_BUDGET_MB = 250    # peak RSS growth of a run (see above; tests/test_montecarlo.py checks it)
NEVER = "never"


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
    closing_cash: np.ndarray | None = field(default=None, repr=False)   # draws × months (None: too many)

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
KPI_KEPT = KPI_NAMES + ("min_cash_index", "break_even_index")   # kept per draw (``MonteCarloResult.kpis``)


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


def _tasks(scenario, structural, combos, inverse, chunk: int, pilot: int) -> tuple[list, list]:
    """(pilot tasks, other tasks): ``(changes, draw indices)`` a chunk, one
    variant (combination of structural values) a task, each variant checked
    once. The pilot tasks hold the draws below ``pilot`` (all of them when
    ``pilot`` is the number of draws)."""
    first, rest = [], []
    for g, combo in enumerate(combos):
        changes = {d.assumption: structural_value(scenario, d, kind, combo[k])
                   for k, (i, d, kind) in enumerate(structural)}
        if changes:
            check_variant(scenario, changes)
        idx = np.nonzero(inverse == g)[0]
        cut = np.searchsorted(idx, pilot)
        for part, into in ((idx[:cut], first), (idx[cut:], rest)):
            into += [(changes, part[start:start + chunk]) for start in range(0, len(part), chunk)]
    return first, rest


def _in_parallel(pool, fn, tasks, on_result) -> None:
    """``on_result(fn(task))`` for every task, the calls to ``fn`` side by side
    in ``pool``, ``on_result`` in this thread. An error in either (e.g.
    Streamlit stopping the script in a progress call) cancels the tasks not started."""
    try:
        for finished in as_completed([pool.submit(fn, t) for t in tasks]):
            on_result(finished.result())
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise


def _kpi_summary(k: dict, n: int, labels_org: list) -> tuple[dict, dict, dict]:
    """(break-even distribution, KPI percentiles, KPI means) from the per-draw KPIs."""
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
    return ordered, kp, means


def run_montecarlo(scenario, params: ParameterSet | None = None, draws: int | None = None,
                   seed: int | None = None, progress=None, workers: int | None = None) -> MonteCarloResult:
    """Run ``draws`` projections of ``scenario`` with its distributions.
    ``progress(fraction)`` is called as chunks finish; ``workers`` threads
    (default: one a CPU) compute chunks side by side.

    Memory (see the module docstring): per draw only its KPIs, drawn values
    and first negative month are kept; each chunk's monthly columns are
    reduced to those and to the fan chart's counts (``bands.MonthlyBands``)
    as soon as the chunk is done."""
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
        structural, continuous, metas = classify(scenario, u)
    except AssumptionError as exc:
        raise MonteCarloError("uncertainty.distributions", str(exc), str(exc)) from None
    base_draws = draw_base(u, n, np.random.default_rng(seed))
    drawn = {i: sample(d, *base_draws[i]) for i, d, _ in structural + continuous}
    del base_draws

    # group the draws by their combination of structural values
    if structural:
        codes = np.column_stack([structural_code(d, drawn[i]) for i, d, _ in structural])
        combos, inverse = np.unique(codes, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        del codes
    else:
        combos, inverse = np.zeros((1, 0)), np.zeros(n, dtype=np.int64)
    cont_values = {d.assumption: within_limits(metas[i], continuous_values(d, drawn[i]))
                   for i, d, _ in continuous}
    del drawn

    m = scenario.horizon_months
    base = project(scenario, params)
    labels_org = organisation_columns(base.columns, base.month_labels, scenario)[1]
    drawn_rate = next((cont_values[d.assumption] for i, d, _ in continuous
                       if metas[i].path == "assumptions.discount_rate"), None)
    rows = max(1, len(scenario.people) * (2 if scenario.pipeline else 1) + len(scenario.staff))
    bands = MonthlyBands(n, m, FAN)
    pilot_tasks, other_tasks = _tasks(scenario, structural, combos, inverse,
                                      max(1, CHUNK_CELLS // (rows * m)), bands.pilot)
    k = {name: np.empty(n, dtype=np.int64 if name.endswith("_index") else float) for name in KPI_KEPT}
    first_negative = np.empty(n, dtype=np.int64)
    done = 0

    def cash_of(task):
        """The chunk's draw indices and their monthly columns (draws × months each)."""
        changes, part = task
        batch = {path: vals[part].reshape(-1, 1) for path, vals in cont_values.items()}
        sc = with_values(scenario, {**batch, **changes}) if batch or changes else scenario
        col, _ = project_columns(sc, params, checks=False)
        return part, {key: np.ascontiguousarray(np.broadcast_to(col[key], (len(part), m))) for key in NEEDED}

    def run(task):
        """One chunk: its KPIs and first negative month (each task writes its own
        draws' entries) and its closing cash, which the caller reduces."""
        part, cols = cash_of(task)
        # the KPIs count the months from the organisation's founding month (kpis.organisation_columns)
        org = organisation_columns(cols, base.month_labels, scenario)[0]
        rate = scenario.assumptions.discount_rate if drawn_rate is None else drawn_rate[part]
        for name, values in batch_kpis(org, rate).items():
            if name in k:
                k[name][part] = values
        negative = cols["closing_cash"] < 0
        first_negative[part] = np.where(negative.any(axis=1), negative.argmax(axis=1), m)
        return part, cols["closing_cash"]

    def counted(task):
        part, cash = run(task)
        return len(part), bands.count(cash)

    def kept(result):
        part, cash = result
        bands.keep(part, cash)
        report(len(part))

    def added(result):
        size, counts = result
        bands.add(counts)
        report(size)

    def report(size):
        nonlocal done
        done += size
        if progress is not None:
            progress(done / n)

    # numpy releases the GIL in its array operations: chunks run side by side
    # on the machine's cores; progress is reported from this thread (the
    # caller's: Streamlit calls are safe in it).
    with ThreadPoolExecutor(max_workers=workers or WORKERS) as pool:
        _in_parallel(pool, run, pilot_tasks, kept)
        if bands.streaming:
            bands.open()
            _in_parallel(pool, counted, other_tasks, added)
        fan, missed = bands.result()
        if missed:   # a rank outside its bracket (see bands.py): those months again, every draw kept
            whole = np.empty((len(missed), n))

            def keep_missed(result):
                part, cols = result
                whole[:, part] = cols["closing_cash"][:, missed].T
            _in_parallel(pool, cash_of, pilot_tasks + other_tasks, keep_missed)
            for p, values in zip(FAN, np.percentile(whole, FAN, axis=1)):
                fan[p][missed] = values

    prob_by = np.bincount(first_negative, minlength=m + 1)[:m].cumsum() / n
    be_dist, kp, means = _kpi_summary(k, n, labels_org)
    samples = dict(cont_values)
    for k_, (i, d, kind) in enumerate(structural):
        samples[d.assumption] = np.array([structural_value(scenario, d, kind, c) for c in combos[:, k_]],
                                         dtype=object)[inverse]
    return MonteCarloResult(
        draws=n, seed=seed, month_labels=base.month_labels,
        cash_percentiles=fan,
        prob_cash_negative=float((first_negative < m).mean()),
        prob_negative_by=prob_by,
        break_even_distribution=be_dist,
        kpi_percentiles=kp, kpi_means=means, deterministic=base.kpis,
        samples=samples, kpis=k, closing_cash=bands.kept)
