"""Scenario workbooks with live formulas (``.xlsx``).

Why XlsxWriter and not openpyxl: the export is write-only, and XlsxWriter
writes each formula *with its cached value* (``write_formula(..., value=)``),
so viewers that never recalculate (previewers, mobile apps, PDF converters)
still show the engine's figures; openpyxl writes formulas without cached
values. XlsxWriter also has native charts, defined names, data validation,
print set-up and is fast on large sheets. openpyxl is used only to *read*
workbooks back (import, tests).

Sheets (Finnish names by default; English with ``lang="en"``):

- Lue minut / Read me: what the workbook is, how the sheets relate, inputs.
- Vertailu / Comparison (several scenarios): KPIs side by side, as formulas.
- per scenario (suffix `` 1``, `` 2`` … when several):
  Yhteenveto / Summary, Kuukaudet / Monthly, Henkilöt – nettotulot / People –
  net income and Julkinen talous / Public purse (values from
  ``simulator.person``, see ``person_sheets``), Oletukset / Assumptions,
  Henkilöt / People, Laskenta / Calculation (see ``scenario_sheets``).
  The Comparison sheet also links the public purse and the people's net
  income of every scenario.
- Parametrit ja lähteet / Parameters and sources: every statutory value the
  formulas use, dated, with unit, status and source URL.
- ``_data`` (hidden): the exported scenarios as JSON, so that import can
  show what changed and keep full float precision of unchanged numbers.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import tempfile
from pathlib import Path

import re

import xlsxwriter
from xlsxwriter.utility import quote_sheetname
from xlsxwriter.worksheet import Worksheet

from simulator.engine.projection import Projection
from ..i18n import label as _label
from simulator.model.parameters import DATA_DIR
from simulator.compare.verdict import verdict
from . import fields as F
from . import verdict_sheet
from .formats import Formats
from .person_sheets import PUBLIC_COMPARE
from .person_sheets import _error_text as person_error_text
from .scenario_sheets.cells import KEY_HIDDEN
from .scenario_sheets import (KPI_ENGINE_KEY, KPI_FORMAT, KPI_ROWS, PARAM_USE, USED_PARAMS, ScenarioSheets,
                              param_name)

MAX_CELL_TEXT = 32767
FOOTER = "&L&A&R&P / &N"    # printed: sheet name left, page / pages right
CHUNK = 30000
ROOT = Path(__file__).resolve().parent.parent.parent


# Every function the formulas use. All exist since Excel 2007, so none needs
# the ``_xlfn.`` prefix that later functions require (otherwise #NAME?).
EXCEL_2007_FUNCTIONS = frozenset({
    "ABS", "AND", "COUNT", "COUNTA", "DATE", "IF", "IFERROR", "INDEX", "INT", "IRR", "ISNUMBER", "LOOKUP",
    "MATCH", "MAX", "MIN", "MOD", "N", "NPV", "OR", "ROUNDUP", "SUM", "SUMIF", "SUMPRODUCT",
    # issue 14 (indices as products of dated changes, palkkatuki renewals, the VAT relief's year)
    "COUNTIFS", "EDATE", "EXP", "LN", "NOT", "YEAR"})
_FUNCTION = re.compile(r"([A-Z][A-Z0-9._]*)\(")


class FastWorksheet(Worksheet):
    """A worksheet that skips XlsxWriter's ~30 regular expressions per formula
    (adding ``_xlfn.`` prefixes) when every function is an Excel 2007 one, which
    is always the case for our formulas; others go the normal way."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        if formula.startswith("=") and "{" not in formula[:1]:
            body = formula[1:]
            if set(_FUNCTION.findall(body)) <= EXCEL_2007_FUNCTIONS:
                return body
        return super()._prepare_formula(formula, expand_future_functions)


class ExportError(ValueError):
    """The scenarios cannot be written as a workbook (English / Finnish message)."""

    def __init__(self, en: str, fi: str):
        self.en, self.fi = en, fi
        super().__init__(f"{en} / {fi}")


def program_version() -> str:
    """The git commit of the program (with ``+changes`` when the tree is dirty), or ``unknown``."""
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty=+changes"], cwd=ROOT,
                             capture_output=True, text=True, timeout=5)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "unknown"


