"""The workspace against planted files (issue 17, items 5 and 6): symbolic
links are never followed (history folders, revision files, locks, the
canonical file, drafts, the log-in failures file), and a hand-damaged
history file is reported by name, skipped, never rewritten, while saving
still works."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.store import Store, StoreError, auth
from simulator.store.access import LOCAL_USER
from simulator.store.drafts import Drafts
from simulator.store.fsutil import UnsafePath
from simulator.store.workspace import Damaged

DOC = {"base": "varkaus_cooperative", "name": "Oma"}


@pytest.fixture
def ws(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "ws"
    monkeypatch.setenv("SIMULATOR_WORKSPACE", str(d))
    monkeypatch.delenv("SIMULATOR_USERS", raising=False)
    return d


@pytest.fixture
def outside(tmp_path) -> Path:
    d = tmp_path / "outside"
    d.mkdir()
    (d / "secret.yaml").write_text("name: salainen\n")
    return d


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def saved(ws: Path, name: str = "oma", times: int = 2) -> Store:
    store = Store(ws)
    store.create(name, dict(DOC), user=LOCAL_USER)
    for i in range(1, times):
        store.save(name, {**DOC, "description": f"v{i}"}, user=LOCAL_USER, base_revision=i - 1)
    return store


def refused_as_link(exc: StoreError, where: Path) -> None:
    assert str(where) in exc.en and "symbolic link" in exc.en
    assert str(where) in exc.fi and "symbolinen linkki" in exc.fi


def cli(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


# ------------------------------------------------------------------ links in the workspace

def test_a_linked_history_folder_gets_no_revision_written_outside(ws, outside):
    """The issue's example: ``.history/<name>`` planted as a link to a folder outside."""
    store = Store(ws)
    (ws / ".history").mkdir(parents=True)
    (ws / ".history" / "oma").symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    with pytest.raises(StoreError) as e:
        store.create("oma", dict(DOC), user=LOCAL_USER)
    refused_as_link(e.value, ws / ".history" / "oma")
    assert snapshot(outside) == before and not (ws / "oma.yaml").exists()


def test_a_linked_history_root_is_refused(ws, outside):
    ws.mkdir()
    (ws / ".history").symlink_to(outside, target_is_directory=True)
    with pytest.raises(StoreError) as e:
        Store(ws).create("oma", dict(DOC), user=LOCAL_USER)
    refused_as_link(e.value, ws / ".history")
    assert list(outside.iterdir()) == [outside / "secret.yaml"]


def test_a_linked_history_folder_of_an_existing_scenario_is_refused_when_read(ws, outside):
    store = saved(ws)
    hdir = ws / ".history" / "oma"
    for f in hdir.iterdir():
        os.replace(f, outside / f.name)
    hdir.rmdir()
    hdir.symlink_to(outside, target_is_directory=True)
    for call in (lambda: store.history("oma"), lambda: store.revision("oma"), lambda: store.head("oma"),
                 lambda: store.save("oma", dict(DOC), user=LOCAL_USER, base_revision=1)):
        with pytest.raises(StoreError) as e:
            call()
        refused_as_link(e.value, hdir)


def test_a_linked_revision_file_is_not_read_or_replaced(ws, outside):
    store = saved(ws)
    rev1 = ws / ".history" / "oma" / "000001.json"
    (outside / "000001.json").write_bytes(rev1.read_bytes())
    rev1.unlink()
    rev1.symlink_to(outside / "000001.json")
    before = snapshot(outside)
    hist = store.history("oma")    # the link counts as a damaged revision; the scenario file is kept as 2
    assert [r.number for r in hist] == [0, 2] and [d.path for d in hist.damaged] == [rev1]
    assert "symbolic link" in hist.damaged[0].en
    with pytest.raises(Damaged):
        store.revision("oma", 1)
    assert snapshot(outside) == before and rev1.is_symlink()


