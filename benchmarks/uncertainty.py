"""Monte Carlo benchmark (issue #7): draws per second for one 120-month
scenario, the time for 10 000 draws, and the ratio against running the
deterministic engine once per draw in a loop, all measured in this run.

The scenario is the Varkaus pilot stretched to 120 months with its own
``uncertainty`` section: eight distributions (prices, billable share,
volume, two members' hours, wage growth, an overhead, and a choice of when
M6 moves to paid work, "never" included) and one correlation. The loop
baseline projects the very same draws one by one with ``engine.project``;
it is timed on ``--loop`` draws (default 1 000) and scaled to 10 000, or
run in full with ``--loop 10000``.

The vectorised run is timed with one thread and with the default (one
thread a CPU, numpy releasing the GIL); the loop baseline is one thread.
Targets on this machine: 10 000 draws under 1 s; at least 50× the loop.

Memory (issue #17): each of 10 000, 50 000 and 200 000 draws of the same
scenario runs in a fresh process, which reports how much its peak resident
memory grew over the run (Linux ``VmHWM``, reset before the run), after a
warm-up run of 200 draws; printed beside the budget
``montecarlo.MEMORY_BUDGET_MB``. ``--memory-only`` skips the timings,
``--no-memory`` the memory runs.
Run: ``.venv/bin/python benchmarks/uncertainty.py``.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.engine.projection import project  # noqa: E402
from simulator.model.parameters import ParameterSet  # noqa: E402
from simulator.model.loader import load  # noqa: E402
from simulator.model.problems import validate  # noqa: E402
from simulator.model.paths import with_values  # noqa: E402
from simulator.uncertainty.montecarlo import MEMORY_BUDGET_MB, WORKERS, run_montecarlo  # noqa: E402

DRAWS = 10_000
MEMORY_DRAWS = (10_000, 50_000, 200_000)


def scenario_120():
    s = load(ROOT / "scenarios" / "varkaus_cooperative.yaml")
    return s.model_copy(update={"horizon_months": 120})


def draw_values(result, j: int) -> dict:
    out = {}
    for path, values in result.samples.items():
        v = values[j]
        out[path] = float(v) if isinstance(v, (float, np.floating)) else v
    return out


def small_scenario():
    """One person over 120 months with three distributions (a price, a phase
    start with "never", the discount rate): the most draws and months a
    scenario allows at a fraction of the pilot's time (tests/test_montecarlo.py)."""
    d = load(ROOT / "scenarios" / "varkaus_cooperative.yaml").model_dump(mode="python")
    d["people"] = [p for p in d["people"] if p["id"] == "M6"]
    d["staff"], d["horizon_months"] = [], 120
    d["uncertainty"] = {"seed": 3, "draws": 10, "distributions": [
        {"assumption": "revenue[Siivous- ja kiinteistöpalvelut].price", "kind": "triangular",
         "low": 20, "mode": 26, "high": 31},
        {"assumption": "people[M6].phases[1].start", "kind": "choice", "values": ["2023-08", "2022-11", None],
         "probabilities": [0.4, 0.3, 0.3]},
        {"assumption": "assumptions.discount_rate", "kind": "uniform", "low": 0.0, "high": 0.08}]}
    return validate(d, "small")


def _status_mb(key: str) -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(key + ":")) / 1024


def peak_growth_mb(fn) -> tuple[float, float]:
    """(growth of peak RSS over ``fn()`` in MB, RSS before). Linux: the peak
    (VmHWM) is reset to the current RSS first. ``ru_maxrss`` would not do: a
    process started by another inherits that process's peak through exec."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        before = _status_mb("VmRSS")
        fn()
        return _status_mb("VmHWM") - before, before
    except OSError:   # no /proc: the peak since this process started
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        fn()
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before, before


def peak_growth_child(draws: int, small: bool, workers: int | None) -> None:
    """In a fresh process: the growth of peak RSS over one run of ``draws``, as JSON."""
    params, s = ParameterSet.load(), (small_scenario() if small else scenario_120())
    run_montecarlo(s, params, draws=200, workers=workers)
    out = {}

    def one():
        t = time.perf_counter()
        r = run_montecarlo(s, params, draws=draws, workers=workers)
        out.update(seconds=time.perf_counter() - t, kept=r.closing_cash is not None,
                   p50=float(r.cash_percentiles[50][-1]), prob=r.prob_cash_negative)
    growth, base = peak_growth_mb(one)
    print(json.dumps({"growth_mb": growth, "base_mb": base, **out}))


def memory() -> None:
    print(f"peak memory growth of one run (fresh process each, {WORKERS} threads), "
          f"budget {MEMORY_BUDGET_MB} MB:")
    for draws in MEMORY_DRAWS:
        done = subprocess.run([sys.executable, __file__, "--child-memory", str(draws)],
                              capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"  {draws:>7,} draws: {r['growth_mb']:6.0f} MB over {r['base_mb']:.0f} MB "
              f"({r['seconds']:.1f} s) — {'met' if r['growth_mb'] <= MEMORY_BUDGET_MB else 'MISSED'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loop", type=int, default=1000, help="draws for the loop baseline (scaled to 10 000)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--memory-only", action="store_true", help="only the memory runs")
    ap.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    ap.add_argument("--child-memory", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--small", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_memory is not None:
        peak_growth_child(args.child_memory, args.small, args.workers)
        return
    if args.memory_only:
        memory()
        return
    params = ParameterSet.load()
    s = scenario_120()
    print(f"scenario: {s.name}, {s.horizon_months} months, {len(s.people)} people, "
          f"{len(s.uncertainty.distributions)} distributions, {len(s.uncertainty.correlations)} correlation(s)")
    run_montecarlo(s, params, draws=200)  # warm caches (parameter series, imports)

    def timed(workers):
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            res = run_montecarlo(s, params, draws=DRAWS, workers=workers)
            times.append(time.perf_counter() - t)
        return statistics.median(times), min(times), res

    single, single_min, _ = timed(1)
    mc, mc_min, result = timed(None)
    n_loop = min(args.loop, DRAWS)
    t = time.perf_counter()
    for j in range(n_loop):
        project(with_values(s, draw_values(result, j)), params)
    per_draw = (time.perf_counter() - t) / n_loop
    loop = per_draw * DRAWS
    print(f"Monte Carlo, {DRAWS} draws, one thread: median {single:.3f} s of {args.repeat} (min {single_min:.3f} s)")
    print(f"Monte Carlo, {DRAWS} draws, {WORKERS} threads (default): median {mc:.3f} s (min {mc_min:.3f} s)"
          f" — target < 1 s: {'met' if mc < 1 else 'MISSED'}")
    print(f"draws per second: {DRAWS / mc:,.0f}")
    print(f"loop of engine.project: {per_draw * 1000:.2f} ms a draw, measured on {n_loop} draws"
          f" → {loop:.1f} s for {DRAWS}")
    ratio = loop / mc
    print(f"ratio loop / vectorised, one thread: {loop / single:.1f}×")
    print(f"ratio loop / vectorised, default: {ratio:.1f}× — target ≥ 50×: {'met' if ratio >= 50 else 'MISSED'}")
    print(f"P(cash < 0 in the first 24 months): {result.prob_negative_within(24):.3f}; "
          f"NPV P10/P50/P90: {result.kpi_percentiles['npv'][10]:,.0f} / "
          f"{result.kpi_percentiles['npv'][50]:,.0f} / {result.kpi_percentiles['npv'][90]:,.0f} €")
    if not args.no_memory:
        memory()


if __name__ == "__main__":
    main()
