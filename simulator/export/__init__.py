"""Exports of projections: workbooks with live formulas, CSV, and import.

The engine never imports this package; this package imports the engine.

- ``write_workbook(projections, path, lang)`` / ``workbook_bytes(...)``: the
  ``.xlsx`` workbook (``xlsx.py``; the shared sheets ``readme_sheet``, ``comparison_sheet``,
  ``parameters_sheet``; per scenario the ``scenario_sheets`` package and the value sheets
  ``person_sheets`` and ``public_sheet``).
- ``monthly_csv(projections, dialect)``: the monthly table as CSV, ``standard``
  or ``fi`` (Finnish Excel: semicolons, decimal comma, UTF-8 with BOM); the one
  CSV writer of ``run``/``compare --format csv``, ``export -o FILE.csv`` and the
  app's download (``download_csv(projections, lang)``).
- ``read_workbook(path)``: a workbook's Assumptions sheet back into a
  validated scenario, and ``diff(old, new)`` (``importer.py``).
- ``libreoffice.recalculate(...)``: headless LibreOffice recalculation (tests, benchmark).

Names are imported lazily, so ``python -m simulator run`` does not load XlsxWriter.
"""
from __future__ import annotations

_EXPORTS = {
    "ExportError": "xlsx", "atomic_write": "xlsx", "workbook_bytes": "xlsx", "write_workbook": "xlsx",
    "monthly_csv": "csv_dialects", "download_csv": "csv_dialects", "read_workbook": "importer",
    "diff": "importer",
}

__all__ = list(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        import importlib
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(name)
