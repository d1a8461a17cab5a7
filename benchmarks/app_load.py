"""Many users at once against one app server (issue 17, "Twenty people at once").

One ``streamlit run app.py`` server and one Chromium; for each N in
``--users`` (default 1 5 10 20), N browser contexts (users):

- with N >= 3, one coordinator switches the comparison on Vertailu (takes
  a pilot out of the multiselect, then puts it back) and one user runs a
  Monte Carlo on Herkkyys (a new seed each round); everyone else is a
  director editing a person's weekly hours in the Palkkatyö data editor of
  the Skenaario page (each in their own session, so every edit is a new
  calculation);
- ``--rounds`` rounds: every director types a value into a cell (the
  editor's overlay left open), then all press Enter at about the same time
  (a burst: the worst case of "everyone at once"), and the coordinator and
  the Monte Carlo user act in the same round. Each edit is timed inside its
  page, from the Enter key to the frame in which the live panel's "Tulos
  yhteensä" shows the engine's value for that edit (``app_latency.WATCH``);
- the server's CPU time (``/proc/<pid>/stat``, user + system) is read before
  and after the rounds: CPU per edit = (CPU of the directors-only rounds) /
  (edits in them); ``--rounds`` directors-only rounds are run first for
  that figure, then ``--rounds`` mixed rounds (with the coordinator and the
  Monte Carlo) for the latency percentiles. RSS from ``/proc/<pid>/status``.

Beside it, the engine's time per projection of the same pilot, measured in
this process (like ``benchmarks/engine.py``), and the ratio.

The load generator (Chromium and Playwright) runs on the same cores as the
server: wall-clock figures on a shared machine are noisy; the CPU figure
per edit is the steadier one.

Run: ``.venv/bin/python benchmarks/app_load.py --users 1 5 --rounds 3``
(about 1-2 minutes); the full measurement: ``--users 1 5 10 20 --rounds 5``.
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_latency import HOURS_COLUMN, WATCH, expected_result, percentile  # noqa: E402
from app_rerun import engine_ms_per_projection  # noqa: E402
from browser.helpers import (app_server, edit_cell, editor, free_port, launch,  # noqa: E402
                             open_page, wait_idle)
from simulator.i18n import fmt_number, label  # noqa: E402

PILOT = "varkaus_cooperative"
TICK = os.sysconf("SC_CLK_TCK")


# ------------------------------------------------------------------ the server process

def server_pid(port: int) -> int:
    """The ``streamlit run`` process listening on ``port`` (found by its command line)."""
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            cmd = (d / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(cmd) and str(port).encode() in cmd:
            return int(d.name)
    raise RuntimeError(f"no streamlit process on port {port}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process (all its threads), in seconds."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICK      # utime, stime (fields 14, 15 of stat)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ------------------------------------------------------------------ the users

class Director:
    """Edits M1's weekly hours on the Skenaario page; a new value every edit."""

    def __init__(self, context, url: str, n: int):
        self.page = context.new_page()
        self.n, self.count = n, 0
        open_page(self.page, f"{url}/skenaario?s={PILOT}")

    def next_hours(self) -> float:
        self.count += 1
        return 16 + (self.n * 7 + self.count) % 30 + 0.25 * (self.count % 4)

    def prepare(self, hours: float, expected: str) -> None:
        """The value typed into the cell, the overlay editor still open; the in-page timer armed."""
        page = self.page
        grid = editor(page, f"ed-{PILOT}-people", "emp")
        edit_cell(page, grid, 0, HOURS_COLUMN, f"{hours:g}".replace(".", ","), commit=False)
        page.evaluate(WATCH, [label("total_result"), expected])

    def commit(self) -> None:
        self.page.keyboard.press("Enter")

    def result_ms(self, timeout: float) -> float:
        self.page.wait_for_function("() => window.__bench && window.__bench.ms !== undefined", timeout=timeout)
        ms = self.page.evaluate("() => window.__bench.ms")
        wait_idle(self.page)
        return ms


class Coordinator:
    """Switches the comparison on Vertailu: the last pilot out, then back in."""

    def __init__(self, context, url: str):
        self.page = context.new_page()
        open_page(self.page, f"{url}/vertailu")
        self.removed: str | None = None

    def act(self) -> None:
        page = self.page
        box = page.get_by_test_id("stMultiSelect")
        if self.removed is None:
            tag = box.locator("[data-tag]").last
            self.removed = tag.get_attribute("aria-label")
            tag.get_by_role("button").click()
        else:
            box.get_by_role("combobox").click()
            page.keyboard.type(self.removed)
            page.get_by_role("option", name=self.removed).click()
            page.keyboard.press("Escape")
            self.removed = None
        self.t0 = time.perf_counter()

    def done_s(self) -> float:
        wait_idle(self.page, timeout=60000)
        return time.perf_counter() - self.t0


class MonteCarlo:
    """Runs the Monte Carlo on Herkkyys with a new seed every round."""

    def __init__(self, context, url: str):
        self.page = context.new_page()
        open_page(self.page, f"{url}/herkkyys?s={PILOT}")
        self.page.get_by_role("tab", name=label("sens.tab.mc")).click()
        wait_idle(self.page)
        self.seed = 100

    def act(self) -> None:
        page = self.page
        self.seed += 1
        seed = page.get_by_role("spinbutton", name=label("ua.mc.seed"))
        seed.fill(str(self.seed))
        seed.press("Enter")
        wait_idle(page)
        draws = int(page.get_by_role("spinbutton", name=label("ua.mc.draws")).input_value())
        self.done_text = label("sens.mc.done").format(draws=fmt_number(draws, 0), seed=self.seed)
        page.get_by_role("button", name=label("sens.mc.run")).click()
        self.t0 = time.perf_counter()

    def done_s(self) -> float:
        """Until the page says the draws with this seed are done."""
        self.page.get_by_text(self.done_text).wait_for(timeout=120000)
        wait_idle(self.page, timeout=120000)
        return time.perf_counter() - self.t0


