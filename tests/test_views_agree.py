"""Every figure that two views share is the same figure (issue 12).

For each pilot the engine's numbers are read through every view that shows
them, and compared:

- ``run --format json`` (the contract) is the reference;
- the readable CLI table (Finnish) shows each of its key figures exactly as
  the catalogue formats the JSON value;
- ``run --format csv`` and the Finnish CSV dialect (``export -o x.csv``)
  carry every monthly line of the JSON to the cent;
- the workbook's Summary and Monthly sheets (cached values) equal the JSON
  (their live formulas are recalculated against the engine in
  tests/test_export.py and tests/test_export_libreoffice.py);
- the app's Tulokset page (AppTest) shows the headline and total key figures
  as the catalogue formats the JSON value;
- ``compare --format json`` embeds the same run for each scenario.

The person's figures across views are in tests/test_people_outputs.py; the
app's CSV download against the CLI's bytes in tests/test_csv_one_writer.py.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from conftest import PILOTS, start_app

from simulator.cli.main import main
from simulator.engine import catalogue
from simulator.engine.display import format_value, kpi_label
from simulator.export.verify import compare as workbook_vs_engine
from simulator.export.xlsx import write_workbook
from simulator.engine.projection import project
from simulator.i18n import fmt_month, label
from simulator.model.loader import load

ROOT = Path(__file__).resolve().parent.parent


def _cli(capsys, *args) -> str:
    code = main([str(a) for a in args])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


@pytest.fixture(scope="module")
def runs():
    """The JSON contract of each pilot, computed once."""
    out = {}
    for pilot in PILOTS:
        out[pilot] = json.loads(json.dumps(project(load(ROOT / "scenarios" / f"{pilot}.yaml")).to_dict()))
    return out


def _csv_rows(text: str, delimiter: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


@pytest.mark.parametrize("pilot", PILOTS)
def test_cli_json_table_and_csv_agree(pilot, capsys):
    path = ROOT / "scenarios" / f"{pilot}.yaml"
    doc = json.loads(_cli(capsys, "run", path, "--format", "json"))
    table = _cli(capsys, "run", path, "--lang", "fi")
    for key in catalogue.RUN_KPIS:
        if key == "irr" and doc["kpis"]["irr"] is None:
            continue                    # shown with its reason (tests/test_cli.py)
        text = format_value(key, doc["kpis"][key], "fi")
        line = next(ln for ln in table.splitlines() if ln.startswith(kpi_label(key, "fi")))
        assert line.rstrip().endswith(text), (key, line, text)
    rows = _csv_rows(_cli(capsys, "run", path, "--format", "csv"), ",")
    assert [r["month"] for r in rows] == [m["month"] for m in doc["months"]]
    for r, m in zip(rows, doc["months"]):
        for k, v in m.items():
            if k != "month":
                assert float(r[k]) == pytest.approx(v, abs=0.006), (m["month"], k)


@pytest.mark.parametrize("pilot", PILOTS)
def test_finnish_csv_agrees_with_json(pilot, runs, capsys, tmp_path):
    out = tmp_path / "kassa.csv"
    _cli(capsys, "export", ROOT / "scenarios" / f"{pilot}.yaml", "-o", out, "--csv-dialect", "fi")
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = _csv_rows(raw.decode("utf-8"), ";")
    months = runs[pilot]["months"]
    assert len(rows) == len(months)
    keys = [k for k in months[0] if k != "month"]
    header = list(rows[0])
    assert header[0] == catalogue_label("month")
    for r, m in zip(rows, months):
        for k, col in zip(keys, header[1:]):
            assert float(r[col].replace(",", ".")) == pytest.approx(m[k], abs=0.006), (m["month"], k)


def catalogue_label(key: str) -> str:
    return label(key, "fi")


@pytest.mark.parametrize("pilot", PILOTS)
def test_workbook_cached_figures_equal_the_json(pilot, runs, tmp_path):
    p = project(load(ROOT / "scenarios" / f"{pilot}.yaml"))
    path = tmp_path / "w.xlsx"
    write_workbook([p], path, lang="fi")
    wb = openpyxl.load_workbook(path, data_only=True)
    assert workbook_vs_engine(wb, [p], lang="fi") == []
    # and the engine figures verify() compared are the JSON's (one projection, one contract)
    assert json.loads(json.dumps(p.to_dict()))["kpis"] == runs[pilot]["kpis"]


def test_compare_json_embeds_the_same_runs(runs, capsys):
    doc = json.loads(_cli(capsys, "compare", *[ROOT / "scenarios" / f"{p}.yaml" for p in PILOTS],
                          "--format", "json"))
    for got, pilot in zip(doc["scenarios"], PILOTS):
        assert got["kpis"] == runs[pilot]["kpis"]
        assert got["months"] == runs[pilot]["months"]


@pytest.mark.parametrize("pilot", PILOTS)
def test_results_page_shows_the_json_key_figures(pilot, runs):
    at = start_app(page="ui/pages/results.py", s=pilot)
    shown = {m.label: m.value for m in at.metric}
    kpis = runs[pilot]["kpis"]
    for key in catalogue.HEADLINE_KPIS + catalogue.TOTAL_KPIS:
        title = kpi_label(key, "fi", short=True)
        if key == "min_cash" and kpis["min_cash_month"]:
            title = label("ui.min_cash_in", "fi").format(month=fmt_month(kpis["min_cash_month"], "fi"))
        assert shown.get(title) == format_value(key, kpis[key], "fi"), (key, title, shown)
