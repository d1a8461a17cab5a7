"""Reads and writes outside the rules (issue 17, item 6): ``base:`` names a
scenario file, never a path, and a link leading out of its folder is not
read; every file the command line writes goes through one check that
refuses the pilots, ``data/``, the workspace's own folders, links and folders."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.model.loader import load
from simulator.model.problems import ScenarioError
from simulator.model.scenario import SCENARIO_DIR
from simulator.store import Store
from simulator.store.access import LOCAL_USER

ROOT = Path(__file__).resolve().parent.parent
VARKAUS = SCENARIO_DIR / "varkaus_cooperative.yaml"
MARK = "Ulkopuolinen salaisuus"      # a name only the outside file holds


@pytest.fixture
def ws(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "ws"
    d.mkdir()
    monkeypatch.setenv("SIMULATOR_WORKSPACE", str(d))
    monkeypatch.delenv("SIMULATOR_USERS", raising=False)
    return d


@pytest.fixture
def outside(tmp_path) -> Path:
    """A valid scenario outside every allowed folder."""
    d = tmp_path / "outside"
    d.mkdir()
    (d / "other.yaml").write_text(f"base: varkaus_cooperative\nname: {MARK}\n", encoding="utf-8")
    return d / "other.yaml"


def cli(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(str(p).encode() + p.read_bytes())
    return h.hexdigest()


# ------------------------------------------------------------------ base:

@pytest.mark.parametrize("base", ["/etc/passwd", "../../../../etc/passwd", "/etc/hostname", "..",
                                  ".hidden", "sub/x", "a\\b"])
def test_a_base_that_is_a_path_is_refused_from_the_cli(tmp_path, ws, capsys, base):
    f = tmp_path / "s.yaml"
    f.write_text(f"base: {base!r}\nname: x\n", encoding="utf-8")
    rc, out, err = cli(capsys, "run", f)
    assert rc == 2 and out == "" and "Traceback" not in err
    assert "not a path" in err and "ei polkua" in err and str(f) in err
    assert "root:" not in err


def test_a_base_link_in_the_same_folder_leading_out_is_not_read(tmp_path, ws, outside, capsys):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "pohja.yaml").symlink_to(outside)
    f = d / "s.yaml"
    f.write_text("base: pohja\nname: x\n", encoding="utf-8")
    rc, out, err = cli(capsys, "run", f, "--format", "json")
    assert rc == 2 and "link leading out of its folder" in err and "linkki kansion" in err
    assert MARK not in out + err


def test_a_base_link_in_the_workspace_leading_out_is_not_read(tmp_path, ws, outside):
    (ws / "evil.yaml").symlink_to(outside)
    f = tmp_path / "s.yaml"
    f.write_text("base: evil\nname: x\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as e:
        load(f)
    assert "link leading out" in e.value.render("en") and str(ws) in e.value.render("en")


def test_a_saved_scenario_based_on_a_planted_link_is_refused(ws, outside):
    (ws / "evil.yaml").symlink_to(outside)
    with pytest.raises(Exception) as e:
        Store(ws).create("oma", {"base": "evil", "name": "Oma"}, user=LOCAL_USER)
    assert "link" in str(e.value) and MARK not in str(e.value)
    assert not (ws / "oma.yaml").exists()


def test_allowed_bases_still_work(tmp_path, ws):
    """A pilot, a file beside the one run, a workspace scenario, and a link that
    stays in its folder."""
    d = tmp_path / "mine"
    d.mkdir()
    (d / "pohja.yaml").write_text("base: varkaus_cooperative\nname: Pohja\nopening_cash: 1234\n")
    (d / "a.yaml").write_text("base: pohja\nname: A\n")
    assert load(d / "a.yaml").opening_cash == 1234
    (d / "alias.yaml").symlink_to(d / "pohja.yaml")
    (d / "b.yaml").write_text("base: alias.yaml\nname: B\n")
    assert load(d / "b.yaml").opening_cash == 1234
    (ws / "tyo.yaml").write_text("base: varkaus_cooperative\nname: Työ\nopening_cash: 42\n")
    (d / "c.yaml").write_text("base: tyo\nname: C\n")
    assert load(d / "c.yaml").opening_cash == 42


# ------------------------------------------------------------------ -o / --write

@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wb") / "varkaus.xlsx"
    assert main(["export", str(VARKAUS), "-o", str(out)]) == 0
    return out


def test_import_cannot_overwrite_a_pilot(workbook, capsys):
    """The issue's example."""
    before = digest(SCENARIO_DIR)
    for target in (VARKAUS, SCENARIO_DIR / "uusi.yaml", Path("scenarios/pieksamaki_salaried.yaml")):
        rc, out, err = cli(capsys, "import", workbook, "-o", target)
        assert rc == 2 and "will not overwrite a pilot scenario" in err and "pilottiskenaariota ei korvata" in err
        assert str(target) in err and "Traceback" not in err
    assert digest(SCENARIO_DIR) == before


