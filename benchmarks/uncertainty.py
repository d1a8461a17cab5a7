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
Run: ``.venv/bin/python benchmarks/uncertainty.py``.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.engine.projection import project  # noqa: E402
from simulator.model.parameters import ParameterSet  # noqa: E402
from simulator.model.loader import load
from simulator.model.paths import with_values  # noqa: E402
from simulator.uncertainty.montecarlo import WORKERS, run_montecarlo  # noqa: E402

DRAWS = 10_000


def scenario_120():
    s = load(ROOT / "scenarios" / "varkaus_cooperative.yaml")
    return s.model_copy(update={"horizon_months": 120})


def draw_values(result, j: int) -> dict:
    out = {}
    for path, values in result.samples.items():
        v = values[j]
        out[path] = float(v) if isinstance(v, (float, np.floating)) else v
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loop", type=int, default=1000, help="draws for the loop baseline (scaled to 10 000)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
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


if __name__ == "__main__":
    main()
