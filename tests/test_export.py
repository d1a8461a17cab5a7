"""The spreadsheet export without LibreOffice: structure, cached values,
formulas, safety, CSV dialects, import and its errors, the command line.
(The LibreOffice recalculation checks are in test_export_libreoffice.py.)"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from simulator.engine.projection import project
from simulator.cli import export as export_cli
from simulator.export import fields as F
from simulator.export import importer_open, xml_guard
from simulator.export.csv_dialects import monthly_csv
from simulator.export.importer import diff, read_workbook
from simulator.export.verify import compare, error_cells, formula_cells
from simulator.export.xlsx import EXCEL_2007_FUNCTIONS, ExportError, write_workbook
from simulator.model.problems import ScenarioError, validate
from simulator.model.loader import load

try:
    from .strategies import scenarios
    from .test_export_libreoffice import FEATURES
except ImportError:
    from strategies import scenarios
    from test_export_libreoffice import FEATURES

ROOT = Path(__file__).resolve().parent.parent
PILOTS = [ROOT / "scenarios" / f"{p}.yaml" for p in
          ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")]


@pytest.fixture(scope="module")
def pilot_projections():
    return [project(load(p)) for p in PILOTS]


@pytest.fixture(scope="module")
def pilot_book(pilot_projections, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "pilots.xlsx"
    write_workbook(pilot_projections, path)
    return path


@pytest.fixture(scope="module")
def one_book(pilot_projections, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "one.xlsx"
    write_workbook(pilot_projections[:1], path)
    return path


def test_sheets_and_names(pilot_book):
    wb = openpyxl.load_workbook(pilot_book)
    names = wb.sheetnames
    assert names[:2] == ["Lue minut", "Vertailu"]
    for k in (1, 2, 3):
        for key in ("Yhteenveto", "Kuukaudet", "Oletukset", "Henkilöt", "Laskenta"):
            assert f"{key} {k}" in names
    assert "Parametrit ja lähteet" in names
    assert wb["_data"].sheet_state == "hidden"
    # every scalar input is a named cell, every parameter a named range
    defined = set(wb.defined_names)
    for k in (1, 2, 3):
        for path, _, _ in F.SCALARS + F.ASSUMPTIONS + F.PIPELINE:
            from simulator.export.scenario_sheets import scalar_name
            assert scalar_name(k, path) in defined
    assert {"p_vat_standard_rate", "p_vat_standard_rate_from", "p_tyel_employer_average_age_min"} <= defined
    ws = wb["Kuukaudet 1"]
    assert ws.freeze_panes == "E4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9


def test_english_workbook(pilot_projections, tmp_path):
    path = tmp_path / "en.xlsx"
    write_workbook(pilot_projections[:1], path, lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["Read me", "Summary", "Monthly"]
    assert "Parameters and sources" in wb.sheetnames
    assert compare(openpyxl.load_workbook(path, data_only=True), pilot_projections[:1], lang="en") == []


def test_cached_values_are_the_engine_figures(pilot_book, pilot_projections):
    """Viewers that never recalculate show the formulas' cached values: they
    must be the engine's figures, line by line and KPI by KPI."""
    wb = openpyxl.load_workbook(pilot_book, data_only=True)
    assert compare(wb, pilot_projections) == []
    assert error_cells(wb) == []


def test_calculated_cells_are_formulas(pilot_book, pilot_projections):
    wb = openpyxl.load_workbook(pilot_book)
    assert formula_cells(wb, pilot_projections) == []
    # and the KPIs and chart's source point into the Monthly sheet
    assert wb["Yhteenveto 1"]["C11"].value.startswith("=NPV(")


def test_only_excel_2007_functions(pilot_book):
    """Functions newer than Excel 2007 need an _xlfn. prefix or show #NAME?;
    the formulas use only older ones."""
    wb = openpyxl.load_workbook(pilot_book)
    used = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    used |= set(re.findall(r"([A-Z][A-Z0-9._]*)\(", c.value))
    assert used and used <= EXCEL_2007_FUNCTIONS, used - EXCEL_2007_FUNCTIONS