def test_a_linked_canonical_file_is_refused(ws, outside):
    store = saved(ws)
    canon = ws / "oma.yaml"
    canon.unlink()
    canon.symlink_to(outside / "secret.yaml")
    for call in (lambda: store.history("oma"),
                 lambda: store.save("oma", dict(DOC), user=LOCAL_USER, base_revision=1)):
        with pytest.raises(StoreError) as e:
            call()
        refused_as_link(e.value, canon)
    assert (outside / "secret.yaml").read_text() == "name: salainen\n"


def test_a_linked_locks_folder_or_lock_file_is_refused(ws, outside):
    ws.mkdir()
    (ws / ".locks").symlink_to(outside, target_is_directory=True)
    with pytest.raises(StoreError) as e:
        Store(ws).create("oma", dict(DOC), user=LOCAL_USER)
    refused_as_link(e.value, ws / ".locks")
    (ws / ".locks").unlink()
    (ws / ".locks").mkdir()
    (ws / ".locks" / "oma.lock").symlink_to(outside / "planted.lock")
    with pytest.raises(StoreError) as e:
        Store(ws).create("oma", dict(DOC), user=LOCAL_USER)
    refused_as_link(e.value, ws / ".locks" / "oma.lock")
    assert not (outside / "planted.lock").exists()


def test_links_in_the_drafts_are_refused(ws, outside):
    drafts = Drafts("anna", ws)
    (ws / ".drafts").mkdir(parents=True)
    (ws / ".drafts" / "anna").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePath):
        drafts.write("oma", {"name": "x"})
    assert drafts.list() == [] and drafts.read("secret") is None
    with pytest.raises(UnsafePath):
        drafts.discard("secret")
    assert sorted(p.name for p in outside.iterdir()) == ["secret.yaml"]
    (ws / ".drafts" / "anna").unlink()
    drafts.write("oma", {"name": "x"})
    (outside / "d.json").write_text(json.dumps({"scenario": "o", "base_revision": None,
                                                "written": "2025-01-01T00:00:00+00:00", "document": {}}))
    drafts.path("oma").unlink()
    (ws / ".drafts" / "anna" / "oma.json").symlink_to(outside / "d.json")
    assert drafts.read("oma") is None and drafts.list() == []
    with pytest.raises(UnsafePath):
        drafts.write("oma", {"name": "y"})
    assert (ws / ".drafts" / "anna" / "oma.json").is_symlink()


def test_links_in_the_log_in_failures_store_are_refused(ws, outside, tmp_path, monkeypatch):
    monkeypatch.setenv(auth.PROFILE_ENV, "test")
    users = tmp_path / "users.yaml"
    auth.write_users(users, {"anna": auth.UserRecord("anna", "viewer", None, auth.hash_password("salasana-1"))})
    ws.mkdir()
    (ws / ".auth").symlink_to(outside, target_is_directory=True)
    with pytest.raises(auth.AuthError) as e:
        auth.authenticate("anna", "salasana-1", path=users)
    assert "symbolic link" in e.value.en and "symbolinen linkki" in e.value.fi and str(ws / ".auth") in e.value.en
    (ws / ".auth").unlink()
    (ws / ".auth").mkdir()
    (ws / ".auth" / "login_attempts.json").symlink_to(outside / "attempts.json")
    with pytest.raises(auth.AuthError) as e:
        auth.authenticate("anna", "salasana-1", path=users)
    assert "symbolic link" in e.value.en
    assert sorted(p.name for p in outside.iterdir()) == ["secret.yaml"]


def test_the_cli_reports_a_planted_link_without_a_traceback(ws, outside, capsys):
    saved(ws, times=1)
    hdir = ws / ".history" / "oma"
    for f in hdir.iterdir():
        f.unlink()
    hdir.rmdir()
    hdir.symlink_to(outside, target_is_directory=True)
    rc, out, err = cli(capsys, "history", "oma")
    assert rc == 2 and "symbolic link" in err and "symbolinen linkki" in err and str(hdir) in err
    assert "Traceback" not in err


# ------------------------------------------------------------------ damaged history files

