"""Export benchmark: time to write the three-pilot comparison workbook
(projections excluded: the engine has its own benchmark), and the time
LibreOffice Calc needs to open, recalculate every formula and save the same
file headless (one process; start-up included), and their ratio. Also the
50-person, 120-month scenario of benchmarks/engine.py as a larger case.

Run: ``.venv/bin/python benchmarks/export.py`` (LibreOffice optional: without
it only the export time is printed).
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from simulator.engine.projection import project  # noqa: E402
from simulator.export.libreoffice import recalculate, soffice  # noqa: E402
from simulator.export.xlsx import workbook_bytes  # noqa: E402
from simulator.model.loader import load

PILOTS = [ROOT / "scenarios" / f"{p}.yaml" for p in
          ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")]


def timed(fn, repeat: int):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def case(name: str, projections, repeat_export: int = 5, repeat_lo: int = 3) -> None:
    export_s, data = timed(lambda: workbook_bytes(projections), repeat_export)
    cells = sum(len(p.month_labels) for p in projections)
    print(f"{name}: export {export_s * 1000:.0f} ms (median of {repeat_export}), "
          f"{len(data) / 1e6:.2f} MB, {len(projections)} scenario(s), {cells} scenario-months")
    if soffice() is None:
        print("  LibreOffice not installed: no recalculation time")
        return
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "book.xlsx"
        path.write_bytes(data)
        runs = [recalculate([path], Path(d) / "out")[1] for _ in range(repeat_lo)]
    lo = statistics.median(runs)
    print(f"  LibreOffice open + recalculate + save {lo:.2f} s (median of {repeat_lo}; "
          f"runs {', '.join(f'{x:.2f}' for x in runs)})")
    print(f"  ratio LibreOffice / export = {lo / export_s:.1f}×")


def main() -> None:
    pilots = [project(load(p)) for p in PILOTS]
    case("three-pilot comparison", pilots)
    try:
        from engine import large_scenario
    except ImportError:
        return
    case("50 people × 120 months", [project(large_scenario())], repeat_export=3, repeat_lo=1)


if __name__ == "__main__":
    main()