def test_inputs_are_styled_and_statutory_rates_are_looked_up(pilot_book):
    wb = openpyxl.load_workbook(pilot_book)
    ws = wb["Oletukset 1"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    cell = ws.cell(rows["assumptions.wage_growth"], 3)
    assert cell.value == 0.025 and cell.fill.fgColor.rgb.endswith("FFF2CC")
    calc = wb["Laskenta 1"]
    tyel = next(r for r in range(1, calc.max_row + 1) if calc.cell(r, 2).value == "param:tyel.employer_average")
    assert calc.cell(tyel, 5).value.startswith("=LOOKUP(") and "p_tyel_employer_average" in calc.cell(tyel, 5).value
    params = wb["Parametrit ja lähteet"]
    urls = [params.cell(r, 12).hyperlink for r in range(5, params.max_row + 1) if params.cell(r, 12).value]
    assert urls and all(u is not None for u in urls)


def test_pension_rate_reads_the_scheme_and_the_upper_age_by_birth_year(pilot_book):
    """The employer's pension rate is a live choice among the three schemes,
    within the age limits whose upper end is looked up by birth year."""
    wb = openpyxl.load_workbook(pilot_book)
    calc = wb["Laskenta 1"]
    row = next(r for r in range(1, calc.max_row + 1) if calc.cell(r, 2).value == "pension_rate")
    fx = calc.cell(row, 5).value
    assert "s1_pension_scheme" in fx and '"keva"' in fx and '"tyel_basic"' in fx
    assert "LOOKUP(DATE(" in fx and "p_tyel_upper_age_from" in fx
    params = wb["Parametrit ja lähteet"]
    upper = [r for r in range(1, params.max_row + 1) if params.cell(r, 1).value == "tyel.upper_age"]
    assert [params.cell(r, 5).value for r in upper] == [68, 69, 70]
    assert params.cell(upper[0], 11).value.startswith("syntymävuoden mukaan")


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    data = json.loads(json.dumps(FEATURES[0]))
    s = validate(data)
    assert s.name.startswith("=") and s.budget_owner.startswith("+")
    path = tmp_path / "inj.xlsx"
    write_workbook([project(s)], path)
    with zipfile.ZipFile(path) as zf:
        xml = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>features one" not in xml and "<f>+owner" not in xml and "<f>@cleaning" not in xml
    wb = openpyxl.load_workbook(path)
    ws = wb["Oletukset"]
    found = {c.value: c.data_type for row in ws.iter_rows() for c in row
             if c.value in ("=features one", "+owner", "@cleaning", "-boss", "=members", "@test -1")}
    assert len(found) == 6 and set(found.values()) == {"s"}, found
    assert read_workbook(path).scenario == s
    text = monthly_csv([project(s), project(s)], "standard").decode()
    assert "'=features one" in text


def test_csv_dialects(pilot_projections):
    p = pilot_projections[0]
    std = monthly_csv([p], "standard").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(std)))
    assert len(rows) == 60 and rows[0]["month"] == "2022-01"
    for key in ("wages", "closing_cash", "result"):
        assert abs(float(rows[30][key]) - p.columns[key][30]) <= 0.005
    raw = monthly_csv([p], "fi")
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    head, first, *_ = text.split("\r\n")
    assert head.split(";")[:2] == ["Kuukausi", "Myynti"]
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    j = rows[0].index("Kassa lopussa")
    assert abs(float(rows[31][j].replace(",", ".")) - p.columns["closing_cash"][30]) <= 0.005
    assert "." not in rows[31][j]
    several = monthly_csv(pilot_projections, "fi").decode("utf-8-sig").split("\r\n")
    assert several[0].startswith("Skenaario;Kuukausi") and len([r for r in several if r]) == 181
    with pytest.raises(ValueError):
        monthly_csv([p], "excel")


