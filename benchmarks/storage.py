"""Storage benchmark: saves per second through ``simulator.store``.

- one writer, no contention: read the head, change one value, save;
- 2 and 4 processes saving the same scenario (each: read head → change →
  save based on that head; a save that finds a newer head is refused);
- the document: the Varkaus pilot as base plus three changed fields; every
  save resolves and validates the whole scenario before writing.

For each run: attempted / accepted / refused / lost / corrupted and saves/s
(accepted per second) and attempts/s. lost = accepted saves missing from
the history; corrupted = revision or canonical files that do not parse or
validate, gaps in the numbering or a broken base chain, canonical ≠ head.
Every save is fsync'ed (file and folder), so the figures depend on the disk.
Run: ``.venv/bin/python benchmarks/storage.py [--attempts N]``.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from simulator.store.access import User  # noqa: E402
from simulator.store import Store  # noqa: E402
from test_store_concurrency import NAME, check, run_contention  # noqa: E402


def single_writer(root: Path, attempts: int) -> dict:
    store = Store(root)
    user = User("bench", "local")
    store.create(NAME, {"base": "varkaus_cooperative", "name": "Benchmark"}, user=user)
    accepted = []
    t0 = time.perf_counter()
    for i in range(attempts):
        head = store.revision(NAME)
        doc = {**head.document, "description": f"w-{i}", "opening_cash": float(i)}
        r = store.save(NAME, doc, user=user, base_revision=head.number, message=f"w-{i}")
        accepted.append((r.number, head.number, f"w-{i}"))
    seconds = time.perf_counter() - t0
    return {"attempted": attempts, "accepted": len(accepted), "refused": 0, "seconds": seconds,
            **check(store, accepted)}


def line(label: str, c: dict) -> str:
    return (f"{label:<28} attempted {c['attempted']:>5}  accepted {c['accepted']:>5}  refused {c['refused']:>5}  "
            f"lost {c['lost']}  corrupted {c['corrupted']}  "
            f"{c['accepted'] / c['seconds']:>6.0f} saves/s  {c['attempted'] / c['seconds']:>6.0f} attempts/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--attempts", type=int, default=1000, help="save attempts per run (default 1000)")
    args = ap.parse_args()
    n = args.attempts
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(line("1 writer, no contention", single_writer(Path(tmp) / "one", n)))
        for procs in (2, 4):
            rows.append(line(f"{procs} processes, one scenario", run_contention(Path(tmp) / f"p{procs}", procs,
                                                                               n // procs)))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
