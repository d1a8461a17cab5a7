"""Scenario workbooks with live formulas (``.xlsx``).

Why XlsxWriter and not openpyxl: the export is write-only, and XlsxWriter
writes each formula *with its cached value* (``write_formula(..., value=)``),
so viewers that never recalculate (previewers, mobile apps, PDF converters)
still show the engine's figures; openpyxl writes formulas without cached
values. XlsxWriter also has native charts, defined names, data validation,
print set-up and is fast on large sheets. openpyxl is used only to *read*
workbooks back (import, tests).

Sheets (Finnish names by default; English with ``lang="en"``):

- Lue minut / Read me: what the workbook is, how the sheets relate, inputs
  (``readme_sheet``).
- Vertailu / Comparison (several scenarios): KPIs side by side, as formulas
  (``comparison_sheet``).
- per scenario (suffix `` 1``, `` 2`` … when several):
  Yhteenveto / Summary, Kuukaudet / Monthly, Henkilöt – nettotulot / People –
  net income and Julkinen talous / Public purse (values from
  ``simulator.person``, see ``person_sheets`` and ``public_sheet``), Oletukset / Assumptions,
  Henkilöt / People, Laskenta / Calculation (see ``scenario_sheets``).
  The Comparison sheet also links the public purse and the people's net
  income of every scenario.
- Parametrit ja lähteet / Parameters and sources: every statutory value the
  formulas use, dated, with unit, status and source URL (``parameters_sheet``).
- ``_data`` (hidden): the exported scenarios as JSON, so that import can
  show what changed and keep full float precision of unchanged numbers.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from simulator.engine.projection import Projection
from ..i18n import label as _label
from simulator.model import jsonio
from . import comparison_sheet, parameters_sheet, readme_sheet
from . import fields as F
from .formats import Formats
from .scenario_sheets import ScenarioSheets
from .sheet_common import MAX_CELL_TEXT

CHUNK = 30000


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
        parameters_sheet.write(self, self.param_sheet)
        data = self.add_sheet("_data")
        self.write_data(data)
        data.hide()
        if comp is not None:
            comparison_sheet.write(self, comp)
        readme_sheet.write(self, readme)
        readme.activate()
        self.wb.close()

    # ------------------------------------------------------------------ _data
    def write_data(self, ws):
        ws.write_string(0, 0, F.DATA_MARKER)
        ws.write_string(1, 0, "format")
        ws.write_number(1, 1, 1)
        r = 3
        for k, p in enumerate(self.projections, start=1):
            text = jsonio.dumps(p.scenario.model_dump(mode="json"))
            for c, i in enumerate(range(0, len(text), CHUNK)):
                ws.write_number(r, 0, k)
                ws.write_number(r, 1, c)
                ws.write_string(r, 2, text[i:i + CHUNK])
                r += 1

def workbook_bytes(projections: list[Projection], lang: str = "fi",
                   made: dt.datetime | None = None) -> bytes:
    """The workbook as bytes (for download buttons). Scenarios of the same
    name are told apart (``side_by_side.distinct``: ``Name (2)`` and a note)."""
    from simulator.compare.side_by_side import distinct
    buf = io.BytesIO()
    Book(buf, distinct(list(projections)), lang, made).write()
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