def test_round_trip_pilots(pilot_book, pilot_projections):
    for k, p in enumerate(pilot_projections, start=1):
        imported = read_workbook(pilot_book, k)
        assert imported.scenario == p.scenario
        assert imported.original == p.scenario
        assert diff(imported.original, imported.scenario) == []


@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(scenarios())
def test_round_trip_random(tmp_path_factory, data):
    s = validate(data)
    path = tmp_path_factory.mktemp("rt") / "r.xlsx"
    write_workbook([project(s)], path)
    assert read_workbook(path).scenario == s


def test_round_trip_features(tmp_path):
    ss = [validate(d) for d in FEATURES]
    path = tmp_path / "f.xlsx"
    write_workbook([project(s) for s in ss], path, lang="en")
    for k, s in enumerate(ss, start=1):
        assert read_workbook(path, k).scenario == s


def test_every_scenario_field_has_a_place_in_the_sheet():
    """A field added to the scenario model must reach the Assumptions sheet
    (or the round trip would silently drop it)."""
    from simulator.model import scenario as sc
    scalars = {p for p, _, _ in F.SCALARS + F.ASSUMPTIONS + F.PIPELINE}
    # uncertainty (ranges, distributions) is not a calculation input: it travels in the
    # hidden _data sheet, and test_round_trip_pilots checks that it comes back
    top = set(sc.Scenario.model_fields) - {"assumptions", "people", "staff", "revenue", "overheads",
                                           "grants", "financing", "pipeline", "uncertainty"}
    assert top <= scalars
    assert {f"assumptions.{f}" for f in sc.Assumptions.model_fields} <= scalars
    assert {f"pipeline.{f}" for f in sc.Pipeline.model_fields if f != "after_conversion"} <= scalars
    ac = {f"pipeline.after_conversion.{f}" for f in sc.AfterConversion.model_fields}
    assert ac <= scalars
    cols = {t: {f for f, _ in c} for t, c in F.TABLES.items()}
    phase_fields = set(sc.WorkActivityPhase.model_fields) | set(sc.AvotyoPhase.model_fields) | \
        set(sc.EmploymentPhase.model_fields)
    assert phase_fields <= cols["phases"] | {"kind"}
    assert set(sc.Person.model_fields) - {"phases"} <= cols["people"]
    assert set(sc.RevenueLine.model_fields) - {"seasonality"} <= cols["revenue"]
    for table, model in (("staff", sc.Staff), ("overheads", sc.Item), ("grants", sc.Grant),
                         ("share_capital", sc.ShareCapital), ("loans", sc.Loan)):
        assert set(model.model_fields) <= cols[table], table
    assert set(sc.Financing.model_fields) == {"share_capital", "loans"}


# ---------------------------------------------------------------------- import errors

def _edit(src: Path, dst: Path, changes: dict):
    """Copy a workbook, changing cells {"Sheet!A1": value}."""
    wb = openpyxl.load_workbook(src)
    for ref, value in changes.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell].value = value
    wb.save(dst)
    return dst


def _error(path, k=1) -> str:
    with pytest.raises(ScenarioError) as info:
        read_workbook(path, k)
    return info.value.render()


def test_import_reports_sheet_and_cell(one_book, tmp_path):
    pilot_book = one_book
    cells = read_workbook(pilot_book, 1).cells
    wage = cells["people[0].phases[1].hourly_wage"]
    growth = cells["assumptions.wage_growth"]
    month = cells["people[2].phases[0].start"]
    bad = _edit(pilot_book, tmp_path / "bad.xlsx", {wage: "lots", growth: 7.5, month: "2022-13"})
    text = _error(bad)
    sheet, cell = wage.split("!")
    assert f"{sheet}!{cell}" in text and "expected a number" in text and "odotettiin lukua" in text
    # the value errors surface after the type errors are fixed
    bad = _edit(pilot_book, tmp_path / "bad2.xlsx", {growth: 7.5, month: "2022-13"})
    text = _error(bad)
    assert growth in text and "less than or equal to 1" in text
    assert month in text and "01-12" in text
    fine = _edit(pilot_book, tmp_path / "fine.xlsx", {wage: "12,5", growth: "0,03"})
    s = read_workbook(fine).scenario  # text with a decimal comma is read as a number
    assert s.people[0].phases[1].hourly_wage == 12.5 and s.assumptions.wage_growth == 0.03


