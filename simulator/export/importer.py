"""Read a workbook's Assumptions sheet back into a validated scenario.

The sheet is found by its marker (cell A1), not by its name, so Finnish and
English workbooks both import. Scalars are the rows whose column A holds a
field path; tables start at a ``[table]`` row, then a row of labels and a
row of field keys (columns are matched by these keys, so reordered columns
still import), then one row per item until the next table.

Every problem is reported with the sheet and cell, in English and Finnish,
as a ``ScenarioError`` (the same error the YAML loader raises), and nothing
is written. Limits: the sheet at most ``MAX_ROWS`` rows of ``MAX_COLS``
columns, and the file within the bounds of ``xml_guard``, the one set of
bounds of ``import`` and of the app's upload (``intake.py`` reads a workbook
through this function): the file at most 10 MB; its zip directory at most
1 000 parts unpacking to 60 MB, a sheet to 20 MB, any other part to 2 MB,
before anything is unpacked; then no XML token longer than 256 kB; of the
sheets at most 2 MB and 200 000 elements read; at most 100 000 elements in
the other parts.

Time, as a ratio to reading the Varkaus pilot's own exported workbook (what
``benchmarks/upload_worst_case.py`` prints; seconds follow the machine and
its load, the ratio much less): in one run on the shared two-core test
machine at load average 3.2 (the pilot 85 ms), the worst file, every bound
filled at once, read in 8.2 times the pilot's time, and each single attack
was refused or read within 5.1 times. Earlier runs under heavier load
measured 10–16 times for the worst file (1.8–2.4 s against 0.11–0.24 s),
and single attacks took up to 1.7 s then. The ratio too varies between runs
(8.2 to 16), so the bound to rely on is about 16 times the pilot's time,
not a number of seconds. A 19.5 MB comment took 13.6 s before these bounds, a
150 MB one over ten minutes.

Numbers that were not changed in the workbook keep the full precision of
the exported scenario (a cell stores 16 significant digits).

The parts: ``importer_open`` (the file's bounds, opening, finding the
sheets), ``importer_cells`` (one cell into a field value),
``importer_sheet`` (the sheet's rows into a scenario), ``importer_diff``
(precision kept, ``diff``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.model.scenario import Scenario
from simulator.model.problems import ScenarioError
from .importer_diff import diff
from .importer_open import MAX_COLS, MAX_ROWS, err, find_sheets, open_workbook, read_original, sheet_rows
from .importer_sheet import parse
from .xml_guard import MAX_BYTES, MAX_PARTS, MAX_UNPACKED, XmlLimit, as_error


@dataclass
class Imported:
    scenario: Scenario
    original: Scenario | None        # the scenario as exported (from the hidden _data sheet)
    sheet: str
    cells: dict                      # scenario field path -> "Sheet!A1"


def read_workbook(path, scenario: int = 1) -> Imported:
    """The ``scenario``-th (1-based) exported scenario of a workbook, validated.
    Raises ScenarioError naming the sheet and cell of every problem."""
    path = Path(path)
    src = str(path)
    wb = open_workbook(path)
    try:
        sheets = find_sheets(wb, max(scenario, 0))
        if not sheets:
            raise err(src, "", "not a workbook exported by this program (no Assumptions sheet with "
                      "the marker in cell A1)", "ei tämän ohjelman viemä työkirja (Oletukset-välilehteä "
                      "tunnisteineen solussa A1 ei löydy)")
        if not 1 <= scenario <= len(sheets):
            raise err(src, "", f"the workbook has {len(sheets)} scenario(s); asked for number {scenario}",
                      f"työkirjassa on {len(sheets)} skenaariota; pyydettiin numeroa {scenario}")
        ws = sheets[scenario - 1]
        wb._archive.whole_sheets()
        rows = sheet_rows(ws, src)
        original = read_original(wb, scenario)
    except ScenarioError:
        raise
    except XmlLimit as exc:
        raise as_error(src, exc, {w._worksheet_path.lstrip("/"): w.title for w in wb.worksheets}) from None
    except Exception as exc:  # a sheet's XML or a cell is damaged (openpyxl reads sheets lazily)
        raise err(src, "", f"the workbook is damaged and cannot be read ({type(exc).__name__})",
                  f"työkirja on vioittunut eikä sitä voi lukea ({type(exc).__name__})") from None
    finally:
        wb.close()
    parsed, cells = parse(rows, ws.title, src, original)
    return Imported(parsed, original, ws.title, cells)


__all__ = ["Imported", "MAX_BYTES", "MAX_COLS", "MAX_PARTS", "MAX_ROWS", "MAX_UNPACKED", "diff", "read_workbook"]
