"""Upload worst cases: the time to read (or refuse) hostile workbooks against
the time to read the Varkaus pilot's own exported workbook.

Each hostile file is the pilot's export with one thing added to the
Assumptions sheet (or to the shared strings): one huge XML comment, many
comments just under the token limit, a huge attribute, a huge shared string,
deeply nested elements, and many tiny elements (cells in row 1) filling the
part to its size limit. Each is timed through ``read_workbook`` (what
``import`` and the app's upload do) and printed with its ratio to the pilot.
The bounds are in ``simulator/export/xml_guard.py``; the ratios measured are
stated in ``simulator/export/importer.py`` (module docstrings).

Run: ``.venv/bin/python benchmarks/upload_worst_case.py``.
"""
from __future__ import annotations

import io
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.engine.projection import project  # noqa: E402
from simulator.export import importer  # noqa: E402
from simulator.export import xml_guard as G  # noqa: E402
from simulator.export.xlsx import workbook_bytes  # noqa: E402
from simulator.model.loader import load  # noqa: E402
from simulator.model.problems import ScenarioError  # noqa: E402

PILOT = ROOT / "scenarios" / "varkaus_cooperative.yaml"


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def pack(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    return buf.getvalue()


def assumptions_part(parts: dict[str, bytes]) -> str:
    """The part of the Assumptions sheet (xlsxwriter names sheets sheet1.xml … in order)."""
    names = re.findall(rb'<sheet name="([^"]*)"', parts["xl/workbook.xml"])
    i = next(k for k, n in enumerate(names) if n in (b"Oletukset", b"Assumptions"))
    return f"xl/worksheets/sheet{i + 1}.xml"


def inject(parts: dict[str, bytes], part: str, after: bytes, blob: bytes) -> bytes:
    """The workbook with ``blob`` inserted right after the first ``after`` in ``part``."""
    xml = parts[part]
    k = xml.index(after) + len(after)
    return pack({**parts, part: xml[:k] + blob + xml[k:]})


def over_the_limits(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Files past a bound: each must be refused at once (the issue's 19.5 MB comment among them)."""
    sheet = assumptions_part(parts)
    big = 19_500_000
    return {
        "comment_19.5MB": inject(parts, sheet, b"<sheetData>", b"<!--" + b"x" * big + b"-->"),
        "comment_150MB": inject(parts, sheet, b"<sheetData>", b"<!--" + b"x" * 150_000_000 + b"-->"),
        "attribute_19.5MB": inject(parts, sheet, b"<sheetData", b' x="' + b"a" * big + b'"'),
        "text_node_19.5MB": inject(parts, sheet, b"<sheetData>", b"<x>" + b"t" * big + b"</x>"),
        "shared_string_1.9MB": _shared(parts, b"<si><t>" + b"s" * 1_900_000 + b"</t></si>"),
        "many_comments": inject(parts, sheet, b"<sheetData>", b"<!---->" * (G.MAX_SPECIALS + 1)),
        "doctype": inject(parts, sheet, b"?>", b"<!DOCTYPE x>"),
        "tiny_elements_19MB": inject(parts, sheet, b"<sheetData>", b"<x/>" * 4_750_000),
    }


def at_the_limits(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Files just inside the static bounds: the most work the reader can be made to do."""
    sheet = assumptions_part(parts)
    token = G.MAX_TOKEN - 64
    sheets = [n for n in parts if G.is_sheet(n)]
    every_sheet = dict(parts)
    for n in sheets:                             # tiny elements before row 1 of every sheet
        xml = every_sheet[n]
        k = xml.index(b"<sheetData>") + len(b"<sheetData>") if b"<sheetData>" in xml else xml.index(b"<sheetData/>")
        every_sheet[n] = xml[:k] + b"<x/>" * (G.MAX_FIRST_ROWS_TAGS - 5000) + xml[k:]
    depth = (G.MAX_SHEET_READ_TAGS - parts[sheet].count(b"<")) // 2 - 100   # fills the sheet's tag budget
    tags_left = G.MAX_PART_TAGS - sum(v.count(b"<") for n, v in parts.items() if not G.is_sheet(n)) - 10
    fit = (G.MAX_SHEET_UNPACKED - len(parts[sheet])) // (token + 16)   # tokens that fit in the sheet
    return {
        "comments_just_under": inject(parts, sheet, b"</row>",
                                      (b"<!--" + b"x" * token + b"-->") * min(fit, G.MAX_SPECIALS - 2)),
        "attributes_just_under": inject(parts, sheet, b"</row>", (b'<x a="' + b"a" * token + b'"/>') * fit),
        "texts_just_under": inject(parts, sheet, b"</row>", (b"<x>" + b"t" * token + b"</x>") * fit),
        "shared_strings_just_under": _shared(parts, (b"<si><t>" + b"s" * token + b"</t></si>")
                                             * (G.MAX_PART_UNPACKED // token - 1)),
        "tiny_shared_strings": _shared(parts, b"<si><t>s</t></si>" * (tags_left // 4)),
        "tiny_styles": _styles(parts, b"<xf/>" * (G.MAX_OTHER_TAGS - 300)),
        "deep_nesting_after_row_1": inject(parts, sheet, b"</row>", b"<x>" * depth + b"</x>" * depth),
        "tiny_elements_after_row_1": inject(parts, sheet, b"</row>", b"<x/>" * (2 * depth)),
        "cells_in_row_1": _row1(parts, sheet, G.MAX_FIRST_ROWS_TAGS // 4 - 1500),
        "tiny_elements_every_sheet": pack(every_sheet),
        "all_of_these_at_once": _all_at_once(every_sheet, sheet, depth, tags_left),
    }


def _all_at_once(every_sheet, sheet, depth, tags_left):
    """Tiny elements before row 1 of every sheet and after it in the Assumptions sheet, tiny styles
    and tiny shared strings up to the tag bounds: the sum of the worst cases above."""
    parts = dict(every_sheet)
    xml = parts[sheet]
    k = xml.index(b"</row>") + len(b"</row>")
    parts[sheet] = xml[:k] + b"<x/>" * (2 * depth - (G.MAX_FIRST_ROWS_TAGS - 5000)) + xml[k:]
    xml = parts["xl/styles.xml"]
    k = xml.rindex(b"</cellXfs>")
    styles = G.MAX_OTHER_TAGS - 300
    parts["xl/styles.xml"] = xml[:k] + b"<xf/>" * styles + xml[k:]
    xml = parts["xl/sharedStrings.xml"]
    k = xml.rindex(b"</sst>")
    parts["xl/sharedStrings.xml"] = xml[:k] + b"<si><t>s</t></si>" * ((tags_left - styles) // 4) + xml[k:]
    return pack(parts)


def _shared(parts, blob):
    xml = parts["xl/sharedStrings.xml"]
    k = xml.rindex(b"</sst>")
    return pack({**parts, "xl/sharedStrings.xml": xml[:k] + blob + xml[k:]})


def _styles(parts, blob):
    xml = parts["xl/styles.xml"]
    k = xml.rindex(b"</cellXfs>")
    return pack({**parts, "xl/styles.xml": xml[:k] + blob + xml[k:]})


def _row1(parts, sheet, n):
    """Row 1 of the Assumptions sheet holds ``n`` more numeric cells (openpyxl reads each one)."""
    xml = parts[sheet]
    k = xml.index(b"</row>")
    return pack({**parts, sheet: xml[:k] + b'<c t="n"><v>1</v></c>' * n + xml[k:]})


def timed(blob: bytes) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "w.xlsx"
        path.write_bytes(blob)
        t0 = time.perf_counter()
        try:
            importer.read_workbook(path)
            outcome = "accepted"
        except ScenarioError as exc:
            outcome = "refused: " + exc.problems[0][1][:90]
        return time.perf_counter() - t0, outcome


def main(argv: list[str]) -> int:
    scenario = load(PILOT)
    data = workbook_bytes([project(scenario)], "fi")
    parts = members(data)
    base = min(timed(data)[0] for _ in range(3))
    print(f"Varkaus pilot's workbook: {len(data) / 1e6:.2f} MB packed, "
          f"{sum(map(len, parts.values())) / 1e6:.1f} MB unpacked: {base * 1000:.0f} ms")
    worst = 0.0
    for title, files in (("Past a bound (refused at once)", over_the_limits(parts)),
                         ("Just inside the static bounds", at_the_limits(parts))):
        print(title + ":")
        for name, blob in files.items():
            t, outcome = timed(blob)
            worst = max(worst, t)
            print(f"  {name:27} {len(blob) / 1e6:6.2f} MB packed {t * 1000:6.0f} ms  x{t / base:5.1f}  {outcome}")
    print(f"worst: {worst * 1000:.0f} ms = x{worst / base:.1f} the pilot's workbook")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