def test_import_reads_the_payroll_rule_inputs(one_book, tmp_path):
    """Issue 14's inputs are cells that come back edited: the pension scheme,
    the accident insurance class, sick days, occupational health care, and an
    overhead's depreciation period (set, changed); a bad scheme names its cell."""
    cells = read_workbook(one_book, 1).cells
    a = "assumptions."
    changes = {a + "pension_scheme": "keva", a + "accident_insurance_class": "average",
               a + "sick_days_per_year": 10.5, a + "occupational_health_per_person": 260,
               "overheads[9].depreciation_years": 2, "overheads[10].depreciation_years": 3}
    imported = read_workbook(_edit(one_book, tmp_path / "e.xlsx", {cells[k]: v for k, v in changes.items()}))
    s, before = imported.scenario, imported.original
    assert (before.assumptions.pension_scheme, before.overheads[9].depreciation_years) == ("tyel_basic", None)
    assert (s.assumptions.pension_scheme, s.assumptions.accident_insurance_class) == ("keva", "average")
    assert (s.assumptions.sick_days_per_year, s.assumptions.occupational_health_per_person) == (10.5, 260)
    assert (s.overheads[9].depreciation_years, s.overheads[10].depreciation_years) == (2, 3)
    assert len(diff(before, s)) == len(changes)
    text = _error(_edit(one_book, tmp_path / "b.xlsx", {cells[a + "pension_scheme"]: "tyel"}))
    assert cells[a + "pension_scheme"] in text and "keva" in text


def test_import_unknown_person_and_bad_choice(one_book, tmp_path):
    pilot_book = one_book
    imported = read_workbook(pilot_book, 1)
    cells = imported.cells
    sheet, cell = cells["people[0].phases[0].kind"].split("!")
    row = int(re.sub(r"\D", "", cell))
    bad = _edit(pilot_book, tmp_path / "p.xlsx", {f"{sheet}!B{row}": "Nobody",
                                                  cells["assumptions.vat_registered"]: "maybe"})
    text = _error(bad)
    assert "Nobody" in text and f"{sheet}!B{row}" in text
    assert cells["assumptions.vat_registered"] in text and "TRUE or FALSE" in text


def test_import_not_ours_damaged_too_large(pilot_book, tmp_path, monkeypatch):
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(other)
    assert "not a workbook exported by this program" in _error(other)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(pilot_book.read_bytes()[:50_000])
    assert "not an .xlsx workbook" in _error(damaged)
    text = tmp_path / "text.xlsx"
    text.write_text("just text")
    assert "zip" in _error(text)
    monkeypatch.setattr(xml_guard, "MAX_BYTES", 1000)         # the one set of bounds (upload and import)
    assert "larger than" in _error(pilot_book)
    monkeypatch.setattr(xml_guard, "MAX_BYTES", 10_000_000)
    monkeypatch.setattr(xml_guard, "MAX_UNPACKED", 1000)
    assert "too large when unpacked" in _error(pilot_book)
    monkeypatch.setattr(xml_guard, "MAX_UNPACKED", 60_000_000)
    assert "has 3 scenario(s)" in _error(pilot_book, 4)
    missing = tmp_path / "missing.xlsx"
    assert "cannot read file" in _error(missing)


def test_import_too_many_rows(pilot_book, tmp_path, monkeypatch):
    monkeypatch.setattr(importer_open, "MAX_ROWS", 50)
    assert "more than 50 rows" in _error(pilot_book)


def test_export_refuses_over_long_text(pilot_projections, tmp_path):
    s = pilot_projections[0].scenario.model_copy(update={"description": "x" * 40000})
    with pytest.raises(ExportError) as info:
        write_workbook([project(s)], tmp_path / "long.xlsx")
    assert "32767" in str(info.value) and not (tmp_path / "long.xlsx").exists()