def test_nothing_is_written_into_data_or_the_workspace_folders(workbook, ws, capsys):
    data = ROOT / "data"
    before = digest(data)
    rc, _, err = cli(capsys, "import", workbook, "-o", data / "parameters" / "x.yaml")
    assert rc == 2 and "statutory parameters" in err and "lakisääteiset parametrit" in err
    rc, _, err = cli(capsys, "export", VARKAUS, "-o", data / "x.csv")
    assert rc == 2 and "statutory parameters" in err
    assert digest(data) == before
    (ws / ".history").mkdir()
    rc, _, err = cli(capsys, "import", workbook, "-o", ws / ".history" / "x.yaml")
    assert rc == 2 and "workspace's own folder" in err and "työkansion oma kansio" in err
    assert list((ws / ".history").iterdir()) == []


def test_no_file_is_written_through_a_link(workbook, tmp_path, capsys):
    target = tmp_path / "target.yaml"
    target.write_text("alkuperäinen\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    rc, _, err = cli(capsys, "import", workbook, "-o", link)
    assert rc == 2 and "symbolic link" in err and "symbolinen linkki" in err and str(link) in err
    (tmp_path / "link.xlsx").symlink_to(tmp_path / "nowhere.xlsx")
    rc, _, err = cli(capsys, "export", VARKAUS, "-o", tmp_path / "link.xlsx")
    assert rc == 2 and "symbolic link" in err
    (tmp_path / "link.pdf").symlink_to(tmp_path / "nowhere.pdf")
    rc, _, err = cli(capsys, "brief", VARKAUS, "-o", tmp_path / "link.pdf")
    assert rc == 2 and "symbolic link" in err
    rc, _, err = cli(capsys, "solve", VARKAUS, "--assumption", "revenue[Siivous].price",
                     "--goal", "break_even_by:2024-12", "--write", link, "--force")
    assert rc == 2 and "--write" in err and "symbolic link" in err
    assert target.read_text() == "alkuperäinen\n" and link.is_symlink()
    assert not (tmp_path / "nowhere.xlsx").exists() and not (tmp_path / "nowhere.pdf").exists()


def test_folders_and_missing_folders_are_refused(workbook, tmp_path, capsys):
    (tmp_path / "d.yaml").mkdir()
    rc, _, err = cli(capsys, "import", workbook, "-o", tmp_path / "d.yaml")
    assert rc == 2 and "is a folder" in err and "on kansio" in err
    rc, _, err = cli(capsys, "import", workbook, "-o", tmp_path / "no" / "x.yaml")
    assert rc == 2 and "does not exist" in err and "ei ole" in err
    rc, _, err = cli(capsys, "import", workbook, "-o", tmp_path / "ok.yaml")
    assert rc == 0 and (tmp_path / "ok.yaml").is_file()
