"""Opening an uploaded or imported workbook within bounds (for ``importer``).

``open_workbook`` checks the file's size and its zip package (``xml_guard``:
the zip directory, then every part) before openpyxl sees it, and gives
openpyxl a budgeted archive, so sheets (read lazily) are read only within
``xml_guard``'s bounds. ``find_sheets``, ``sheet_rows`` and ``read_original`` read
the Assumptions sheets (found by the marker in A1), at most ``MAX_ROWS`` rows
of ``MAX_COLS`` columns of one, and the exported scenario in ``_data``.
"""
from __future__ import annotations

import json
import zipfile
import zlib
from pathlib import Path

from simulator.model.scenario import Scenario
from simulator.model.problems import ScenarioError, validate
from . import fields as F
from . import xml_guard as G
from .xml_guard import BudgetArchive, XmlLimit, as_error, check_package, is_sheet, sheet_names

MAX_ROWS = 5_000
MAX_COLS = 64


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}".removesuffix(".0")


def err(source, where, en, fi) -> ScenarioError:
    return ScenarioError(source, [(where, en, fi)])


def open_workbook(path: Path):
    """Check size and packaging (``xml_guard``), then open with openpyxl (values only)."""
    src = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise err(src, "", f"cannot read file ({exc.strerror})", f"tiedostoa ei voi lukea ({exc.strerror})") from None
    if not path.is_file():
        raise err(src, "", "not a file", "ei ole tiedosto")
    if size > G.MAX_BYTES:
        raise err(src, "", f"the file is larger than {_mb(G.MAX_BYTES)} MB ({_mb(size)} MB)",
                  f"tiedosto on suurempi kuin {_mb(G.MAX_BYTES)} Mt ({_mb(size)} Mt)".replace(".", ","))
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise err(src, "", "not an .xlsx workbook (the file is not a zip package, or it is damaged)",
                  "ei .xlsx-työkirja (tiedosto ei ole zip-paketti tai se on vioittunut)") from None
    with zf:
        try:
            check_package(zf)          # the zip directory, then bounded parts: before any XML parser sees them
        except XmlLimit as exc:
            raise as_error(src, exc, sheet_names(zf) if is_sheet(exc.part) else {}) from None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error):
            raise err(src, "", "the workbook is damaged and cannot be read (its zip package)",
                      "työkirja on vioittunut eikä sitä voi lukea (zip-paketti)") from None
    import openpyxl
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise err(src, "", f"the workbook is damaged and cannot be read ({type(exc).__name__})",
                  f"työkirja on vioittunut eikä sitä voi lukea ({type(exc).__name__})") from None
    wb._archive = BudgetArchive(wb._archive)    # sheets are read lazily: within a budget
    return wb


def sheet_rows(ws, src) -> list[list]:
    rows = []
    for i, row in enumerate(ws.iter_rows(max_col=MAX_COLS, values_only=True)):
        if i >= MAX_ROWS:
            if any(v not in (None, "") for v in row):
                raise err(src, ws.title, f"the sheet has more than {MAX_ROWS} rows",
                          f"välilehdellä on yli {MAX_ROWS} riviä")
            break
        rows.append(list(row))
    return rows


def find_sheets(wb, stop: int = 0):
    """The sheets with the marker in A1, in order (only the first ``stop`` when ``stop`` > 0:
    the sheets after them are not read)."""
    found = []
    for ws in wb.worksheets:
        first = next(ws.iter_rows(min_row=1, max_row=1, max_col=1, values_only=True), (None,))
        if first and first[0] == F.MARKER:
            found.append(ws)
            if len(found) == stop:
                break
    return found


def read_original(wb, k: int) -> Scenario | None:
    if "_data" not in wb.sheetnames:
        return None
    ws = wb["_data"]
    chunks = []
    try:
        for row in ws.iter_rows(min_row=4, max_row=4 + MAX_ROWS, max_col=3, values_only=True):
            if row[0] == k and isinstance(row[2], str):
                chunks.append((row[1], row[2]))
        if not chunks:
            return None
        text = "".join(t for _, t in sorted(chunks))
        return validate(json.loads(text), "_data")
    except (ValueError, TypeError, RecursionError, ScenarioError):
        return None
