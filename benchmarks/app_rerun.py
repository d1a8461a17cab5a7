"""Server CPU of one rerun after a cell edit, in process (no browser).

The whole app (``app.py``) runs in Streamlit's ``AppTest`` on the Skenaario
page of the Varkaus pilot; each edit writes a new weekly-hours value into
the Palkkatyö data editor's state (what the browser sends) and reruns the
script. ``time.process_time()`` around each rerun is the CPU the process
spent on it (the script thread and AppTest's own reading of the result,
which a real server does not do: the figure is a little high).

AppTest always reruns the whole page: in a browser an edit reruns only the
Scenario page's ``live_editor`` fragment (the editors and the live figures),
so this is an upper bound of what an edit costs; ``benchmarks/app_load.py``
measures the server itself. Prints the median and p95 CPU ms per edit
rerun, the same for a rerun with no edit, and the engine's CPU time per
projection of the same scenario.
``--profile`` writes a cProfile of the edit reruns (``--profile-out``) and
prints the 25 largest cumulative entries.

Run: ``.venv/bin/python benchmarks/app_rerun.py [--edits 30] [--profile]``.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PILOT = "varkaus_cooperative"


def percentile(values, p):
    v = sorted(values)
    k = (len(v) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def engine_ms_per_projection(repeat: int = 200) -> float:
    """The engine alone on the pilot (like benchmarks/engine.py): median CPU ms of one
    ``project`` (CPU time, like the server's figure beside it: on a busy machine wall
    time counts the waits too)."""
    from simulator.engine.projection import project
    from simulator.model.loader import load
    from simulator.model.parameters import ParameterSet
    params = ParameterSet.load()
    sc = load(ROOT / "scenarios" / f"{PILOT}.yaml")
    project(sc, params)
    times = []
    for _ in range(repeat):
        t = time.thread_time()
        project(sc, params)
        times.append(time.thread_time() - t)
    return statistics.median(times) * 1e3


def _editor_key(at, table: str) -> str:
    return next(d.key for d in at.data_editor if d.key and d.key.endswith(f"-{table}"))


def _server_like() -> list:
    """Make AppTest behave like a server where it matters for CPU: one
    compiled-script cache for every run (AppTest compiles the page anew each
    run; the server's Runtime keeps one ``ScriptCache``), and record each
    run's CPU time in the script thread (``time.thread_time``)."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared
    thread_ms: list = []
    original = script_runner.ScriptRunner._run_script

    def timed(self, rerun_data):
        t = time.thread_time()
        try:
            return original(self, rerun_data)
        finally:
            thread_ms.append((time.thread_time() - t) * 1e3)
    script_runner.ScriptRunner._run_script = timed
    return thread_ms


def measure(edits: int, profile: str | None = None) -> dict:
    from conftest import start_app
    thread_ms = _server_like()
    at = start_app(s=PILOT)

    def edit(hours: float):
        at.session_state[_editor_key(at, "emp")] = {
            "edited_rows": {0: {"hours_per_week": str(hours).replace(".", ",")}},
            "added_rows": [], "deleted_rows": []}

    for i in range(3):            # warm: imports, caches, the first figures
        edit(30 + i)
        at.run()
    assert not at.exception, at.exception
    prof = None
    if profile:     # the script runs in its own thread: profile inside ScriptRunner._run_script
        import cProfile

        from streamlit.runtime.scriptrunner import script_runner
        prof = cProfile.Profile(time.thread_time)
        original = script_runner.ScriptRunner._run_script

        def profiled(self, rerun_data):
            prof.enable()
            try:
                return original(self, rerun_data)
            finally:
                prof.disable()
    cpu = []
    del thread_ms[:]
    for i in range(edits):
        edit(16 + (i % 15) + 0.5 * (i % 2) + 0.25 * (i // 15))   # a new value each time: a real recalculation
        t = time.process_time()
        if prof:
            script_runner.ScriptRunner._run_script = profiled
        at.run()
        if prof:
            script_runner.ScriptRunner._run_script = original
        cpu.append((time.process_time() - t) * 1e3)
    assert not at.exception, at.exception
    script = list(thread_ms)
    idle = []
    for _ in range(max(5, edits // 3)):
        t = time.process_time()
        at.run()
        idle.append((time.process_time() - t) * 1e3)
    if prof:
        prof.dump_stats(profile)
    return {"edit_p50": statistics.median(cpu), "edit_p95": percentile(cpu, 0.95),
            "script_p50": statistics.median(script), "script_p95": percentile(script, 0.95),
            "idle_p50": statistics.median(idle), "edits": edits}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--profile", action="store_true", help="cProfile the edit reruns")
    ap.add_argument("--profile-out", default=str(Path(tempfile.gettempdir()) / "app_rerun.prof"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SIMULATOR_USER_DIR"] = tmp
        r = measure(args.edits, args.profile_out if args.profile else None)
    eng = engine_ms_per_projection()
    print(f"rerun after a cell edit, CPU: median {r['edit_p50']:.1f} ms, p95 {r['edit_p95']:.1f} ms "
          f"({r['edits']} edits, AppTest, Skenaario page, {PILOT})")
    print(f"  of which the script thread: median {r['script_p50']:.1f} ms, p95 {r['script_p95']:.1f} ms "
          "(what a server spends in the rerun itself)")
    print(f"rerun with no edit, CPU: median {r['idle_p50']:.1f} ms")
    print(f"engine, one projection of the pilot: {eng:.2f} ms; rerun / engine = {r['edit_p50'] / eng:.0f}×")
    print(f"target: < 40 ms CPU per edit: {'met' if r['edit_p50'] < 40 else 'MISSED'}")
    if args.profile:
        import pstats
        pstats.Stats(args.profile_out).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
