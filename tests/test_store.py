"""The scenario store: names, atomic writes, history, conflicts, merge, legacy files, recovery, rights."""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

from simulator.store import access
from simulator.store.access import LOCAL_USER, AccessDenied, User, can_edit, unit_of
from simulator.model.loader import load
from simulator.store import (BadName, Conflict, InvalidScenario, NameTaken, NotFound, Store, StoreError, docs,
                             merge3, walk)
from simulator.store.fsutil import atomic_create, atomic_write

ROOT = Path(__file__).resolve().parent.parent
PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")

ANNA = User("anna", "director", "varkaus")      # director of Varkaus
MIKA = User("mika", "director", "mikkeli")      # director of Mikkeli
KOO = User("koo", "coordinator")
KAISA = User("kaisa", "coordinator")
VEERA = User("veera", "viewer")


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "ws")


def pilot_full(stem: str) -> dict:
    d = load(ROOT / "scenarios" / f"{stem}.yaml").model_dump(mode="json")
    d.pop("base", None)
    return d


def emp_index(d: dict, pid: str = "M1") -> int:
    person = next(p for p in d["people"] if p["id"] == pid)
    return next(i for i, ph in enumerate(person["phases"]) if ph["kind"] == "employment")


def person(d: dict, pid: str) -> dict:
    return next(p for p in d["people"] if p["id"] == pid)


def doc_for(store: Store, name: str, full: dict, base: str | None = "varkaus_cooperative") -> dict:
    return docs.document(full, base, store.path(name))


def files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def temps(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*.tmp")]


# ------------------------------------------------------------------ names

@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "a/b", ".hidden", "x\x00y", "A", "Oma", "x.yaml",
                                  "a" * 61, "", "-x", "_x", "ok\n", "ä", "a b", "..", "x/../y", "c:\\x",
                                  *PILOTS])
def test_bad_names_are_refused_in_both_languages_and_nothing_is_written(store, name):
    with pytest.raises(BadName) as err:
        store.create(name, {"base": "varkaus_cooperative", "name": "X"}, user=LOCAL_USER)
    assert err.value.en and err.value.fi and err.value.en != err.value.fi
    assert ("pilot" in err.value.en and "pilotti" in err.value.fi) or ("not allowed" in err.value.en
                                                                      and "ei kelpaa" in err.value.fi)
    assert files(store.root) == []
    with pytest.raises(BadName):
        store.history(name)


@pytest.mark.parametrize("name", ["a", "0", "oma", "varkaus_20_h", "m1-m7", "a" * 60])
def test_good_names_are_accepted(store, name):
    assert store.path(name) == (store.root.resolve() / f"{name}.yaml")


def test_a_symlink_leading_out_of_the_workspace_is_refused(store, tmp_path):
    store.root.mkdir()
    outside = tmp_path / "outside.yaml"
    outside.write_text("name: x\n")
    (store.root / "evil.yaml").symlink_to(outside)
    with pytest.raises(StoreError) as err:
        store.create("evil", {"base": "varkaus_cooperative", "name": "X"}, user=LOCAL_USER)
    assert "symbolic link" in err.value.en and "symbolinen linkki" in err.value.fi
    assert str(store.root / "evil.yaml") in err.value.en
    assert outside.read_text() == "name: x\n"


def test_workspace_folder_comes_from_the_environment(monkeypatch, tmp_path):
    from simulator.store import workspace_dir
    monkeypatch.delenv("SIMULATOR_WORKSPACE", raising=False)
    monkeypatch.setenv("SIMULATOR_USER_DIR", str(tmp_path / "u"))
    assert workspace_dir() == tmp_path / "u"
    monkeypatch.setenv("SIMULATOR_WORKSPACE", str(tmp_path / "w"))
    assert workspace_dir() == tmp_path / "w"
    monkeypatch.delenv("SIMULATOR_WORKSPACE")
    monkeypatch.delenv("SIMULATOR_USER_DIR")
    assert workspace_dir() == ROOT / "scenarios" / "user"


# ------------------------------------------------------------------ atomic writes

