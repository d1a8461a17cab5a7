"""The app's Save / Save as new by role, a save refused because someone saved in
between (merge or save as new), and the History section — through AppTest."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import start_app
from streamlit.testing.v1 import AppTest

from simulator.store import auth
from simulator.store.access import LOCAL_USER, User
from simulator.i18n import label
from simulator.model.loader import load
from simulator.store import Store

ROOT = Path(__file__).resolve().parent.parent
KOO = User("koo", "coordinator")


@pytest.fixture
def ws(tmp_path, monkeypatch):
    d = tmp_path / "ws"
    monkeypatch.setenv("SIMULATOR_WORKSPACE", str(d))
    monkeypatch.setenv("SIMULATOR_USER_DIR", str(d))
    monkeypatch.delenv("SIMULATOR_USERS", raising=False)
    return d


@pytest.fixture
def users(ws, tmp_path, monkeypatch):
    monkeypatch.setenv(auth.PROFILE_ENV, "test")
    path = tmp_path / "users.yaml"
    auth.write_users(path, {n: auth.UserRecord(n, r, u, auth.hash_password(f"{n}-salasana"))
                            for n, r, u in (("anna", "director", "varkaus"), ("koo", "coordinator", None),
                                            ("kaisa", "coordinator", None), ("ville", "viewer", None))})
    monkeypatch.setenv("SIMULATOR_USERS", str(path))
    store = Store(ws)
    store.create("v_koo", {"base": "varkaus_cooperative", "name": "Varkaus (koo)"}, user=KOO)
    store.create("m_koo", {"base": "mikkeli_subcontracting", "name": "Mikkeli (koo)"}, user=KOO)
    return path


def start(user: str | None = None, **query) -> AppTest:
    return start_app(user, **query)


def edit_hours(at: AppTest, hours: str) -> AppTest:
    if at.session_state["group-fi"] != label("ui.groups.people") if "group-fi" in at.session_state else False:
        at.session_state["group-fi"] = label("ui.groups.people")
        at.run()
    key = next(d.key for d in at.data_editor if d.key and d.key.endswith("-emp"))
    at.session_state[key] = {"edited_rows": {0: {"hours_per_week": hours}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    return at


def set_discount_rate(at: AppTest, percent: str) -> AppTest:
    at.session_state["group-fi"] = label("ui.groups.general")
    at.run()
    next(ti for ti in at.text_input if ti.label == label("f.discount_rate")).set_value(percent)
    next(b for b in at.button if b.label == label("ui.apply")).click()
    at.run()
    assert not at.exception, at.exception
    return at


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def texts(at: AppTest, kind: str) -> str:
    return "\n".join(x.value for x in getattr(at, kind))


def m1_hours(d) -> float:
    m1 = next(p for p in (d if isinstance(d, dict) else d.model_dump(mode="json"))["people"] if p["id"] == "M1")
    return next(ph for ph in m1["phases"] if ph["kind"] == "employment")["hours_per_week"]


# ------------------------------------------------------------------ roles

def test_viewer_sees_save_disabled_with_the_reason(users, ws):
    at = edit_hours(start("ville", s="v_koo"), "20")
    assert at.button(key="save-v_koo").disabled and at.button(key="saveas-v_koo").disabled
    assert "katselija voi vain lukea" in captions(at)
    assert len(Store(ws).history("v_koo")) == 1


def test_director_saves_own_unit_and_not_another(users, ws):
    at = edit_hours(start("anna", s="v_koo"), "20")
    assert not at.button(key="save-v_koo").disabled
    at.button(key="save-v_koo").click().run()
    assert not at.exception
    head = Store(ws).revision("v_koo")
    assert (head.number, head.author, head.role, head.owner) == (1, "anna", "director", "koo")
    assert m1_hours(load(ws / "v_koo.yaml")) == 20.0
    assert "versio 1" in texts(at, "success")
    # another unit's scenario: Save disabled, with the reason
    at = set_discount_rate(start("anna", s="m_koo"), "4")
    assert at.button(key="save-m_koo").disabled
    assert "johtaja voi muuttaa vain oman yksikkönsä skenaarioita" in captions(at)
    # a new scenario from another unit's pilot: refused; from the own unit's pilot: allowed
    at = start("anna", s="mikkeli_subcontracting")
    assert at.button(key="saveas-mikkeli_subcontracting").disabled
    at = edit_hours(start("anna", s="varkaus_cooperative"), "22")
    assert not at.button(key="saveas-varkaus_cooperative").disabled
    at.text_input(key="newname-varkaus_cooperative").set_value("Annan oma")
    at.button(key="saveas-varkaus_cooperative").click().run()
    assert not at.exception and at.session_state["s"] == "annan_oma"
    r = Store(ws).revision("annan_oma")
    assert (r.author, r.owner, r.unit) == ("anna", "anna", "varkaus")


def test_coordinator_edits_own_scenarios_only(users, ws):
    at = set_discount_rate(start("kaisa", s="m_koo"), "4")
    assert at.button(key="save-m_koo").disabled and "omistaja: koo" in captions(at)
    assert not at.button(key="saveas-m_koo").disabled      # may save it under a new name
    at = set_discount_rate(start("koo", s="m_koo"), "4")
    at.button(key="save-m_koo").click().run()
    assert Store(ws).revision("m_koo").author == "koo" and load(ws / "m_koo.yaml").assumptions.discount_rate == 0.04


# ------------------------------------------------------------------ concurrent editing in the app

@pytest.fixture
def local_oma(ws):
    Store(ws).create("oma", {"base": "varkaus_cooperative", "name": "Oma"}, user=LOCAL_USER)


def test_refused_save_shows_both_changes_and_merges(ws, local_oma):
    a, b = start(s="oma"), start(s="oma")
    edit_hours(a, "20")
    a.button(key="save-oma").click().run()
    set_discount_rate(b, "5")
    b.button(key="save-oma").click().run()
    assert not b.exception
    assert label("ui.msg.conflict").format(n=1) in texts(b, "warning")
    panel = "\n".join(m.value for m in b.markdown)
    assert "Tunnit/vko" in panel and "Diskonttokorko" in panel          # theirs and mine
    assert len(Store(ws).history("oma")) == 2                            # nothing written
    b.button(key="merge-oma").click().run()
    assert not b.exception
    s = load(ws / "oma.yaml")
    assert m1_hours(s) == 20.0 and s.assumptions.discount_rate == 0.05
    assert Store(ws).revision("oma").number == 2 and "versio 2" in texts(b, "success")
    # the session now works on revision 2: its next save is accepted
    edit_hours(b, "25")
    b.button(key="save-oma").click().run()
    assert Store(ws).revision("oma").number == 3 and m1_hours(load(ws / "oma.yaml")) == 25.0


def test_edits_made_after_a_refused_save_are_merged_too(ws, local_oma):
    """B's save is refused; B edits once more, then merges: the merge is
    recomputed from B's edits as they are now, so the later edit is saved too."""
    a, b = start(s="oma"), start(s="oma")
    edit_hours(a, "20")
    a.button(key="save-oma").click().run()
    set_discount_rate(b, "5")
    b.button(key="save-oma").click().run()
    assert [x for x in b.button if x.key == "merge-oma"]
    set_discount_rate(b, "6")                     # edited after the refusal
    b.button(key="merge-oma").click().run()
    assert not b.exception
    s = load(ws / "oma.yaml")
    assert m1_hours(s) == 20.0 and s.assumptions.discount_rate == 0.06
    assert Store(ws).revision("oma").number == 2


