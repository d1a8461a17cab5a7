"""Two processes save the same scenario concurrently, 1000 save attempts in all.

Each process loops: read the head revision (under the lock), change the
document, save based on that revision. A save that finds another head is
refused (Conflict). Afterwards: every accepted save is a revision, the
revisions are numbered 0..n without gaps, each is based on the previous one,
the canonical file equals the head, and every file parses and validates.
"""
from __future__ import annotations

import multiprocessing as mp
import time
from pathlib import Path

from simulator.store.access import User
from simulator.model.loader import load
from simulator.store import Conflict, Store, docs

NAME = "yhteinen"
ATTEMPTS_PER_PROCESS = 500
PROCESSES = 2


def _worker(root: str, tag: str, attempts: int, start, out) -> None:
    store = Store(root)
    user = User(tag, "local")
    accepted, refused = [], 0
    start.wait()
    for i in range(attempts):
        head = store.revision(NAME)
        doc = dict(head.document)
        marker = f"{tag}-{i}"
        doc["description"] = marker
        doc["opening_cash"] = float(i)
        try:
            r = store.save(NAME, doc, user=user, base_revision=head.number, message=marker)
            accepted.append((r.number, head.number, marker))
        except Conflict:
            refused += 1
    out.put((tag, accepted, refused))


def run_contention(root: Path, processes: int, attempts: int) -> dict:
    """Run ``processes`` savers on one scenario; return the counts and the checks."""
    store = Store(root)
    store.create(NAME, {"base": "varkaus_cooperative", "name": "Yhteinen"}, user=User("setup", "local"))
    ctx = mp.get_context("fork")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(str(root), f"p{k}", attempts, start, out)) for k in range(processes)]
    for p in procs:
        p.start()
    t0 = time.perf_counter()
    start.set()
    results = [out.get(timeout=120) for _ in procs]
    seconds = time.perf_counter() - t0
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    accepted = [a for _, acc, _ in results for a in acc]
    refused = sum(r for _, _, r in results)
    return {"attempted": processes * attempts, "accepted": len(accepted), "refused": refused,
            "seconds": seconds, **check(store, accepted)}


def check(store: Store, accepted: list) -> dict:
    """lost: accepted saves missing from the history; corrupted: files that do not parse or validate
    or break the chain."""
    root = store.root
    hist_dir = root / ".history" / NAME
    numbers = sorted(int(p.name[:-5]) for p in hist_dir.glob("*.json"))
    corrupted = 0
    revs = {}
    for n in numbers:
        try:
            revs[n] = store._read(NAME, n)
            docs.full(revs[n].document, store.path(NAME))
        except Exception:    # any failure here is a corrupted revision
            corrupted += 1
    if numbers != list(range(len(numbers))):
        corrupted += 1
    corrupted += sum(1 for n in numbers[1:] if n in revs and revs[n].base_revision != n - 1)
    head = revs[numbers[-1]]
    canonical = (root / f"{NAME}.yaml").read_text(encoding="utf-8")
    if canonical != head.text:
        corrupted += 1
    try:
        load(root / f"{NAME}.yaml")
    except Exception:
        corrupted += 1
    lost = 0
    for number, base, marker in accepted:
        r = revs.get(number)
        if r is None or r.message != marker or r.document.get("description") != marker or r.base_revision != base:
            lost += 1
    duplicates = len(accepted) - len({n for n, _, _ in accepted})
    temps = list(root.rglob("*.tmp"))
    return {"lost": lost, "corrupted": corrupted, "revisions": len(numbers), "duplicates": duplicates,
            "temps": len(temps)}


def test_two_processes_saving_the_same_scenario_lose_nothing(tmp_path):
    c = run_contention(tmp_path / "ws", PROCESSES, ATTEMPTS_PER_PROCESS)
    print(f"\nconcurrent saves, {PROCESSES} processes: attempted {c['attempted']}, accepted {c['accepted']}, "
          f"refused {c['refused']}, lost {c['lost']}, corrupted {c['corrupted']}, "
          f"{c['attempted'] / c['seconds']:.0f} attempts/s")
    assert c["attempted"] == 1000 == c["accepted"] + c["refused"]
    assert c["lost"] == 0 and c["corrupted"] == 0 and c["duplicates"] == 0 and c["temps"] == 0
    assert c["revisions"] == c["accepted"] + 1        # revision 0 was the setup's
    assert c["accepted"] > 0