def test_safe_filename():
    f = export_cli.safe_filename
    assert f("Varkaus – työosuuskunta") == "varkaus-tyoosuuskunta"
    assert f("../../etc/passwd") == "etc-passwd"
    assert f("=cmd|' /C calc'!A0") == "cmd-c-calc-a0"
    assert f("") == "scenario" and f("ääää") == "aaaa" and f("CON") == "_con"
    assert len(f("a" * 500)) == 80


# ---------------------------------------------------------------------- command line

def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "simulator", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_cli_export_and_import(tmp_path):
    out = tmp_path / "pilots.xlsx"
    r = _cli("export", PILOTS[0], PILOTS[1], "-o", out)
    assert r.returncode == 0, r.stderr
    assert out.exists() and oct(out.stat().st_mode & 0o777) == "0o644"
    wb = openpyxl.load_workbook(out)
    cells = read_workbook(out, 1).cells
    sheet, cell = cells["people[0].phases[1].hourly_wage"].split("!")
    wb[sheet][cell].value = 12.0
    wb.save(out)
    saved = tmp_path / "varkaus.yaml"
    r = _cli("import", out, "-o", saved, "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert "people[0].phases[1].hourly_wage: 11.06 → 12" in r.stdout
    s = load(saved)
    want = load(PILOTS[0])
    assert s.people[0].phases[1].hourly_wage == 12.0
    assert diff(want, s) == [("people[0].phases[1].hourly_wage", 11.06, 12.0)]
    r = _cli("import", out, "--scenario", 2)
    assert r.returncode == 0 and "Ei muutoksia" in r.stdout
    csv_out = tmp_path / "m.csv"
    r = _cli("export", PILOTS[0], "-o", csv_out)
    assert r.returncode == 0 and csv_out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_default_name_is_sanitised(tmp_path):
    r = _cli("export", PILOTS[0], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "varkaus-tyoosuuskunta.xlsx").exists()


def test_cli_bad_input_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nmodel: nothing\n")
    out = tmp_path / "o.xlsx"
    r = _cli("export", PILOTS[0], bad, "-o", out)
    assert r.returncode == 2 and "model" in r.stderr and "sallitut arvot" in r.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]
    r = _cli("export", PILOTS[0], "-o", tmp_path / "o.pdf")
    assert r.returncode == 2 and "must end with" in r.stderr and "päätteen" in r.stderr
    r = _cli("export", PILOTS[0], "-o", tmp_path / "no" / "such" / "dir.xlsx")
    assert r.returncode == 2 and "does not exist" in r.stderr
    r = _cli("import", bad)
    assert r.returncode == 2 and "zip" in r.stderr and "Traceback" not in r.stderr
    r = _cli("import", tmp_path / "nothing.xlsx", "-o", tmp_path / "n.yaml")
    assert r.returncode == 2 and not (tmp_path / "n.yaml").exists()