DAMAGE = [
    b"garbage",
    b"[1, 2]",
    b'{"number": "x"}',
    b'{"number":1,"time":5,"author":null,"role":[],"message":{},"base_revision":"a","unit":1,"owner":2,'
    b'"document":3,"text":4}',                                      # the traceback of the issue
    b"\xff\xfe not utf-8",
    b"[" * 100_000 + b"]" * 100_000,                                # nested past the JSON reader's limit
]


@pytest.mark.parametrize("raw", DAMAGE, ids=range(len(DAMAGE)))
def test_a_damaged_head_is_reported_skipped_and_kept(ws, capsys, raw, tmp_path):
    store = saved(ws)                                    # revisions 0 and 1
    rev1 = ws / ".history" / "oma" / "000001.json"
    rev1.write_bytes(raw)
    rc, out, err = cli(capsys, "history", "oma", "--format", "json")
    assert rc == 0 and "Traceback" not in err
    assert f"history file {rev1} is damaged" in err and f"historiatiedosto {rev1} on vioittunut" in err
    listed = [r["number"] for r in json.loads(out)]
    assert listed[0] == 0 and 1 not in listed
    rc, out, err = cli(capsys, "show", "oma", "--revision", "1")
    assert rc == 2 and str(rev1) in err and "Traceback" not in err
    # save still works, after the damaged number, and the damaged file stays as it was
    heads = store.history("oma")
    f = tmp_path / "edited.yaml"
    f.write_text("base: varkaus_cooperative\nname: Oma\ndescription: uusi\n", encoding="utf-8")
    rc, out, err = cli(capsys, "save", str(f), "--as", "oma", "--base-revision", str(heads[-1].number))
    assert rc == 0 and "Traceback" not in err, err
    assert rev1.read_bytes() == raw
    newest = store.revision("oma")
    assert newest.number > 1 and newest.document["description"] == "uusi"
    assert "description: uusi" in (ws / "oma.yaml").read_text()


def test_the_scenario_file_of_a_damaged_head_is_kept_as_a_revision(ws):
    """The canonical file held revision 1, whose history file is damaged: its text is
    kept as a new revision (by "unknown"), so nothing of revision 1 is lost."""
    store = saved(ws)
    text1 = (ws / "oma.yaml").read_text()
    (ws / ".history" / "oma" / "000001.json").write_text("{")
    hist = store.history("oma")
    assert [r.number for r in hist] == [0, 2] and hist[-1].text == text1
    assert hist[-1].author == "unknown" and "000001.json" in hist[-1].message
    assert len(hist.damaged) == 1


def test_a_revision_claiming_another_number_is_damaged(ws):
    store = saved(ws, times=3)
    h = ws / ".history" / "oma"
    (h / "000001.json").write_bytes((h / "000000.json").read_bytes())
    hist = store.history("oma")
    assert [r.number for r in hist] == [0, 2]
    assert "it says revision 0" in hist.damaged[0].en and "siinä lukee versio 0" in hist.damaged[0].fi


def test_every_revision_damaged_keeps_the_files_and_the_scenario(ws, capsys):
    store = saved(ws)
    h = ws / ".history" / "oma"
    for f in h.iterdir():
        f.write_text("x")
    hist = store.history("oma")             # the scenario file becomes revision 2
    assert [r.number for r in hist] == [2] and len(hist.damaged) == 2
    assert sorted(f.read_text() for f in h.iterdir() if f.name != "000002.json") == ["x", "x"]
    (ws / "oma.yaml").unlink()
    for f in h.iterdir():
        f.write_text("x")
    rc, out, err = cli(capsys, "history", "oma")
    assert rc == 2 and "000000.json" in err and "000002.json" in err and "Traceback" not in err


def test_restore_or_conflict_on_a_damaged_revision_is_refused(ws):
    store = saved(ws, times=3)
    (ws / ".history" / "oma" / "000001.json").write_text("{")
    with pytest.raises(Damaged):
        store.restore("oma", 1, user=LOCAL_USER)
    with pytest.raises(Damaged):                       # a save based on the damaged revision
        store.save("oma", {**DOC, "description": "z"}, user=LOCAL_USER, base_revision=1)
    assert store.audit("oma")[-1].number == 2          # the audit skips it