# ------------------------------------------------------------------ one level of N users

def errors_on(pages) -> int:
    return sum(p.get_by_test_id("stException").count() for p in pages)


def run_level(browser, url: str, pid: int, n: int, rounds: int, expected: dict) -> dict:
    contexts = [browser.new_context(viewport={"width": 1366, "height": 900}, locale="fi-FI") for _ in range(n)]
    directors_n = n - 2 if n >= 3 else n
    directors = [Director(contexts[i], url, i) for i in range(directors_n)]
    others = []
    if n >= 3:
        others = [Coordinator(contexts[directors_n], url), MonteCarlo(contexts[directors_n + 1], url)]
    timeout = 30000 + 3000 * n
    errors = 0
    other_s: dict = {}      # Coordinator / MonteCarlo -> seconds from the click to the page done

    def one_round(with_others: bool) -> list:
        nonlocal errors
        armed = []
        for d in directors:
            h = d.next_hours()
            if h not in expected:
                expected[h] = expected_result(hours=h)
            try:
                d.prepare(h, expected[h])
                armed.append(d)
            except Exception as exc:     # noqa: BLE001 (a user's failure is counted, the run goes on)
                errors += 1
                print(f"  director {d.n}: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        acting = []
        if with_others:
            for o in others:
                try:
                    o.act()
                    acting.append(o)
                except Exception as exc:   # noqa: BLE001
                    errors += 1
                    print(f"  {type(o).__name__}: {type(exc).__name__}: {str(exc).splitlines()[0]}",
                          file=sys.stderr)
        for d in armed:
            d.commit()
        ms = []
        for d in armed:
            try:
                ms.append(d.result_ms(timeout))
            except Exception as exc:       # noqa: BLE001
                errors += 1
                print(f"  director {d.n}: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        for o in acting:
            try:
                other_s.setdefault(type(o).__name__, []).append(o.done_s())
            except Exception as exc:       # noqa: BLE001
                errors += 1
                print(f"  {type(o).__name__}: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return ms

    one_round(False)                      # warm: every session's first edit
    c0, edits0 = cpu_seconds(pid), 0
    for _ in range(rounds):
        edits0 += len(one_round(False))
    cpu_edit_ms = (cpu_seconds(pid) - c0) * 1e3 / max(edits0, 1)
    ms = []
    for _ in range(rounds):
        ms += one_round(bool(others))
    errors += errors_on([d.page for d in directors] + [o.page for o in others])
    out = {"n": n, "directors": len(directors), "edits": len(ms),
           "p50": statistics.median(ms) if ms else float("nan"),
           "p95": percentile(ms, 0.95) if ms else float("nan"),
           "errors": errors, "cpu_edit_ms": cpu_edit_ms, "rss_mb": rss_mb(pid),
           "switch_s": statistics.median(other_s["Coordinator"]) if other_s.get("Coordinator") else None,
           "mc_s": statistics.median(other_s["MonteCarlo"]) if other_s.get("MonteCarlo") else None}
    for c in contexts:
        c.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, nargs="+", default=[1, 5, 10, 20], help="the numbers of users N")
    ap.add_argument("--rounds", type=int, default=5, help="rounds of edits per phase and N")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    eng = engine_ms_per_projection()
    rows = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = launch(p)
        port = free_port()
        with app_server(Path(tmp), port=port) as url:
            pid = server_pid(port)
            rss0 = rss_mb(pid)
            expected: dict = {}
            for n in args.users:
                t = time.perf_counter()
                r = run_level(browser, url, pid, n, args.rounds, expected)
                r["wall_s"] = time.perf_counter() - t
                rows.append(r)
                print(f"N={n}: done in {r['wall_s']:.0f} s", file=sys.stderr)
        browser.close()
    print(f"one server, one Chromium, {os.cpu_count()} cores shared by server and browsers; "
          f"server RSS at start {rss0:.0f} MB")
    print(f"engine, one projection of {PILOT} (in this process): {eng:.2f} ms")
    print(f"{'N':>3} {'directors':>9} {'edits':>6} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6} "
          f"{'CPU/edit ms':>11} {'÷ engine':>8} {'RSS MB':>7} {'switch s':>8} {'MC s':>6}")

    def sec(v):
        return "–" if v is None else f"{v:.1f}"
    for r in rows:
        print(f"{r['n']:>3} {r['directors']:>9} {r['edits']:>6} {r['p50']:>8.0f} {r['p95']:>8.0f} {r['errors']:>6} "
              f"{r['cpu_edit_ms']:>11.1f} {r['cpu_edit_ms'] / eng:>7.0f}× {r['rss_mb']:>7.0f} "
              f"{sec(r['switch_s']):>8} {sec(r['mc_s']):>6}")
    print("p50/p95: edit to figure in the page (directors, rounds with the coordinator and the Monte Carlo); "
          "CPU/edit: server CPU time over the directors-only rounds / their edits; "
          "switch s, MC s: the coordinator's comparison switch and the Monte Carlo, click to page done (median)")
    print("target: server CPU per edit < 40 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