def test_overlapping_changes_cannot_merge_but_save_as_new_keeps_them(ws, local_oma):
    a, b = start(s="oma"), start(s="oma")
    edit_hours(a, "20")
    a.button(key="save-oma").click().run()
    edit_hours(b, "30")
    b.button(key="save-oma").click().run()
    assert not [x for x in b.button if x.key == "merge-oma"]
    assert "⚠️" in texts(b, "error") or "⚠️" in "\n".join(m.value for m in b.markdown)
    b.text_input(key="conflict-name-oma").set_value("Oma B")
    b.button(key="conflict-saveas-oma").click().run()
    assert not b.exception
    assert m1_hours(load(ws / "oma.yaml")) == 20.0 and m1_hours(load(ws / "oma_b.yaml")) == 30.0
    assert b.session_state["s"] == "oma_b"


# ------------------------------------------------------------------ history

def test_history_lists_compares_and_restores(ws, local_oma):
    at = edit_hours(start(s="oma"), "20")
    at.button(key="save-oma").click().run()
    at.session_state["history-oma"] = True
    at.run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if label("hist.rev") in d.value.columns)
    assert list(table[label("hist.rev")]) == [1, 0] and list(table[label("hist.author")]) == ["local", "local"]
    at.session_state["hist-tabs-oma-fi"] = label("hist.audit")
    at.run()
    assert any("Tunnit/vko" in m.value and "→ 20" in m.value for m in at.markdown)
    at.session_state["hist-tabs-oma-fi"] = label("hist.restore")
    at.run()
    assert at.button(key="hist-restore-oma").disabled        # not before confirming
    at.checkbox(key="hist-confirm-oma").check().run()
    at.button(key="hist-restore-oma").click().run()
    assert not at.exception
    head = Store(ws).revision("oma")
    assert (head.number, head.message) == (2, "restored 0")
    assert m1_hours(load(ws / "oma.yaml")) == m1_hours(load(ROOT / "scenarios" / "varkaus_cooperative.yaml"))
    frame = next(d for d in at.data_editor if d.key.endswith("-emp")).value
    assert float(frame["hours_per_week"].iloc[0]) == m1_hours(load(ws / "oma.yaml"))


def test_pilot_has_no_history_and_stays_untouched(ws):
    at = start()
    assert label("hist.pilot") in captions(at)
    assert not ws.exists()