def parameter_hash(directory: Path = DATA_DIR) -> str:
    """SHA-256 (first 12 hex digits) of every parameter file: which data the workbook used."""
    h = hashlib.sha256()
    for path in sorted(Path(directory).rglob("*.yaml")):
        h.update(str(path.relative_to(directory)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def _check_text(projections):
    for p in projections:
        data = p.scenario.model_dump(mode="json")
        stack = [data]
        while stack:
            x = stack.pop()
            if isinstance(x, dict):
                stack.extend(x.values())
            elif isinstance(x, list):
                stack.extend(x)
            elif isinstance(x, str) and len(x) > MAX_CELL_TEXT:
                raise ExportError(
                    f"a text field of scenario {p.scenario.name[:40]!r} is longer than a spreadsheet "
                    f"cell holds ({MAX_CELL_TEXT} characters)",
                    f"skenaarion {p.scenario.name[:40]!r} tekstikenttä on pidempi kuin "
                    f"taulukon solu sallii ({MAX_CELL_TEXT} merkkiä)")


class Book:
    """One workbook: the shared sheets and one ScenarioSheets per scenario."""

    def __init__(self, target, projections: list[Projection], lang: str = "fi",
                 made: dt.datetime | None = None):
        if not projections:
            raise ExportError("nothing to export: no scenarios", "ei vietävää: ei skenaarioita")
        if lang not in ("fi", "en"):
            raise ExportError(f"unknown language {lang!r} (fi or en)", f"tuntematon kieli {lang!r} (fi tai en)")
        _check_text(projections)
        self.projections = projections
        self.lang = lang
        self.made = made or dt.datetime.now().replace(microsecond=0)
        self.wb = xlsxwriter.Workbook(target, {
            "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "nan_inf_to_errors": False})
        self.wb.set_calc_mode("auto")
        self.wb.set_properties({
            "title": _label("xl.readme.title", lang),
            "subject": ", ".join(p.scenario.name for p in projections)[:250],
            "comments": "employment-model cash-flow simulator",
            "created": self.made,
        })
        self.wb.set_custom_property("simulator_format", "1")
        self.fmt = Formats(self.wb, lang)
        self.params = projections[0].context.params

    def L(self, key):
        return _label(key, self.lang)

    def add_sheet(self, name: str):
        return self.wb.add_worksheet(name, worksheet_class=FastWorksheet)

    def write(self):
        multi = len(self.projections) > 1
        readme = self.add_sheet(_label("xl.sheet.readme", self.lang))
        comp = self.add_sheet(_label("xl.sheet.comparison", self.lang)) if multi else None
        self.sheets = [ScenarioSheets(self, p, k + 1, multi) for k, p in enumerate(self.projections)]
        for sh in self.sheets:
            sh.write()
        self.param_sheet = self.add_sheet(_label("xl.sheet.parameters", self.lang))
        self.write_parameters(self.param_sheet)
        data = self.add_sheet("_data")
        self.write_data(data)
        data.hide()
        if comp is not None:
            self.write_comparison(comp)
        self.write_readme(readme)
        readme.activate()
        self.wb.close()

    # ------------------------------------------------------------------ Parameters
    def write_parameters(self, ws):
        f, L = self.fmt, self.L
        ws.write_string(0, 0, L("xl.sheet.parameters"), f["title"])
        ws.write_string(1, 0, L("xl.params.note"), f["subtitle"])
        heads = ["xl.pcol.name", "xl.pcol.description", "xl.pcol.unit", "xl.pcol.valid_from",
                 "xl.pcol.value", "xl.pcol.used_value", "xl.pcol.status", "xl.pcol.known_until",
                 "xl.pcol.age_min", "xl.pcol.age_max", "xl.pcol.used_in", "xl.pcol.source", "xl.pcol.note"]
        for c, h in enumerate(heads):
            ws.write_string(3, c, L(h), f["header"])
        widths = [34, 44, 14, 12, 12, 12, 12, 12, 8, 8, 22, 60, 60]
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        ws.freeze_panes(4, 1)
        r = 4
        for name in USED_PARAMS:
            p = self.params.get(name)
            a = r
            for e in p.entries:
                ws.write_string(r, 0, name, f["bold"] if r == a else None)
                if r == a:
                    ws.write_string(r, 1, p.description_fi if self.lang == "fi" else p.description)
                ws.write_string(r, 2, p.unit)
                ws.write_datetime(r, 3, dt.datetime.combine(e.valid_from, dt.time()), f["date"])
                ws.write_number(r, 4, e.value, f["param_in"])
                scale = "*0.01" if p.unit == "percent" else ""
                ws.write_formula(r, 5, f"=E{r + 1}{scale}", f["num2"] if not scale else f["pct"],
                                 e.value * p.scale)
                ws.write_string(r, 6, e.status, f["warn"] if e.status == "gap" else None)
                ws.write_datetime(r, 7, dt.datetime.combine(p.known_until, dt.time()), f["date"])
                if p.ages:
                    if p.ages[0] is not None:
                        ws.write_number(r, 8, p.ages[0], f["param_in"])
                    if p.upper_age_by_birth_year:   # the limit by birth year (formulas look it up)
                        ws.write_string(r, 9, p.upper_age_by_birth_year)
                    elif p.ages[1] is not None:
                        ws.write_number(r, 9, p.ages[1], f["param_in"])
                ws.write_string(r, 10, L("xl.used." + PARAM_USE[name]))
                if e.source.startswith(("http://", "https://")) and len(e.source) < 2000:
                    ws.write_url(r, 11, e.source, f["url"], e.source)
                else:
                    ws.write_string(r, 11, e.source)
                if e.note:
                    ws.write_string(r, 12, e.note)
                r += 1
            q = quote_sheetname(L("xl.sheet.parameters"))
            pn = param_name(name)
            self.wb.define_name(f"{pn}_from", f"={q}!$D${a + 1}:$D${r}")
            self.wb.define_name(pn, f"={q}!$F${a + 1}:$F${r}")
            if p.ages:
                if p.ages[0] is not None:
                    self.wb.define_name(f"{pn}_age_min", f"={q}!$I${a + 1}")
                if p.ages[1] is not None:
                    self.wb.define_name(f"{pn}_age_max", f"={q}!$J${a + 1}")
            r += 1
        ws.set_landscape()
        ws.set_paper(9)
        ws.set_footer(FOOTER)
        ws.print_area(0, 0, r, 11)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(3)

    # ------------------------------------------------------------------ _data
    def write_data(self, ws):
        ws.write_string(0, 0, F.DATA_MARKER)
        ws.write_string(1, 0, "format")
        ws.write_number(1, 1, 1)
        r = 3
        for k, p in enumerate(self.projections, start=1):
            text = json.dumps(p.scenario.model_dump(mode="json"), ensure_ascii=False)
            for c, i in enumerate(range(0, len(text), CHUNK)):
                ws.write_number(r, 0, k)
                ws.write_number(r, 1, c)
                ws.write_string(r, 2, text[i:i + CHUNK])
                r += 1

    # ------------------------------------------------------------------ Comparison
    def write_comparison(self, ws):
        f, L = self.fmt, self.L
        ws.write_string(0, 0, L("xl.sheet.comparison"), f["title"])
        ws.write_string(1, 0, L("xl.comparison.note"), f["subtitle"])
        ws.set_column(0, 0, 42)
        ws.set_column(1, 1, 22, f["key"], KEY_HIDDEN)   # keys: hidden, not printed
        n = len(self.sheets)
        ws.set_column(2, 2 + 2 * n, 22)
        # the verdict first: comparability warnings, one sentence per party (export/verdict_sheet.py)
        vd = verdict(self.projections)
        r = verdict_sheet.write_sentences(self, ws, vd, 3)
        head_row = r
        ws.write_string(r, 0, L("xl.col.kpi"), f["header"])
        ws.write_string(r, 1, L("xl.col.key"), f["header"])
        heads = [sh.s.name for sh in self.sheets]
        heads += [f"{L('difference')}: {sh.s.name} − {self.sheets[0].s.name}" for sh in self.sheets[1:]]
        for c, text in enumerate(heads):
            ws.write_string(r, 2 + c, text, f["header"])
        # the names wrap inside their own header row (22 characters a line), never into the title rows
        ws.set_row(r, 15 * max(1, max(-(-len(t) // 20) for t in heads)))
        ws.freeze_panes(0, 2)     # the names stay in view; the header row is below the sentences
        r += 1
        formats = {"month": f["month"], "pct": f["pct"], "num1": f["num1"], "num2": f["num2"]}
        for key in KPI_ROWS:
            kind = KPI_FORMAT.get(key, "eur")
            fmt = formats.get(kind, f["eur0"])
            ws.write_string(r, 0, L(key), f["bold"])
            ws.write_string(r, 1, KPI_ENGINE_KEY.get(key, key), f["key"])
            for k, sh in enumerate(self.sheets):
                cell = f"{sh.q['summary']}!$C${sh.summary_rows[key] + 1}"
                v = sh.p.kpis.get(KPI_ENGINE_KEY.get(key, key))
                ws.write_formula(r, 2 + k, f"={cell}", fmt, "–" if v is None else v)
            if kind != "month":
                for k in range(1, n):
                    a, b = f"{_col(2)}{r + 1}", f"{_col(2 + k)}{r + 1}"
                    v0 = self.sheets[0].p.kpis.get(KPI_ENGINE_KEY.get(key, key))
                    vk = self.sheets[k].p.kpis.get(KPI_ENGINE_KEY.get(key, key))
                    val = (vk - v0) if isinstance(v0, (int, float)) and isinstance(vk, (int, float)) else "–"
                    ws.write_formula(r, 2 + n + k - 1, f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{b}-{a},"–")',
                                     fmt, val)
            r += 1
        r += 1
        ws.write_string(r, 0, L("xl.sec.yearly_result"), f["section"])
        r += 1
        years = sorted({y for sh in self.sheets for y in sh.year_rows})
        for y in years:
            ws.write_string(r, 0, f"{L('result')} {y}", f["bold"])
            ws.write_string(r, 1, f"result_{y}", f["key"])
            for k, sh in enumerate(self.sheets):
                if y in sh.year_rows:
                    cell = f"{sh.q['summary']}!$F${sh.year_rows[y] + 1}"
                    ws.write_formula(r, 2 + k, f"={cell}", f["eur0"],
                                     float(sh.p.kpis["result_by_year"].get(str(y), 0.0)))
                else:
                    ws.write_string(r, 2 + k, "–")
            r += 1
        r = self.write_person_comparison(ws, r + 1)
        r = verdict_sheet.write_tables(self, ws, vd, r + 1)
        # chart: closing cash of every scenario, when they cover the same months
        labels = {tuple(sh.labels) for sh in self.sheets}
        if len(labels) == 1:
            chart = self.wb.add_chart({"type": "line"})
            for k, sh in enumerate(self.sheets):
                m = sh.names["monthly"]
                row = sh.monthly_rows["closing_cash"]
                chart.add_series({"name": [self.L("xl.sheet.comparison"), head_row, 2 + k],
                                  "categories": [m, 2, 4, 2, 4 + sh.n - 1],
                                  "values": [m, row, 4, row, 4 + sh.n - 1]})
            chart.set_title({"name": L("xl.chart.cash_compare")})
            chart.set_y_axis({"num_format": '#,##0 "€"', "major_gridlines": {"visible": True}})
            chart.set_x_axis({"num_font": {"rotation": -45}, "interval_unit": max(1, self.sheets[0].n // 12)})
            chart.set_legend({"position": "bottom"})
            chart.set_size({"width": 900, "height": 380})
            ws.insert_chart(r + 1, 0, chart)
        ws.set_landscape()
        ws.set_paper(9)
        ws.set_footer(FOOTER)
        ws.fit_to_pages(1, 0)

    def write_person_comparison(self, ws, r: int) -> int:
        """The public purse and the people's net income side by side: formulas
        linking to the value sheets People – net income and Public purse."""
        f, L = self.fmt, self.L
        n = len(self.sheets)
        extra = [sh.person for sh in self.sheets]

        def link_row(r, text, key, cells, fmt):
            fmt = "eur0" if fmt == "eur" else fmt     # whole euros on the summary sheets
            ws.write_string(r, 0, text, f["bold"])
            ws.write_string(r, 1, key, f["key"])
            for k, cell in enumerate(cells):
                if cell is None or cell[1] is None:
                    ws.write_string(r, 2 + k, "–", f["month"])
                else:
                    ws.write_formula(r, 2 + k, f"={cell[0]}", f[fmt], cell[1])
            for k in range(1, n):
                a, b = f"{_col(2)}{r + 1}", f"{_col(2 + k)}{r + 1}"
                v0, vk = cells[0][1] if cells[0] else None, cells[k][1] if cells[k] else None
                val = vk - v0 if v0 is not None and vk is not None else "–"
                ws.write_formula(r, 2 + n + k - 1, f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{b}-{a},"–")',
                                 f[fmt], val)

        ws.write_string(r, 0, L("xl.comparison.public"), f["section"])
        r += 1
        for key, fmt in PUBLIC_COMPARE:
            link_row(r, L(f"public.{key}"), f"public:{key}", [e.public_cells.get(key) for e in extra], fmt)
            r += 1
        r += 1
        ws.write_string(r, 0, L("xl.comparison.person"), f["section"])
        r += 1
        ids = list(dict.fromkeys(pid for e in extra for (pid, _) in e.person_cells))
        for pid in ids:
            for key, text in (("net_income", L("person.net_income")), ("change", L("xl.comparison.change"))):
                link_row(r, f"{pid}: {text}", f"person:{pid}:{key}",
                         [e.person_cells.get((pid, key)) for e in extra], "eur")
                r += 1
        if not ids:
            ws.write_string(r, 0, L("xl.person.none"))
            r += 1
        return r

    # ------------------------------------------------------------------ Read me
    def write_readme(self, ws):
        f, L = self.fmt, self.L
        write_string = ws.write_string

        def text(r, c, value, fmt=None):
            """Column B wraps: give the row the height its text needs."""
            write_string(r, c, value, fmt)
            if c == 1:
                lines = sum(max(1, -(-len(part) // 95)) for part in value.split("\n"))
                if lines > 1:
                    ws.set_row(r, 15 * lines)
        ws.write_string = text
        ws.set_column(0, 0, 30, f["top"])
        ws.set_column(1, 1, 100, f["wrap"])
        ws.write_string(0, 0, L("xl.readme.title"), f["title"])
        r = 2
        meta = [("xl.readme.made", self.made.strftime("%Y-%m-%d %H:%M")),
                ("xl.readme.version", program_version()),
                ("xl.readme.params", parameter_hash()),
                ("xl.readme.language", "suomi" if self.lang == "fi" else "English")]
        for key, value in meta:
            ws.write_string(r, 0, L(key), f["bold"])
            ws.write_string(r, 1, value)
            r += 1
        r += 1
        ws.write_string(r, 0, L("xl.readme.scenarios"), f["section"])
        ws.write_string(r, 1, "", f["section"])
        r += 1
        for sh in self.sheets:
            s = sh.s
            ws.write_string(r, 0, sh.names["summary"], f["bold"])
            ws.write_string(r, 1, s.name)
            r += 1
            for key, value in (("model", L(s.model)), ("xl.budget_owner", s.budget_owner),
                               ("xl.period", f"{sh.labels[0]} – {sh.labels[-1]} ({sh.n} kk)"
                                if self.lang == "fi" else f"{sh.labels[0]} – {sh.labels[-1]} ({sh.n} months)")):
                ws.write_string(r, 0, "  " + L(key))
                ws.write_string(r, 1, value)
                r += 1
            if s.description_text(self.lang):
                ws.write_string(r, 0, "  " + L("xl.f.description"))
                ws.write_string(r, 1, s.description_text(self.lang))
                r += 1
            for w in sh.p.warnings:
                ws.write_string(r, 0, "  " + L("warnings"), f["warn"])
                ws.write_string(r, 1, w.render(self.lang))
                r += 1
            if sh.person.data.error is not None:
                ws.write_string(r, 0, "  " + L("warnings"), f["warn"])
                ws.write_string(r, 1, L("xl.person.error") + "\n"
                                + person_error_text(sh.person.data.error, self.lang)[:MAX_CELL_TEXT - 200])
                r += 1
        r += 1
        ws.write_string(r, 0, L("xl.readme.sheets"), f["section"])
        ws.write_string(r, 1, "", f["section"])
        r += 1
        sheet_keys = (["comparison"] if len(self.sheets) > 1 else []) + [
            "summary", "monthly", "person_income", "public", "assumptions", "people", "calc", "parameters"]
        for key in sheet_keys:
            ws.write_string(r, 0, L(f"xl.sheet.{key}"), f["bold_top"])
            ws.write_string(r, 1, L(f"xl.readme.about.{key}"))
            r += 1
        r += 1
        ws.write_string(r, 0, L("xl.readme.cells"), f["section"])
        ws.write_string(r, 1, "", f["section"])
        r += 1
        for style, key in (("in_num", "xl.readme.input"), ("st_text", "xl.readme.struct"),
                           ("eur", "xl.readme.formula")):
            ws.write_string(r, 0, L(key + ".sample"), f[style])
            ws.write_string(r, 1, L(key))
            r += 1
        r += 1
        ws.write_string(r, 0, L("xl.readme.how"), f["section"])
        ws.write_string(r, 1, "", f["section"])
        r += 1
        for key in ("xl.readme.flow", "xl.readme.live", "xl.readme.structure", "xl.readme.values",
                    "xl.readme.npv", "xl.readme.import", "xl.readme.rules"):
            ws.write_string(r, 1, L(key))
            r += 1
        ws.set_landscape()
        ws.set_paper(9)
        ws.set_footer(FOOTER)
        ws.fit_to_pages(1, 0)


def _col(c: int) -> str:
    from xlsxwriter.utility import xl_col_to_name
    return xl_col_to_name(c)


def workbook_bytes(projections: list[Projection], lang: str = "fi",
                   made: dt.datetime | None = None) -> bytes:
    """The workbook as bytes (for download buttons)."""
    buf = io.BytesIO()
    Book(buf, list(projections), lang, made).write()
    return buf.getvalue()


def write_workbook(projections: list[Projection], path, lang: str = "fi",
                   made: dt.datetime | None = None) -> Path:
    """Write the workbook to ``path`` atomically (temporary file, then ``os.replace``).
    Nothing is left behind on failure."""
    path = Path(path)
    data = workbook_bytes(projections, lang, made)
    return atomic_write(path, data)


def atomic_write(path: Path, data: bytes) -> Path:
    """Write bytes to a temporary file beside ``path``, then rename it over ``path``."""
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path
