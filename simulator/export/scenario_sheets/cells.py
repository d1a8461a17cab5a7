"""Shared cell helpers of the scenario sheets: where the months are, column
letters, defined names, cached values, the month-sheet header and print set-up.

``Cells`` is the base of ``ScenarioSheets``; the sheet and topic modules
call these helpers on the ``ScenarioSheets`` they are given (``sh``).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
from xlsxwriter.utility import xl_col_to_name

from ...i18n import LABELS
from ...i18n import label as _label
from ..sheet_common import FOOTER

MONTH_COL = 4            # months start in column E on every month sheet
HEADER_ROW = 2           # row of month labels (0-based) on month sheets
FIRST_ROW = 3            # first data row on month sheets
EXCEL_EPOCH = dt.date(1899, 12, 30)
# The key column (the engine's line keys, which formulas and tests look rows
# up by) is hidden: it is neither shown nor printed, so a board reads only
# Finnish labels. Unhide column B to see the keys.
KEY_HIDDEN = {"hidden": True}


def field_label(field: str, lang: str) -> str:
    """A field's label: the workbook's own (``xl.f.*``), else the app's (``f.*``), else its name."""
    for key in ("xl.f." + field, "f." + field):
        if key in LABELS:
            return _label(key, lang)
    return field


@lru_cache(maxsize=None)
def cl(j: int) -> str:
    """Column letter of month ``j`` (0-based)."""
    return xl_col_to_name(MONTH_COL + j)


def param_name(name: str) -> str:
    return "p_" + name.replace(".", "_")


def excel_date(d: dt.date) -> int:
    return (d - EXCEL_EPOCH).days


def num(x) -> float:
    """A cached value for a formula: a finite float (0.0 for NaN or infinity)."""
    x = float(x)
    return x if np.isfinite(x) else 0.0


def scalar_name(k: int, path: str) -> str:
    short = (path.replace("assumptions.", "").replace("pipeline.after_conversion.", "ac_")
             .replace("pipeline.", "pipeline_").replace(".", "_"))
    return f"s{k}_{short}"


class Cells:
    """Helpers shared by the sheets of one scenario (attributes set by ``ScenarioSheets``)."""

    def L(self, key: str) -> str:
        return _label(key, self.lang)

    def field_label(self, field: str) -> str:
        return field_label(field, self.lang)

    def name(self, path: str) -> str:
        return scalar_name(self.k, path)

    def tref(self, table: str, i: int, field: str) -> str:
        return self.table_cells[(table, i, field)]

    def src_ref(self, src, field: str) -> str:
        """The Assumptions cell of ``field`` in the phase, pipeline or staff row ``src``."""
        if src.kind in ("phase", "back"):
            return self.tref("phases", src.index, field)
        if src.kind == "pipeline":
            return self.name(f"pipeline.after_conversion.{field}")
        return self.tref("staff", src.index, field)

    def last_col(self) -> str:
        return cl(self.n - 1)

    def write_row(self, ws, r: int, formulas, values, fmt, struct: bool = False):
        f = self.fmt[fmt] if fmt else None
        for j in range(self.n):
            fx = formulas[j]
            if fx is None:
                continue
            if struct:
                if isinstance(fx, str):
                    ws.write_string(r, MONTH_COL + j, fx, f)
                else:
                    ws.write_number(r, MONTH_COL + j, float(fx), f)
            else:
                v = values[j]
                ws.write_formula(r, MONTH_COL + j, fx, f, v if isinstance(v, str) else num(v))

    def month_header(self, ws, title_key: str, col_c_key: str, one_page_tall: bool = False):
        f = self.fmt
        # the title in A1 (column B, the keys, is hidden)
        ws.write_string(0, 0, self.L(title_key) + " — " + self.s.name, f["title"])
        ws.write_string(HEADER_ROW, 0, self.L("xl.col.line"), f["header"])
        ws.write_string(HEADER_ROW, 1, self.L("xl.col.key"), f["header"])
        ws.write_string(HEADER_ROW, 2, self.L(col_c_key), f["header"])
        ws.write_string(HEADER_ROW, 3, "", f["header"])
        for j, m in enumerate(self.labels):
            ws.write_string(HEADER_ROW, MONTH_COL + j, m, f["header_month"])
        ws.freeze_panes(FIRST_ROW, MONTH_COL)
        ws.set_column(0, 0, 40)
        ws.set_column(1, 1, 24, self.fmt["key"], KEY_HIDDEN)
        ws.set_column(2, 2, 14)
        ws.set_column(3, 3, 6)
        ws.set_column(MONTH_COL, MONTH_COL + self.n - 1, 12)
        self.print_setup(ws, repeat=True, tall=one_page_tall)

    def print_setup(self, ws, repeat: bool = False, fit: bool = True, tall: bool = True):
        """A4 landscape with a footer (sheet, page / pages). A month table
        (``repeat``) repeats its header row and row labels on every page and is
        one page tall (``tall``) or, for the long calculation sheets (People,
        Calculation: audit sheets, not for the board), two pages wide;
        other sheets are fitted to the page width."""
        ws.set_landscape()
        ws.set_paper(9)
        ws.set_margins(0.4, 0.4, 0.6, 0.6)
        if repeat and tall:    # one page tall, as many wide as the months need
            ws.fit_to_pages(0, 1)
        elif repeat:
            ws.fit_to_pages(2, 0)
        elif fit:
            ws.fit_to_pages(1, 0)
        if repeat:  # the month header and the row labels (column A) on every printed page
            ws.repeat_rows(HEADER_ROW)
            ws.repeat_columns(0)
        ws.set_footer(FOOTER)