def test_atomic_write_replaces_whole_and_leaves_no_temp(tmp_path):
    p = tmp_path / "f.yaml"
    atomic_write(p, b"old")
    atomic_write(p, b"new")
    assert p.read_bytes() == b"new" and os.listdir(tmp_path) == ["f.yaml"]


def test_atomic_write_that_fails_keeps_the_old_file(tmp_path, monkeypatch):
    p = tmp_path / "f.yaml"
    atomic_write(p, b"old")
    def boom(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        atomic_write(p, b"new" * 1000)
    monkeypatch.undo()
    assert p.read_bytes() == b"old" and os.listdir(tmp_path) == ["f.yaml"]


def test_atomic_create_never_replaces(tmp_path):
    p = tmp_path / "000001.json"
    atomic_create(p, b"first")
    with pytest.raises(FileExistsError):
        atomic_create(p, b"second")
    assert p.read_bytes() == b"first" and os.listdir(tmp_path) == ["000001.json"]


def test_failed_save_leaves_scenario_and_history_untouched(store, monkeypatch):
    store.create("oma", {"base": "varkaus_cooperative", "name": "Oma"}, user=LOCAL_USER)
    before = {p: (store.root / p).read_bytes() for p in files(store.root) if (store.root / p).is_file()}
    def boom(fd):
        raise OSError(5, "I/O error")
    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        store.save("oma", {"base": "varkaus_cooperative", "name": "Oma 2"}, user=LOCAL_USER, base_revision=0)
    monkeypatch.undo()
    after = {p: (store.root / p).read_bytes() for p in files(store.root) if (store.root / p).is_file()}
    assert after == before and temps(store.root) == []


# ------------------------------------------------------------------ history, show, diff, restore

def test_history_show_diff_restore(store):
    full0 = pilot_full("varkaus_cooperative")
    full0["name"] = "Oma"
    r0 = store.create("oma", doc_for(store, "oma", full0), user=ANNA, message="first")
    assert (r0.number, r0.author, r0.role, r0.base_revision, r0.unit, r0.owner) == (0, "anna", "director", None,
                                                                                   "varkaus", "anna")
    i = emp_index(full0)
    old_hours = person(full0, "M1")["phases"][i]["hours_per_week"]
    full1 = copy.deepcopy(full0)
    person(full1, "M1")["phases"][i]["hours_per_week"] = old_hours + 10
    r1 = store.save("oma", doc_for(store, "oma", full1), user=ANNA, base_revision=0, message="more hours")
    full2 = copy.deepcopy(full1)
    full2["assumptions"]["discount_rate"] = 0.05
    full2["people"] = [p for p in full2["people"] if p["id"] != "M7"]
    r2 = store.save("oma", doc_for(store, "oma", full2), user=ANNA, base_revision=1, message="")
    hist = store.history("oma")
    assert [r.number for r in hist] == [0, 1, 2] and [r.base_revision for r in hist] == [None, 0, 1]
    assert [r.message for r in hist] == ["first", "more hours", ""]
    # the canonical file is readable YAML that `run` loads, equal to the head
    assert (store.root / "oma.yaml").read_text(encoding="utf-8") == r2.text
    got = load(store.root / "oma.yaml").model_dump(mode="json")
    got.pop("base")
    assert got == full2
    # show
    assert store.revision("oma", 1).document == r1.document and store.revision("oma").number == 2
    # diff in terms a director understands
    assert store.diff("oma", 0, 1) == [(f"people[M1].phases[{i}].hours_per_week", old_hours, old_hours + 10)]
    d12 = store.diff("oma", 1, 2)
    assert ("assumptions.discount_rate", full1["assumptions"]["discount_rate"], 0.05) in d12
    assert ("people[M7]", person(full1, "M7"), None) in d12 and len(d12) == 2
    # restore 0: a new revision with revision 0's document
    r3 = store.restore("oma", 0, user=ANNA)
    assert (r3.number, r3.base_revision, r3.message, r3.document) == (3, 2, "restored 0", r0.document)
    got = load(store.root / "oma.yaml").model_dump(mode="json")
    got.pop("base")
    assert got == full0
    assert store.diff("oma", 0, 3) == []
    assert store.restore("oma", 1, user=ANNA, message="back to the hours").message == "restored 1: back to the hours"
    # the audit trail: who changed what from what to what, and when
    audit = store.audit("oma")
    assert [a.number for a in audit] == [0, 1, 2, 3, 4]
    assert audit[0].changes == [] and audit[1].author == "anna" and audit[1].time == hist[1].time
    assert audit[1].changes == store.diff("oma", 0, 1)
    assert sorted(map(str, audit[3].changes)) == sorted(map(str, store.diff("oma", 2, 0)))
    with pytest.raises(NotFound):
        store.revision("oma", 9)
    with pytest.raises(NotFound):
        store.history("missing")


def test_create_refuses_a_taken_name(store):
    store.create("oma", {"base": "varkaus_cooperative", "name": "Oma"}, user=LOCAL_USER)
    with pytest.raises(NameTaken) as err:
        store.create("oma", {"base": "varkaus_cooperative", "name": "Toinen"}, user=LOCAL_USER)
    assert "already exists" in err.value.en and "on jo olemassa" in err.value.fi
    assert len(store.history("oma")) == 1


@pytest.mark.parametrize("doc, where", [
    ({"base": "varkaus_cooperative", "name": "X", "horizon_months": 0}, "horizon_months"),
    ({"base": "varkaus_cooperative", "name": "X", "surprise": 1}, "surprise"),
    ({"base": "no_such_pilot", "name": "X"}, "base"),
    ({"base": "oma", "name": "X"}, "base"),
    ({"base": "/etc/passwd", "name": "X"}, "base"),             # a base never reads a file outside
    ({"base": "../../scenarios/varkaus_cooperative.yaml", "name": "X"}, "base"),
    ({"name": "X"}, "model"),
    ([1, 2], ""),
])
def test_invalid_scenario_is_refused_before_anything_is_written(store, doc, where):
    with pytest.raises(InvalidScenario) as err:
        store.create("oma", doc, user=LOCAL_USER)
    assert where in err.value.en and "nothing was saved" in err.value.en and "mitään ei tallennettu" in err.value.fi
    assert files(store.root) == []


def test_invalid_save_on_existing_scenario_writes_nothing(store):
    store.create("oma", {"base": "varkaus_cooperative", "name": "Oma"}, user=LOCAL_USER)
    before = files(store.root)
    text = (store.root / "oma.yaml").read_bytes()
    with pytest.raises(InvalidScenario):
        store.save("oma", {"base": "varkaus_cooperative", "name": "Oma", "start": "2024-13"}, user=LOCAL_USER,
                   base_revision=0)
    assert files(store.root) == before and (store.root / "oma.yaml").read_bytes() == text


# ------------------------------------------------------------------ conflicts and merge

def _two_sessions(store):
    full0 = pilot_full("varkaus_cooperative")
    full0["name"] = "Oma"
    store.create("oma", doc_for(store, "oma", full0), user=ANNA)
    return full0, copy.deepcopy(full0), copy.deepcopy(full0)


def test_conflict_with_disjoint_changes_merges_and_nothing_is_lost(store):
    full0, theirs, mine = _two_sessions(store)
    i = emp_index(full0, "M2")
    theirs["assumptions"]["discount_rate"] = 0.05
    store.save("oma", doc_for(store, "oma", theirs), user=ANNA, base_revision=0, message="theirs")
    person(mine, "M2")["phases"][i]["hours_per_week"] = 30.0
    mine["overheads"].append({"name": "Uusi", "kind": "monthly", "amount": 10.0, "start": None, "end": None,
                              "due_month": None, "vat": "none", "indexed": True, "depreciation_years": None,
                              "shared_by_participants": None})
    before = files(store.root)
    with pytest.raises(Conflict) as err:
        store.save("oma", doc_for(store, "oma", mine), user=ANNA, base_revision=0)
    c = err.value
    assert files(store.root) == before          # nothing written
    assert (c.base_revision, c.head, c.conflicts) == (0, 1, [])
    assert c.theirs == [("assumptions.discount_rate", full0["assumptions"]["discount_rate"], 0.05)]
    old_hours = person(full0, "M2")["phases"][i]["hours_per_week"]
    assert c.mine == [(f"people[M2].phases[{i}].hours_per_week", old_hours, 30.0),
                      ("overheads[Uusi]", None, mine["overheads"][-1])]
    assert "revision 0" in c.en and "versio" in c.fi and "anna" in c.en
    r = store.save_merged(c, user=ANNA)
    assert (r.number, r.base_revision) == (2, 1)
    got = load(store.root / "oma.yaml").model_dump(mode="json")
    assert got["assumptions"]["discount_rate"] == 0.05                     # theirs kept
    assert person(got, "M2")["phases"][i]["hours_per_week"] == 30.0        # mine kept
    assert got["overheads"][-1]["name"] == "Uusi"


def test_conflict_on_the_same_value_cannot_be_merged(store):
    full0, theirs, mine = _two_sessions(store)
    theirs["assumptions"]["discount_rate"] = 0.05
    store.save("oma", doc_for(store, "oma", theirs), user=ANNA, base_revision=0)
    mine["assumptions"]["discount_rate"] = 0.07
    mine["opening_cash"] = 1234.0
    with pytest.raises(Conflict) as err:
        store.save("oma", doc_for(store, "oma", mine), user=ANNA, base_revision=0)
    c = err.value
    assert c.conflicts == ["assumptions.discount_rate"] and c.merged_document is None
    assert "assumptions.discount_rate" in c.en
    with pytest.raises(StoreError):
        store.save_merged(c, user=ANNA)
    assert [r.number for r in store.history("oma")] == [0, 1]
    # the same change made on both sides is no conflict
    same = copy.deepcopy(full0)
    same["assumptions"]["discount_rate"] = 0.05
    with pytest.raises(Conflict) as err:
        store.save("oma", doc_for(store, "oma", same), user=ANNA, base_revision=0)
    assert err.value.conflicts == [] and err.value.mine == err.value.theirs


def test_conflict_after_merge_when_someone_saves_again(store):
    full0, theirs, mine = _two_sessions(store)
    theirs["assumptions"]["discount_rate"] = 0.05
    store.save("oma", doc_for(store, "oma", theirs), user=ANNA, base_revision=0)
    mine["opening_cash"] = 99.0
    with pytest.raises(Conflict) as err:
        store.save("oma", doc_for(store, "oma", mine), user=ANNA, base_revision=0)
    third = copy.deepcopy(theirs)
    third["assumptions"]["wage_growth"] = 0.04
    store.save("oma", doc_for(store, "oma", third), user=ANNA, base_revision=1)
    with pytest.raises(Conflict) as again:       # the merge was made against revision 1; head is 2
        store.save_merged(err.value, user=ANNA)
    assert again.value.head == 2
    with pytest.raises(Conflict) as err3:
        store.save("oma", doc_for(store, "oma", mine), user=ANNA, base_revision=0)
    r = store.save_merged(err3.value, user=ANNA)
    got = load(store.root / "oma.yaml").model_dump(mode="json")
    assert (got["assumptions"]["discount_rate"], got["assumptions"]["wage_growth"], got["opening_cash"]) == \
        (0.05, 0.04, 99.0) and r.number == 3


def test_merge3_rules():
    base = {"a": 1, "b": {"c": 2}, "people": [{"id": "M1", "x": 1}, {"id": "M2", "x": 2}],
            "ph": {"phases": [{"kind": "k", "v": 1}]}}
    mine = copy.deepcopy(base)
    theirs = copy.deepcopy(base)
    mine["people"].append({"id": "M3", "x": 3})              # added on my side
    theirs["people"] = [p for p in theirs["people"] if p["id"] != "M1"]   # removed on theirs
    mine["b"]["c"] = 5
    theirs["a"] = 7
    merged, conflicts = merge3(base, mine, theirs)
    assert conflicts == []
    assert merged == {"a": 7, "b": {"c": 5}, "people": [{"id": "M2", "x": 2}, {"id": "M3", "x": 3}],
                      "ph": {"phases": [{"kind": "k", "v": 1}]}}
    # deleted on one side, changed on the other: a conflict, theirs kept
    mine2 = copy.deepcopy(base)
    mine2["people"][0]["x"] = 10
    merged, conflicts = merge3(base, mine2, theirs)
    assert conflicts == ["people[M1]"] and [p["id"] for p in merged["people"]] == ["M2"]
    # phases of different lengths on the two sides: the list is one conflict
    m3, t3 = copy.deepcopy(base), copy.deepcopy(base)
    m3["ph"]["phases"].append({"kind": "k", "v": 2})
    t3["ph"]["phases"][0]["v"] = 9
    assert merge3(base, m3, t3)[1] == ["ph.phases"]
    # phases of equal length merge per position
    m4, t4 = copy.deepcopy(base), copy.deepcopy(base)
    m4["ph"]["phases"][0]["kind"] = "z"
    t4["ph"]["phases"][0]["v"] = 9
    assert merge3(base, m4, t4) == ({**base, "ph": {"phases": [{"kind": "z", "v": 9}]}}, [])


def test_walk_paths_name_items_by_key():
    a = pilot_full("varkaus_cooperative")
    b = copy.deepcopy(a)
    i = emp_index(a, "M3")
    person(b, "M3")["phases"][i]["hours_per_week"] = 25.0
    b["revenue"][0]["price"] = a["revenue"][0]["price"] + 1
    got = [c.as_tuple() for c in walk(a, b)]
    assert got == [(f"people[M3].phases[{i}].hours_per_week", person(a, "M3")["phases"][i]["hours_per_week"], 25.0),
                   (f"revenue[{a['revenue'][0]['name']}].price", a["revenue"][0]["price"],
                    a["revenue"][0]["price"] + 1)]


# ------------------------------------------------------------------ legacy files and recovery

LEGACY = """# written by hand before the history existed
base: varkaus_cooperative
name: Vanha   # a comment that must survive
opening_cash: 5000
"""


def test_legacy_file_becomes_revision_0_unchanged(store):
    store.root.mkdir()
    (store.root / "vanha.yaml").write_text(LEGACY, encoding="utf-8")
    hist = store.history("vanha")
    assert len(hist) == 1
    r0 = hist[0]
    assert (r0.number, r0.author, r0.base_revision, r0.unit, r0.owner) == (0, "unknown", None, "varkaus", "unknown")
    assert r0.text == LEGACY and r0.document["opening_cash"] == 5000
    assert (store.root / "vanha.yaml").read_text(encoding="utf-8") == LEGACY    # untouched
    # a save on top of it: the owner stays "unknown"; a coordinator may not, the unit's director may
    full = store.full_dump("vanha", r0)
    full["opening_cash"] = 6000.0
    with pytest.raises(AccessDenied):
        store.save("vanha", doc_for(store, "vanha", full), user=KOO, base_revision=0)
    r1 = store.save("vanha", doc_for(store, "vanha", full), user=ANNA, base_revision=0)
    assert store.diff("vanha", 0, 1) == [("opening_cash", 5000, 6000.0)] and r1.owner == "unknown"
    assert store.revision("vanha", 0).text == LEGACY


def test_legacy_file_on_first_save_with_a_stale_base_is_a_conflict(store):
    store.root.mkdir()
    (store.root / "vanha.yaml").write_text(LEGACY, encoding="utf-8")
    with pytest.raises(NameTaken):
        store.create("vanha", {"base": "varkaus_cooperative", "name": "Uusi"}, user=LOCAL_USER)
    assert (store.root / "vanha.yaml").read_text(encoding="utf-8") == LEGACY


def test_crash_after_the_commit_point_rolls_forward(store):
    r0 = store.create("oma", {"base": "varkaus_cooperative", "name": "Oma"}, user=LOCAL_USER)
    old_text = (store.root / "oma.yaml").read_text(encoding="utf-8")
    # simulate a save that stopped after writing revision 1 and before replacing the canonical file
    from simulator.store.workspace import Revision, render_text
    doc = {"base": "varkaus_cooperative", "name": "Oma", "opening_cash": 1.0}
    rev = Revision(1, "2025-01-01T00:00:00+00:00", "local", "local", "", 0, r0.unit, r0.owner, doc,
                   render_text("oma", 1, "2025-01-01T00:00:00+00:00", "local", doc))
    store._write_revision("oma", rev)
    (store.root / ".oma.yaml.abc123.tmp").write_text("half a fil")
    (store.root / ".history" / "oma" / ".000002.json.x.tmp").write_text("{")
    assert (store.root / "oma.yaml").read_text(encoding="utf-8") == old_text
    done = store.recover("oma")
    assert done == {"temps_removed": 2, "rolled_forward": True, "legacy": False, "external": False}
    assert (store.root / "oma.yaml").read_text(encoding="utf-8") == rev.text and temps(store.root) == []
    assert load(store.root / "oma.yaml").opening_cash == 1.0
    # a crash before the canonical file of a NEW scenario existed
    store._write_revision("neu", Revision(0, "t", "local", "local", "", None, "varkaus", "local",
                                          {"base": "varkaus_cooperative", "name": "Neu"},
                                          render_text("neu", 0, "t", "local", {"base": "varkaus_cooperative",
                                                                               "name": "Neu"})))
    assert not (store.root / "neu.yaml").exists()
    assert store.revision("neu").number == 0 and load(store.root / "neu.yaml").name == "Neu"


def test_a_file_changed_outside_the_app_is_kept_as_a_revision(store):
    store.create("oma", {"base": "varkaus_cooperative", "name": "Oma"}, user=LOCAL_USER)
    edited = "base: varkaus_cooperative\nname: Käsin muutettu\n"
    (store.root / "oma.yaml").write_text(edited, encoding="utf-8")
    hist = store.history("oma")
    assert [r.number for r in hist] == [0, 1]
    assert (hist[1].author, hist[1].message, hist[1].text) == ("unknown", "changed outside the app", edited)
    assert (store.root / "oma.yaml").read_text(encoding="utf-8") == edited
    assert store.diff("oma", 0, 1) == [("name", "Oma", "Käsin muutettu")]


# ------------------------------------------------------------------ rights

def test_unit_of():
    assert [unit_of(s) for s in PILOTS] == ["varkaus", "mikkeli", "pieksamaki"]
    assert unit_of("scenarios/mikkeli_subcontracting.yaml") == "mikkeli"
    assert unit_of("oma") is None and unit_of(None) is None


@pytest.mark.parametrize("user, unit, owner, allowed", [
    (LOCAL_USER, "mikkeli", "x", True), (LOCAL_USER, None, None, True),
    (ANNA, "varkaus", "someone", True), (ANNA, "mikkeli", "anna", False), (ANNA, None, None, False),
    (KOO, "mikkeli", None, True), (KOO, "varkaus", "koo", True), (KOO, "varkaus", "kaisa", False),
    (KOO, "varkaus", "unknown", False),
    (VEERA, "varkaus", None, False), (VEERA, "varkaus", "veera", False),
    (User("x", "admin"), "varkaus", None, False),
])
def test_can_edit_table(user, unit, owner, allowed):
    assert can_edit(user, unit, owner) is allowed
    if allowed:
        access.require_edit(user, unit, owner, "s")
    else:
        with pytest.raises(AccessDenied) as err:
            access.require_edit(user, unit, owner, "skenaario1")
        assert user.name in err.value.en and "skenaario1" in err.value.en and "skenaario1" in err.value.fi
        assert user.name in err.value.fi


def test_rights_per_role_in_the_store(store):
    varkaus = {"base": "varkaus_cooperative", "name": "V"}
    mikkeli = {"base": "mikkeli_subcontracting", "name": "M"}
    # director: only their unit, new or existing
    with pytest.raises(AccessDenied) as err:
        store.create("m_anna", mikkeli, user=ANNA)
    assert "anna" in err.value.en and "director" in err.value.en and "johtaja" in err.value.fi
    assert "m_anna" in err.value.en and files(store.root) == []
    store.create("v_anna", varkaus, user=ANNA)
    store.create("m_mika", mikkeli, user=MIKA)
    with pytest.raises(AccessDenied):
        store.save("m_mika", {**mikkeli, "opening_cash": 1.0}, user=ANNA, base_revision=0)
    with pytest.raises(AccessDenied):
        store.restore("m_mika", 0, user=ANNA)
    store.save("v_anna", {**varkaus, "opening_cash": 1.0}, user=ANNA, base_revision=0)
    # a scenario without a pilot base belongs to its model's unit
    full = pilot_full("pieksamaki_salaried")
    with pytest.raises(AccessDenied):
        store.create("p_full", full, user=ANNA)
    # coordinator: creates any, edits own only
    store.create("m_koo", mikkeli, user=KOO)
    store.save("m_koo", {**mikkeli, "opening_cash": 2.0}, user=KOO, base_revision=0)
    with pytest.raises(AccessDenied) as err:
        store.save("m_koo", {**mikkeli, "opening_cash": 3.0}, user=KAISA, base_revision=1)
    assert "koordinaattori" in err.value.fi and "koo" in err.value.en
    with pytest.raises(AccessDenied):
        store.save("v_anna", {**varkaus, "opening_cash": 3.0}, user=KOO, base_revision=1)
    # the unit's director may edit the coordinator's scenario of that unit
    store.save("m_koo", {**mikkeli, "opening_cash": 4.0}, user=MIKA, base_revision=1)
    assert store.revision("m_koo").owner == "koo"
    # viewer: nothing
    for name, doc, rev in (("v_anna", varkaus, 1), ("m_koo", mikkeli, 2)):
        with pytest.raises(AccessDenied):
            store.save(name, doc, user=VEERA, base_revision=rev)
        with pytest.raises(AccessDenied):
            store.restore(name, 0, user=VEERA)
    before = files(store.root)
    with pytest.raises(AccessDenied):
        store.create("v_veera", varkaus, user=VEERA)
    assert files(store.root) == before
    # local: everything
    store.save("m_mika", {**mikkeli, "opening_cash": 5.0}, user=LOCAL_USER, base_revision=0)
    assert [r.author for r in store.history("m_mika")] == ["mika", "local"]
    # everyone reads everything
    assert store.diff("m_koo", 0, 2) == [("opening_cash", pilot_full("mikkeli_subcontracting")["opening_cash"], 4.0)]


def test_revision_files_are_plain_json_with_every_field(store):
    store.create("oma", {"base": "varkaus_cooperative", "name": "Oma"}, user=ANNA, message="eka")
    data = json.loads((store.root / ".history" / "oma" / "000000.json").read_text(encoding="utf-8"))
    assert set(data) == {"number", "time", "author", "role", "message", "base_revision", "unit", "owner",
                         "document", "text"}
    assert data["time"].endswith("+00:00") and data["document"] == {"base": "varkaus_cooperative", "name": "Oma"}


def test_a_hostile_file_in_the_workspace_does_not_crash_the_store_or_the_catalogue(tmp_path):
    """YAML nested 100 000 levels deep (libyaml's C loader segfaults on it,
    the pure loader overflows the stack): the store keeps it as revision 0
    without parsing it into a document, and the app's catalogue lists it with
    an error. Run in a child process so that a segfault fails the test."""
    import subprocess
    import sys
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "deep.yaml").write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    code = ("import os, sys; from simulator.store import Store; from ui import storage; "
            f"s = Store({str(ws)!r}); revs = s.history('deep'); "
            "print(len(revs), revs[0].document is None); "
            "e = [x for x in storage.catalogue() if x.id == 'deep'][0]; print(bool(e.error))")
    env = dict(os.environ, SIMULATOR_USER_DIR=str(ws))
    r = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["1", "True", "True"]
