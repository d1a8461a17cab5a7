"""``history``, ``show``, ``diff``, ``restore``, ``save`` on the command line, and each role's rights there.

The users file has argon2 hashes made with the cheap test profile.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.store import auth
from simulator.cli.main import main
from simulator.model.loader import load

ROOT = Path(__file__).resolve().parent.parent
PW = {"anna": "anna-salasana", "mika": "mika-salasana", "kaisa": "kaisa-salasana", "koo": "koo-salasana",
      "ville": "ville-salasana"}


@pytest.fixture
def ws(tmp_path, monkeypatch):
    d = tmp_path / "ws"
    monkeypatch.setenv("SIMULATOR_WORKSPACE", str(d))
    monkeypatch.delenv("SIMULATOR_USERS", raising=False)
    monkeypatch.delenv("SIMULATOR_PASSWORD", raising=False)
    return d


@pytest.fixture
def users(ws, tmp_path, monkeypatch):
    monkeypatch.setenv(auth.PROFILE_ENV, "test")
    path = tmp_path / "users.yaml"
    auth.write_users(path, {
        "anna": auth.UserRecord("anna", "director", "varkaus", auth.hash_password(PW["anna"])),
        "mika": auth.UserRecord("mika", "director", "mikkeli", auth.hash_password(PW["mika"])),
        "kaisa": auth.UserRecord("kaisa", "coordinator", None, auth.hash_password(PW["kaisa"])),
        "koo": auth.UserRecord("koo", "coordinator", None, auth.hash_password(PW["koo"])),
        "ville": auth.UserRecord("ville", "viewer", None, auth.hash_password(PW["ville"])),
    })
    monkeypatch.setenv("SIMULATOR_USERS", str(path))
    return path


def scenario_file(tmp_path: Path, base: str, fname: str = "in.yaml", **fields) -> str:
    lines = [f"base: {base}", f"name: {fields.pop('name', 'CLI')}"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    p = tmp_path / fname
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(p)


def cli(capsys, *argv, user=None, monkeypatch=None):
    if user is not None:
        monkeypatch.setenv("SIMULATOR_PASSWORD", PW.get(user, "wrong-password"))
        argv = (*argv, "--user", user)
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def both_languages(err: str) -> bool:
    return len([x for x in err.splitlines() if x.strip()]) >= 2


# ------------------------------------------------------------------ local mode

def test_local_save_history_show_diff_restore(ws, tmp_path, capsys):
    f = scenario_file(tmp_path, "varkaus_cooperative", opening_cash=1000.0)
    assert cli(capsys, "save", f, "--as", "oma", "-m", "eka")[0] == 0
    f = scenario_file(tmp_path, "varkaus_cooperative", opening_cash=2500.0)
    rc, out, err = cli(capsys, "save", f, "--as", "oma", "--base-revision", "0", "-m", "toka", "--lang", "en")
    assert rc == 0 and out.strip() == "saved 'oma' as revision 1"
    assert load(ws / "oma.yaml").opening_cash == 2500.0
    rc, out, _ = cli(capsys, "history", "oma", "--format", "json")
    hist = json.loads(out)
    assert [(h["number"], h["author"], h["role"], h["message"], h["base_revision"]) for h in hist] == \
        [(0, "local", "local", "eka", None), (1, "local", "local", "toka", 0)]
    rc, out, _ = cli(capsys, "history", "oma")
    assert "versio" in out and "toka" in out.splitlines()[-1]
    rc, out, _ = cli(capsys, "diff", "oma", "0", "1", "--lang", "en")
    assert rc == 0 and out.strip() == "opening_cash: 1000.0 → 2500.0"
    rc, out, _ = cli(capsys, "diff", "oma", "0", "1", "--format", "json")
    assert json.loads(out) == [{"path": "opening_cash", "old": 1000.0, "new": 2500.0}]
    rc, out, _ = cli(capsys, "show", "oma", "--revision", "0", "--format", "json")
    assert json.loads(out)["document"] == {"base": "varkaus_cooperative", "name": "CLI", "opening_cash": 1000.0}
    rc, out, _ = cli(capsys, "show", "oma", "--lang", "en")
    assert "rev: 1" in out and "opening_cash: 2500.0" in out
    rc, out, _ = cli(capsys, "restore", "oma", "0", "-m", "takaisin")
    assert rc == 0 and "2" in out and load(ws / "oma.yaml").opening_cash == 1000.0
    assert json.loads(cli(capsys, "history", "oma", "--format", "json")[1])[-1]["message"] == "restored 0: takaisin"


def test_conflict_is_refused_with_both_sets_of_changes_then_merged(ws, tmp_path, capsys):
    f = scenario_file(tmp_path, "varkaus_cooperative")
    assert cli(capsys, "save", f, "--as", "oma")[0] == 0
    theirs = scenario_file(tmp_path, "varkaus_cooperative", "a.yaml", opening_cash=7.0)
    assert cli(capsys, "save", theirs, "--as", "oma", "--base-revision", "0")[0] == 0
    mine = scenario_file(tmp_path, "varkaus_cooperative", "b.yaml", description="oma kuvaus")
    before = sorted(p.name for p in ws.rglob("*"))
    rc, out, err = cli(capsys, "save", mine, "--as", "oma", "--base-revision", "0", "--lang", "en")
    assert rc == 2 and out == ""
    assert "changed by local after revision 0" in err and "versio" in err
    pilot = load(ROOT / "scenarios" / "varkaus_cooperative.yaml")
    assert f"opening_cash: {pilot.opening_cash} → 7.0" in err
    # the pilot's description is {fi, en}: the line names the field and the new text
    assert "description: " in err and "Seitsemän jäsentä" in err and "→ oma kuvaus" in err
    assert "--merge" in err and sorted(p.name for p in ws.rglob("*")) == before
    rc, out, err = cli(capsys, "save", mine, "--as", "oma", "--base-revision", "0", "--merge", "--lang", "en")
    assert rc == 0 and "revision 2" in out
    s = load(ws / "oma.yaml")
    assert (s.opening_cash, s.description) == (7.0, "oma kuvaus")
    # the same value changed differently: no merge, even with --merge
    other = scenario_file(tmp_path, "varkaus_cooperative", "c.yaml", opening_cash=9.0)
    rc, _, err = cli(capsys, "save", other, "--as", "oma", "--base-revision", "0", "--merge")
    assert rc == 2 and "muutettu molemmilla" in err and "opening_cash" in err
    assert load(ws / "oma.yaml").opening_cash == 7.0


@pytest.mark.parametrize("argv, en, fi", [
    (("save", "{f}", "--as", "../etc"), "is not allowed", "ei kelpaa"),
    (("save", "{f}", "--as", "/etc/passwd"), "is not allowed", "ei kelpaa"),
    (("save", "{f}", "--as", "varkaus_cooperative"), "pilot", "pilotti"),
    (("save", "{bad}", "--as", "oma"), "horizon_months", "vähintään"),
    (("save", "{f}", "--as", "oma", "--base-revision", "3"), "does not exist", "ei ole"),
    (("save", "{missing}", "--as", "oma"), "cannot read", "ei voi lukea"),
    (("history", "nothing"), "does not exist", "ei ole"),
    (("restore", "nothing", "0"), "does not exist", "ei ole"),
    (("diff", "a/b", "0", "1"), "is not allowed", "ei kelpaa"),
])
def test_refusals_exit_2_in_both_languages_and_write_nothing(ws, tmp_path, capsys, argv, en, fi):
    fmt = {"f": scenario_file(tmp_path, "varkaus_cooperative"),
           "bad": scenario_file(tmp_path, "varkaus_cooperative", "bad.yaml", horizon_months=0),
           "missing": str(tmp_path / "missing.yaml")}
    rc, out, err = cli(capsys, *[a.format(**fmt) for a in argv])
    assert rc == 2 and en in err and fi in err and "Traceback" not in err
    assert not ws.exists() or [p for p in ws.rglob("*") if p.is_file()] == []


def test_no_traceback_from_a_real_process(ws, tmp_path):
    f = scenario_file(tmp_path, "varkaus_cooperative")
    env = {**os.environ, "SIMULATOR_WORKSPACE": str(ws)}
    env.pop("SIMULATOR_USERS", None)
    p = subprocess.run([sys.executable, "-m", "simulator", "save", f, "--as", "../../x"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "Traceback" not in p.stderr and "ei kelpaa" in p.stderr and not ws.exists()


# ------------------------------------------------------------------ roles

def test_roles_through_the_command_line(users, ws, tmp_path, capsys, monkeypatch):
    def run(*argv, user):
        return cli(capsys, *argv, user=user, monkeypatch=monkeypatch)

    v = scenario_file(tmp_path, "varkaus_cooperative", "v.yaml")
    m = scenario_file(tmp_path, "mikkeli_subcontracting", "m.yaml")
    v2 = scenario_file(tmp_path, "varkaus_cooperative", "v2.yaml", opening_cash=1.0)
    m2 = scenario_file(tmp_path, "mikkeli_subcontracting", "m2.yaml", opening_cash=2.0)
    # a users file is configured: no name, or a wrong password, is refused
    rc, _, err = cli(capsys, "save", v, "--as", "v_anna")
    assert rc == 2 and "--user" in err and both_languages(err)
    rc, _, err = run("save", v, "--as", "v_anna", user="nobody")
    assert rc == 2 and "Log-in failed" in err and "Kirjautuminen epäonnistui" in err
    monkeypatch.setenv("SIMULATOR_PASSWORD", "wrong")
    rc, _, err = cli(capsys, "save", v, "--as", "v_anna", "--user", "anna")
    assert rc == 2 and "Log-in failed" in err
    assert not ws.exists() or not list(ws.glob("*.yaml"))
    # director: own unit yes (new and existing), another unit no
    assert run("save", v, "--as", "v_anna", user="anna")[0] == 0
    rc, _, err = run("save", m, "--as", "m_anna", user="anna")
    assert rc == 2 and "anna (director) may not change scenario 'm_anna'" in err and "johtaja" in err
    assert not (ws / "m_anna.yaml").exists()
    assert run("save", v2, "--as", "v_anna", "--base-revision", "0", user="anna")[0] == 0
    # coordinator: creates any, edits own
    assert run("save", m, "--as", "m_koo", user="koo")[0] == 0
    assert run("save", m2, "--as", "m_koo", "--base-revision", "0", user="koo")[0] == 0
    rc, _, err = run("save", m, "--as", "m_koo", "--base-revision", "1", user="kaisa")
    assert rc == 2 and "kaisa (coordinator)" in err and "omistaja: koo" in err
    rc, _, err = run("restore", "v_anna", "0", user="koo")
    assert rc == 2 and "koo (coordinator)" in err
    # the unit's director edits the coordinator's scenario of the unit; the other director may not
    assert run("restore", "m_koo", "0", user="mika")[0] == 0
    rc, _, err = run("restore", "m_koo", "1", user="anna")
    assert rc == 2 and "mikkeli" in err
    # viewer: reads, changes nothing
    for argv in (("save", v, "--as", "v_ville"), ("save", v2, "--as", "v_anna", "--base-revision", "1"),
                 ("restore", "v_anna", "0")):
        rc, _, err = run(*argv, user="ville")
        assert rc == 2 and "viewers may only read" in err and "katselija voi vain lukea" in err
    assert not (ws / "v_ville.yaml").exists()
    rc, out, _ = cli(capsys, "history", "m_koo", "--format", "json")
    assert rc == 0 and [(h["author"], h["role"]) for h in json.loads(out)] == \
        [("koo", "coordinator"), ("koo", "coordinator"), ("mika", "director")]
    assert load(ws / "v_anna.yaml").opening_cash == 1.0
