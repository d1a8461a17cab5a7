"""Two compared scenarios with the same ``name:`` (issue 17, item 3): each
keeps its own column, key and rows in every view, the later one shown as
``Name (2)`` with a note saying so. Two cases: two files with one name, and
one file given twice."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from simulator.cli.main import main
from simulator.compare.side_by_side import distinct, keys
from simulator.compare.verdict import unique_names
from simulator.engine.projection import project
from simulator.model.jsonio import strict_loads
from simulator.model.loader import load

ROOT = Path(__file__).resolve().parent.parent
VARKAUS = str(ROOT / "scenarios" / "varkaus_cooperative.yaml")
NAME = "Varkaus – työosuuskunta"
SECOND = f"{NAME} (2)"


@pytest.fixture(params=["same_file_twice", "two_files_one_name"])
def pair(request, tmp_path):
    if request.param == "same_file_twice":
        return [VARKAUS, VARKAUS]
    other = tmp_path / "other.yaml"     # Mikkeli's model under Varkaus's name
    other.write_text(f"base: mikkeli_subcontracting\nname: {NAME}\n", encoding="utf-8")
    return [VARKAUS, str(other)]


def cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    return out


def test_unique_keys_number_a_repeated_name_and_skip_a_taken_one():
    assert unique_names(None, ["A", "B"]) == ["A", "B"]
    assert unique_names(None, ["A", "A", "A"]) == ["A", "A (2)", "A (3)"]
    assert unique_names(None, ["A", "A", "A (2)"]) == ["A", "A (3)", "A (2)"]   # "A (2)" is a later one's name
    assert unique_names(None, ["A (2)", "A", "A"]) == ["A (2)", "A", "A (3)"]


def test_distinct_renames_only_the_repeated_one_and_notes_it():
    p = project(load(VARKAUS))
    a, b = distinct([p, p])
    assert a is p and a.scenario.name == NAME           # the first untouched (the same object)
    assert b.scenario.name == SECOND and p.scenario.name == NAME   # a copy; the original not changed
    note = [w for w in b.warnings if w.code == "cmp_same_name"]
    assert len(note) == 1 and NAME in note[0].render("fi") and SECOND in note[0].render("en")
    assert keys([p, p]) == [NAME, SECOND]


def test_table(capsys, pair):
    out = cli(capsys, "compare", *pair)
    head = out.index(f"{NAME}  {SECOND}")          # both columns in the KPI table
    assert head > 0
    assert out.index("nimellä ”" + SECOND + "”") < out.index("Johtopäätös")   # the note before the verdict


def test_json(capsys, pair):
    doc = strict_loads(cli(capsys, "compare", *pair, "--format", "json"))
    assert [s["scenario"]["key"] for s in doc["scenarios"]] == [NAME, SECOND]
    for part in ("comparison", "parties", "volumes"):
        assert list(doc[part]) == [NAME, SECOND], part
    assert all(set(row) == {NAME, SECOND} for row in doc["people_gain"].values())
    assert set(doc["verdict"]["organisation"]["figure"]) == {NAME, SECOND}
    assert [c["code"] for c in doc["comparability"]].count("cmp_same_name") == 1
    assert any(w["code"] == "cmp_same_name" for w in doc["scenarios"][1]["warnings"])


def test_csv(capsys, pair):
    rows = list(csv.DictReader(io.StringIO(cli(capsys, "compare", *pair, "--format", "csv"))))
    assert [r["scenario"] for r in rows].count(NAME) == 60 and [r["scenario"] for r in rows].count(SECOND) == 60


def test_workbook_export(capsys, pair, tmp_path):
    out = tmp_path / "both.xlsx"
    cli(capsys, "export", *pair, "-o", str(out))
    wb = openpyxl.load_workbook(out, read_only=True)
    texts = {str(c) for ws in wb.worksheets for row in ws.iter_rows(max_row=40, values_only=True) for c in row if c}
    assert NAME in texts and any(SECOND in t for t in texts)
    csv_out = tmp_path / "both.csv"
    cli(capsys, "export", *pair, "-o", str(csv_out))
    names = [line.split(";")[0] for line in csv_out.read_text(encoding="utf-8-sig").splitlines()[1:]]
    assert names.count(NAME) == 60 and names.count(SECOND) == 60


def test_brief(capsys, pair, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "both.pdf"
    cli(capsys, "brief", *pair, "-o", str(out), "--draws", "20")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "(2)" in text