def test_the_engine_never_imports_the_exporter():
    code = ("import sys, simulator.engine, simulator.compare, simulator.cli.main; "
            "bad = [m for m in sys.modules if m.startswith('simulator.export') and m != 'simulator.export' "
            "and m != 'simulator.cli.export'] + [m for m in sys.modules if m.startswith('xlsxwriter')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    for path in (ROOT / "simulator").glob("*.py"):
        if path.name not in ("__main__.py", "intake.py", "textout.py"):   # the CLI, its CSV and uploads
            assert "simulator.export" not in path.read_text() and "from .export" not in path.read_text()


# ---------------------------------------------------------------------- person and public-purse sheets

from simulator.export.person_sheets import (FIRST_ROW, PERSON_COLUMNS, PERSON_FIRST_COL,  # noqa: E402
                                            SUMMARY_COLUMNS, SUMMARY_FIRST_COL)
from simulator.person.income import baseline_scenario, person_view  # noqa: E402
from simulator.person.public import PAYERS, public_purse  # noqa: E402

CENT = 0.01


def _views_and_purse(p):
    s, params = p.scenario, p.context.params
    base = project(baseline_scenario(s), params)
    views = [person_view(s, x.id, params, projection=p, baseline=base) for x in s.people]
    return views, public_purse(s, params, projection=p)


def _person_rows(ws):
    """{(person, year or "total"): {column key: value}} of a People – net income sheet."""
    out = {}
    for r in range(FIRST_ROW + 1, ws.max_row + 1):
        pid, year = ws.cell(r, 1).value, ws.cell(r, 2).value
        if pid is None or year is None or ws.cell(r, PERSON_FIRST_COL + 1).value is None:
            continue
        if not isinstance(year, int) and year not in ("Yhteensä", "Total"):
            continue
        key = (pid, year if isinstance(year, int) else "total")
        out[key] = {k: ws.cell(r, PERSON_FIRST_COL + 1 + c).value for c, (k, _, _) in enumerate(PERSON_COLUMNS)}
    return out


def _public_rows(ws, n_years):
    """{key in column B: (values by year, total, per person-year)} of a Public purse sheet."""
    out = {}
    for r in range(FIRST_ROW + 1, ws.max_row + 1):
        key = ws.cell(r, 2).value
        if isinstance(key, str) and key:
            out[key] = ([ws.cell(r, 3 + k).value for k in range(n_years)], ws.cell(r, 3 + n_years).value,
                        ws.cell(r, 4 + n_years).value)
    return out


def _near(got, want):
    if want is None or want != want:        # None, or NaN (a tax rate in a year earnings do not rise)
        return got == "–"
    return isinstance(got, (int, float)) and abs(got - float(want)) <= CENT


def test_person_and_public_sheets_exist(pilot_book):
    wb = openpyxl.load_workbook(pilot_book)
    names = wb.sheetnames
    for k in (1, 2, 3):
        i = names.index(f"Kuukaudet {k}")
        assert names[i + 1:i + 3] == [f"Henkilöt – nettotulot {k}", f"Julkinen talous {k}"]
        for name in (f"Henkilöt – nettotulot {k}", f"Julkinen talous {k}"):
            ws = wb[name]
            assert ws["A2"].value.startswith("ARVOJA, EI KAAVOJA")   # the values note at the top
            assert ws.freeze_panes == ("C5")
            assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
            assert ws.print_title_rows == "$4:$4"
            # values, not formulas
            assert not any(isinstance(c.value, str) and c.value.startswith("=")
                           for row in ws.iter_rows() for c in row)
            # euro format on the money cells
        assert "€" in wb[f"Henkilöt – nettotulot {k}"].cell(FIRST_ROW + 1, PERSON_FIRST_COL + 3).number_format
    readme = " ".join(str(c.value) for row in wb["Lue minut"].iter_rows() for c in row if c.value)
    assert "Henkilöt – nettotulot" in readme and "Julkinen talous" in readme
    assert "arvoja, ei kaavoja" in readme


def test_person_sheet_equals_person_view(pilot_book, pilot_projections):
    wb = openpyxl.load_workbook(pilot_book, data_only=True)
    for k, p in enumerate(pilot_projections, start=1):
        views, _ = _views_and_purse(p)
        rows = _person_rows(wb[f"Henkilöt – nettotulot {k}"])
        assert {pid for pid, _ in rows} == {v.person.id for v in views}
        for v in views:
            y = v.yearly()
            years = [int(x) for x in y["year"]]
            er = v.lines["earnings_related_rests"]
            m_year = [int(m[:4]) for m in v.months]
            for rec, year in zip(y.to_dict(orient="records"), years):
                got = rows[(v.person.id, year)]
                for key, _, _ in PERSON_COLUMNS:
                    want = (sum(x for x, yy in zip(er, m_year) if yy == year) if key == "earnings_related_rests"
                            else rec[key])
                    assert _near(got[key], want), (k, v.person.id, year, key, got[key], want)
            total = rows[(v.person.id, "total")]
            for key in ("gross_pay", "tyoosuusraha", "income_tax", "net_income", "change", "tyel_accrual"):
                assert _near(total[key], v.lines[key].sum() if key != "change" else v.change.sum())
            summary = v.summary()
            assert _near(total["net_income"], summary["net_income_total"])
            assert _near(total["change"], summary["change_total"])
        # the summary by person
        ws = wb[f"Henkilöt – nettotulot {k}"]
        hits = 0
        for r in range(1, ws.max_row + 1):
            v = next((v for v in views if v.person.id == ws.cell(r, 1).value), None)
            if v is None or ws.cell(r, 2).value is not None:
                continue
            summ = v.summary()
            for c, (key, _) in enumerate(SUMMARY_COLUMNS):
                assert _near(ws.cell(r, SUMMARY_FIRST_COL + 1 + c).value, summ[key]), (v.person.id, key)
            hits += 1
        assert hits == len(views)


def test_public_sheet_equals_public_purse(pilot_book, pilot_projections):
    wb = openpyxl.load_workbook(pilot_book, data_only=True)
    for k, p in enumerate(pilot_projections, start=1):
        _, purse = _views_and_purse(p)
        by_year = purse.by_year()
        rows = _public_rows(wb[f"Julkinen talous {k}"], len(by_year))
        kpis = purse.kpis()
        for key, value in kpis.items():
            assert _near(rows[f"kpi:{key}"][1], value), (k, key)
        bp = purse.by_payer()
        for q in PAYERS:
            per_year, total, _ = rows[f"net:{q}"]
            assert _near(total, bp[q]["net_cost"])
            assert all(_near(g, w[q]) for g, w in zip(per_year, by_year))
            per_year, total, _ = rows[f"{q}:net"]
            assert _near(total, bp[q]["net_cost"])
            for side in ("paid_out", "received"):
                for line, value in bp[q][side].items():
                    if abs(value) < 0.005:
                        continue
                    per_year, total, _ = rows[f"{q}:{side}:{line}"]
                    assert _near(total, value), (k, q, side, line)
                    assert abs(sum(per_year) - value) <= CENT
        per_year, total, per_py = rows["net:total"]
        assert _near(total, purse.net_cost)
        assert all(_near(g, w["total"]) for g, w in zip(per_year, by_year))
        assert _near(per_py, kpis["net_cost_per_person_year"])
        for who, d in purse.per_person().items():
            per_year, total, per_py = rows[f"person:{who}"]
            assert _near(total, d["net_cost"]) and _near(per_py, d["per_person_year"])
            assert abs(sum(per_year) - d["net_cost"]) <= CENT


def test_comparison_links_the_public_purse_and_net_income(pilot_book, pilot_projections):
    wb = openpyxl.load_workbook(pilot_book)
    values = openpyxl.load_workbook(pilot_book, data_only=True)["Vertailu"]
    ws = wb["Vertailu"]
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value}
    for k, p in enumerate(pilot_projections, start=1):
        views, purse = _views_and_purse(p)
        kpis = purse.kpis()
        bp = purse.by_payer()
        for key, want in [("net_public_cost", kpis["net_public_cost"]),
                          ("net_cost_per_person_year", kpis["net_cost_per_person_year"]),
                          ("net_cost_per_paid_hour", kpis["net_cost_per_paid_hour"])] + \
                [(f"net_{q}", bp[q]["net_cost"]) for q in PAYERS]:
            r = rows[f"public:{key}"]
            assert ws.cell(r, 2 + k).value.startswith(f"='Julkinen talous {k}'!")
            assert _near(values.cell(r, 2 + k).value, want), (k, key)
        for v in views:
            r = rows[f"person:{v.person.id}:net_income"]
            assert ws.cell(r, 2 + k).value.startswith(f"='Henkilöt – nettotulot {k}'!")
            assert _near(values.cell(r, 2 + k).value, v.lines["net_income"].sum())
            assert _near(values.cell(rows[f"person:{v.person.id}:change"], 2 + k).value, v.change.sum())
    # differences from the first scenario
    r = rows["public:net_public_cost"]
    assert _near(values.cell(r, 6).value, values.cell(r, 4).value - values.cell(r, 3).value)


