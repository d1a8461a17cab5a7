"""Engine benchmark: median times of the vectorised engine and the plain
reference engine (tests/reference_engine.py) for the three pilots and for a
50-person, 120-month scenario, their ratio, and the wall time of the
``compare`` command of the three pilots (start-up included).

Targets on this machine (issue #3): the three loaded pilots together
< 5 ms; ≥ 20× faster than the reference on the large scenario; compare
< 1.5 s. Run: ``.venv/bin/python benchmarks/engine.py``.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from reference_engine import reference_project  # noqa: E402
from simulator.engine.projection import project  # noqa: E402
from simulator.model.parameters import ParameterSet  # noqa: E402
from simulator.model.loader import load
from simulator.model.problems import validate

PILOTS = [ROOT / "scenarios" / f"{p}.yaml" for p in
          ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")]


def large_scenario(people: int = 50, months: int = 120):
    """50 people moving from work activity (some via avotyö) into paid work."""
    ppl = []
    for i in range(people):
        move = 2021 * 12 + 3 + (i * 7) % 60
        m1 = f"{move // 12}-{move % 12 + 1:02d}"
        before = move - 1
        m0 = f"{before // 12}-{before % 12 + 1:02d}"
        first = {"kind": "avotyo" if i % 3 == 0 else "work_activity", "start": "2021-01", "end": m0,
                 "days_per_month": 10 + i % 8, "tyoosuusraha_per_day": 5, "day_price": 70,
                 "cost_per_day": 40, "meal_fee_per_day": 5}
        if i % 3 == 0:
            first["company_fee_per_day"] = 10
        ppl.append({"id": f"M{i + 1}", "birth_year": 1960 + i % 45, "reduced_work_capacity": i % 4 != 0,
                    "phases": [first, {"kind": "employment", "start": m1, "employer": "this" if i % 5 else "company",
                                       "hours_per_week": 12 + i % 15, "hourly_wage": 10 + (i % 6) * 0.5,
                                       "palkkatuki": "auto" if i % 2 else "none"}]})
    return validate({
        "name": "benchmark 50 × 120", "model": "salaried", "budget_owner": "benchmark",
        "start": "2021-01", "horizon_months": months, "opening_cash": 10000,
        "assumptions": {"pays_income_tax": True},
        "people": ppl,
        "staff": [{"role": "coach", "fte": 1.0, "monthly_pay": 2800},
                  {"role": "instructor", "fte": 0.5, "monthly_pay": 2600, "paid_by": "project_grant"}],
        "revenue": [{"name": "work", "basis": "per_hour", "price": 22, "volume_from_paid_hours": 0.7,
                     "seasonality": [1, 1, 1, 1, 1, 0.9, 0.5, 0.9, 1, 1, 1, 1]},
                    {"name": "contract", "basis": "per_month", "price": 900}],
        "overheads": [{"name": "rent", "kind": "monthly", "amount": 1800, "vat": "standard"},
                      {"name": "audit", "kind": "annual", "amount": 900, "due_month": 3},
                      {"name": "machines", "kind": "one_off", "amount": 5000, "start": "2021-02", "vat": "standard"}],
        "grants": [{"name": "start", "kind": "one_off", "amount": 10000, "start": "2021-03"}],
        "financing": {"loans": [{"name": "bank", "amount": 20000, "drawdown": "2021-01", "annual_rate": 0.05,
                                 "term_months": 60}]},
    })


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    params = ParameterSet.load()
    pilots = [load(p) for p in PILOTS]
    big = large_scenario()
    for s in pilots + [big]:  # warm caches (parameter series) once
        project(s, params)

    eng_pilots = median_time(lambda: [project(s, params) for s in pilots], 200)
    ref_pilots = median_time(lambda: [reference_project(s, params) for s in pilots], 5)
    eng_big = median_time(lambda: project(big, params), 100)
    ref_big = median_time(lambda: reference_project(big, params), 3)

    walls = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "simulator", "compare", *map(str, PILOTS)],
                       cwd=ROOT, check=True, capture_output=True)
        walls.append(time.perf_counter() - t)
    wall = statistics.median(walls)

    print(f"{'case':<34}{'engine':>12}{'reference':>14}{'ratio':>9}")
    print(f"{'three pilots (60 months each)':<34}{eng_pilots * 1e3:>9.2f} ms{ref_pilots * 1e3:>11.1f} ms"
          f"{ref_pilots / eng_pilots:>8.0f}×")
    print(f"{'50 people × 120 months':<34}{eng_big * 1e3:>9.2f} ms{ref_big * 1e3:>11.1f} ms"
          f"{ref_big / eng_big:>8.0f}×")
    print(f"compare of the three pilots, wall time with start-up: {wall:.2f} s")
    print(f"targets: pilots < 5 ms: {'met' if eng_pilots < 0.005 else 'MISSED'}; "
          f"large ≥ 20×: {'met' if ref_big / eng_big >= 20 else 'MISSED'}; "
          f"compare < 1.5 s: {'met' if wall < 1.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
