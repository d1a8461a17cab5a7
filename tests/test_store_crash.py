"""A process saving in a loop is killed with SIGKILL at random moments.

After every kill: the canonical file is exactly the old or the new version
(the text of the head revision or of the one before, never a mix), the
history is numbered without gaps and each revision is based on the
previous one, every revision parses and validates; recovery makes the
canonical file equal to the head and removes stray temporary files; and
after the next save no temporary file is left anywhere.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import time

from simulator.store.access import User
from simulator.model.loader import load
from simulator.store import Store, docs

NAME = "kaatuva"
KILLS = 40
SAVER = User("saver", "local")


def _saver(root: str, started) -> None:
    store = Store(root)
    i = 0
    started.set()
    while True:
        head = store.revision(NAME)
        doc = dict(head.document)
        doc["opening_cash"] = float(i)
        doc["description"] = f"save {i} " + "x" * (i % 200)    # texts of varying length
        store.save(NAME, doc, user=SAVER, base_revision=head.number, message=f"save {i}")
        i += 1


def _check_history(store: Store, checked: dict) -> list:
    """Every revision parses, validates and is based on the previous one; returns them."""
    numbers = sorted(int(p.name[:-5]) for p in (store.root / ".history" / NAME).glob("*.json"))
    assert numbers == list(range(len(numbers))), numbers[-5:]
    revs = []
    for n in numbers:
        r = store._read(NAME, n)
        assert r.number == n and r.base_revision == (None if n == 0 else n - 1)
        if n not in checked:       # revisions never change: validate each once
            docs.full(r.document, store.path(NAME))
            checked[n] = r.text
        assert checked[n] == r.text
        revs.append(r)
    return revs


def test_sigkill_during_saves_never_leaves_a_mix(tmp_path):
    rng = random.Random(8)
    store = Store(tmp_path / "ws")
    store.create(NAME, {"base": "varkaus_cooperative", "name": "Kaatuva"}, user=SAVER)
    ctx = mp.get_context("fork")
    checked: dict = {}
    counts = {"kills": 0, "canonical_new": 0, "canonical_old": 0, "rolled_forward": 0, "temps_removed": 0}
    for _ in range(KILLS):
        started = ctx.Event()
        p = ctx.Process(target=_saver, args=(str(store.root), started))
        p.start()
        assert started.wait(10)
        time.sleep(rng.uniform(0.002, 0.040))
        os.kill(p.pid, signal.SIGKILL)
        p.join(10)
        assert p.exitcode == -signal.SIGKILL
        counts["kills"] += 1
        # nobody holds the lock now: look at the files as they were left
        revs = _check_history(store, checked)
        canonical = (store.root / f"{NAME}.yaml").read_text(encoding="utf-8")
        if canonical == revs[-1].text:
            counts["canonical_new"] += 1
        else:
            assert len(revs) >= 2 and canonical == revs[-2].text, "the canonical file is neither old nor new"
            counts["canonical_old"] += 1
        load(store.root / f"{NAME}.yaml")          # and it is a valid scenario either way
        done = store.recover(NAME)
        counts["rolled_forward"] += done["rolled_forward"]
        counts["temps_removed"] += done["temps_removed"]
        assert not done["external"] and not done["legacy"]
        assert (store.root / f"{NAME}.yaml").read_text(encoding="utf-8") == revs[-1].text
        assert list(store.root.rglob("*.tmp")) == []
    # the next save works and leaves no temporary file
    head = store.revision(NAME)
    r = store.save(NAME, {**head.document, "opening_cash": -1.0}, user=SAVER, base_revision=head.number)
    assert list(store.root.rglob("*.tmp")) == [] and load(store.root / f"{NAME}.yaml").opening_cash == -1.0
    _check_history(store, checked)
    print(f"\ncrash test: {counts['kills']} kills, {r.number} revisions; canonical file new "
          f"{counts['canonical_new']}, old {counts['canonical_old']} (rolled forward {counts['rolled_forward']}), "
          f"stray temp files removed {counts['temps_removed']}; mixed 0, corrupted 0")
    assert counts["canonical_old"] == counts["rolled_forward"]
    assert r.number > KILLS // 2       # the savers did get work done between kills