def test_person_sheets_in_english_with_warnings(pilot_projections, tmp_path):
    """English labels, and a person whose pay passes the earnings limit: the
    warning with its months is on the sheet as text."""
    data = pilot_projections[0].scenario.model_dump(mode="json")
    data["people"][0]["phases"][1]["hourly_wage"] = 20.0
    data["name"] = "=over the limit"
    s = validate(data)
    p = project(s)
    path = tmp_path / "en.xlsx"
    write_workbook([p, pilot_projections[1]], path, lang="en")
    wb = openpyxl.load_workbook(path, data_only=True)
    assert {"People – net income 1", "Public purse 1", "People – net income 2", "Public purse 2"} <= set(wb.sheetnames)
    ws = wb["People – net income 1"]
    assert ws["A1"].value == "People – net income — =over the limit" and ws["A1"].data_type == "s"
    assert ws["A2"].value.startswith("VALUES, NOT FORMULAS")
    header = [ws.cell(FIRST_ROW, c).value for c in range(1, PERSON_FIRST_COL + len(PERSON_COLUMNS) + 1)]
    assert header[:3] == ["Person", "Year", "Months"] and "Net income" in header and "Gross pay" in header
    assert "Kela pension rests (months)" in header
    texts = [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    views, purse = _views_and_purse(p)
    v = views[0]
    assert v.all_notes(), "the case should warn"
    for n in v.all_notes():
        assert n.text("en") in texts
    assert any("earnings limit" in t and "M1" in t for t in texts)
    rows = _person_rows(ws)
    assert rows[("M1", "total")]["kela_pension_rests"] > 0
    assert _near(rows[("M1", "total")]["kela_pension_rests"], v.lines["kela_rests"].sum())
    pub = wb["Public purse 1"]
    assert pub["A2"].value.startswith("VALUES, NOT FORMULAS")
    labels = [pub.cell(r, 1).value for r in range(1, pub.max_row + 1)]
    assert "Net public cost" in labels and "Net cost per paid hour" in labels and "Kela" in labels
    comp = wb["Comparison"]
    labels = [comp.cell(r, 1).value for r in range(1, comp.max_row + 1)]
    assert "Public purse (from the values of the Public purse sheets)" in labels
    assert "M1: Net income" in labels
    readme = " ".join(str(c.value) for row in wb["Read me"].iter_rows() for c in row if c.value)
    assert "hold values, not formulas" in readme


def test_person_input_problem_is_refused_before_anything_is_written(pilot_projections, tmp_path):
    """A person-level input that needs two fields (hoitotuki without a
    pension) is a scenario problem: validation names the field in both
    languages, so no workbook with half its sheets is ever written."""
    data = pilot_projections[1].scenario.model_dump(mode="json")
    i, person = next((i, x) for i, x in enumerate(data["people"]) if not x.get("disability_pension"))
    person["hoitotuki"] = "basic"
    with pytest.raises(ScenarioError) as err:
        validate(data)
    text = err.value.render()
    assert f"people[{i}].hoitotuki" in text and "needs a pension" in text and "edellyttää eläkettä" in text


def test_person_sheets_of_a_scenario_without_people(tmp_path):
    s = validate(FEATURES[3])
    path = tmp_path / "empty.xlsx"
    write_workbook([project(s)], path)
    wb = openpyxl.load_workbook(path, data_only=True)
    texts = [c.value for row in wb["Henkilöt – nettotulot"].iter_rows() for c in row if c.value]
    assert "Skenaariossa ei ole henkilöitä." in texts
    assert "Julkinen nettokustannus" in [c.value for row in wb["Julkinen talous"].iter_rows() for c in row]
