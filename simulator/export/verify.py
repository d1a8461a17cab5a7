"""Check a (recalculated) workbook against the engine: every monthly line and
KPI, error values anywhere, and that calculated cells hold formulas.

Used by the tests and ``benchmarks/export.py``; reads with openpyxl.
"""
from __future__ import annotations

import math

import numpy as np

from ..i18n import label
from .scenario_sheets import KPI_ENGINE_KEY, KPI_ROWS

ERRORS = ("#REF!", "#NAME?", "#DIV/0!", "#VALUE!", "#N/A", "#NUM!", "#NULL!", "Err:")
KPI_TEXT = {"break_even_month", "min_cash_month"}


def sheet_name(key: str, k: int, multi: bool, lang: str = "fi") -> str:
    return label(f"xl.sheet.{key}", lang) + (f" {k}" if multi else "")


def error_cells(wb) -> list[tuple[str, str, str]]:
    """(sheet, cell, value) of every error value in a workbook read with data_only=True."""
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if isinstance(v, str) and v.startswith(ERRORS):
                    out.append((ws.title, c.coordinate, v))
    return out


def key_rows(ws, col: int = 2) -> dict[str, int]:
    """Key in column B -> row number (1-based)."""
    out = {}
    for r in range(1, ws.max_row + 1):
        v = ws.cell(r, col).value
        if isinstance(v, str) and v not in out:
            out[v] = r
    return out


def _close(a, b, tol) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return False
    return abs(a - b) <= tol or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def compare(wb, projections, lang: str = "fi", tol: float = 0.01) -> list[str]:
    """Differences between a workbook (values) and the projections, as readable lines.
    Empty list = every monthly line and KPI agrees within ``tol`` euros."""
    problems = []
    multi = len(projections) > 1
    for k, p in enumerate(projections, start=1):
        ws = wb[sheet_name("monthly", k, multi, lang)]
        rows = key_rows(ws)
        n = len(p.month_labels)
        for key, want in p.columns.items():
            if key not in rows:
                problems.append(f"scenario {k}: line {key} missing from the Monthly sheet")
                continue
            r = rows[key]
            for j in range(n):
                got = ws.cell(r, 5 + j).value
                if not _close(got, float(want[j]), tol):
                    problems.append(f"scenario {k}: {key} {p.month_labels[j]}: workbook {got!r}, "
                                    f"engine {float(want[j])!r}")
                    break
        ws = wb[sheet_name("summary", k, multi, lang)]
        rows = key_rows(ws)
        for key in KPI_ROWS:
            ek = KPI_ENGINE_KEY.get(key, key)
            want = p.kpis.get(ek)
            got = ws.cell(rows[ek], 3).value
            if want is None:
                ok = got == "–"
            elif key in KPI_TEXT:
                ok = got == want
                if not ok and key == "min_cash_month":  # ties within rounding noise
                    cash = p.columns["closing_cash"]
                    ok = got in p.month_labels and \
                        abs(cash[p.month_labels.index(got)] - cash.min()) <= tol
                if not ok and key == "break_even_month":
                    ok = _break_even_noise(p, got)
            elif key in ("irr", "subsidy_share"):
                ok = _close(got, want, 1e-6)
            else:
                ok = _close(got, want, tol + 0.005)  # the engine's KPIs are rounded to cents
            if not ok:
                problems.append(f"scenario {k}: KPI {ek}: workbook {got!r}, engine {want!r}")
        for y, want in p.kpis["result_by_year"].items():
            r = rows.get(f"year:{y}")
            got = ws.cell(r, 6).value if r else None
            if not _close(got, want, tol + 0.005):
                problems.append(f"scenario {k}: result {y}: workbook {got!r}, engine {want!r}")
    return problems


def _break_even_noise(p, got) -> bool:
    """A cumulative result within a cent of zero may fall either side in another program."""
    cum = p.columns["cumulative_result"]
    lenient = np.where(np.abs(cum) < 0.01, 0.0, cum)
    below = np.nonzero(lenient < 0)[0]
    alt = 0 if below.size == 0 else (None if below[-1] == len(cum) - 1 else int(below[-1] + 1))
    alt = "–" if alt is None else p.month_labels[alt]
    return got == alt


def formula_cells(wb_formulas, projections, lang: str = "fi") -> list[str]:
    """Cells that should be formulas but hold constants (workbook read without data_only)."""
    problems = []
    multi = len(projections) > 1
    for k, p in enumerate(projections, start=1):
        for key in ("monthly", "summary"):
            ws = wb_formulas[sheet_name(key, k, multi, lang)]
            rows = key_rows(ws)
            keys = p.columns if key == "monthly" else [KPI_ENGINE_KEY.get(x, x) for x in KPI_ROWS]
            ncols = len(p.month_labels) if key == "monthly" else 1
            first = 5 if key == "monthly" else 3
            for line in keys:
                for j in range(ncols):
                    v = ws.cell(rows[line], first + j).value
                    if not (isinstance(v, str) and v.startswith("=")):
                        problems.append(f"{ws.title}!{ws.cell(rows[line], first + j).coordinate} "
                                        f"({line}) is not a formula: {v!r}")
                        break
    return problems


def finite(x) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


def cached_vs_recalculated(original_path, recalculated_wb, tol: float = 0.01, limit: int = 20) -> list[str]:
    """Every formula cell's cached value (as written by the exporter, what
    viewers that do not recalculate show) against the recalculated value."""
    import openpyxl
    formulas = openpyxl.load_workbook(original_path, read_only=True)
    cached = openpyxl.load_workbook(original_path, read_only=True, data_only=True)
    problems = []
    for name in formulas.sheetnames:
        if name not in recalculated_wb.sheetnames:
            continue
        ws_new = recalculated_wb[name]
        new_rows = list(ws_new.iter_rows(values_only=True))
        for r, (frow, crow) in enumerate(zip(formulas[name].iter_rows(values_only=True),
                                             cached[name].iter_rows(values_only=True))):
            for c, (f, v) in enumerate(zip(frow, crow)):
                if not (isinstance(f, str) and f.startswith("=")):
                    continue
                got = new_rows[r][c] if r < len(new_rows) and c < len(new_rows[r]) else None
                if isinstance(v, bool) or isinstance(got, bool):
                    ok = bool(v) == bool(got)
                elif isinstance(v, (int, float)) and isinstance(got, (int, float)):
                    ok = abs(v - got) <= tol or abs(v - got) <= 1e-9 * max(abs(v), abs(got))
                else:
                    ok = (v or "") == (got or "")
                if not ok:
                    problems.append(f"{name}!{openpyxl.utils.get_column_letter(c + 1)}{r + 1}: "
                                    f"cached {v!r}, recalculated {got!r} ({f[:80]})")
                    if len(problems) >= limit:
                        return problems
    formulas.close()
    cached.close()
    return problems
