"""The Read me sheet: what the workbook is (made, program version,
parameter data hash, language), each scenario with its warnings, what each
sheet holds, the cell styles (input, structure, formula) and how the
workbook works."""
from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from simulator.model.parameters import DATA_DIR
from .person_sheets import _error_text
from .sheet_common import FOOTER, MAX_CELL_TEXT

ROOT = Path(__file__).resolve().parent.parent.parent


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


def write(book, ws):
    """The Read me sheet ``ws`` of the Book ``book``."""
    f, L = book.fmt, book.L
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
    meta = [("xl.readme.made", book.made.strftime("%Y-%m-%d %H:%M")),
            ("xl.readme.version", program_version()),
            ("xl.readme.params", parameter_hash()),
            ("xl.readme.language", "suomi" if book.lang == "fi" else "English")]
    for key, value in meta:
        ws.write_string(r, 0, L(key), f["bold"])
        ws.write_string(r, 1, value)
        r += 1
    r += 1
    ws.write_string(r, 0, L("xl.readme.scenarios"), f["section"])
    ws.write_string(r, 1, "", f["section"])
    r += 1
    for sh in book.sheets:
        s = sh.s
        ws.write_string(r, 0, sh.names["summary"], f["bold"])
        ws.write_string(r, 1, s.name)
        r += 1
        for key, value in (("model", L(s.model)), ("xl.budget_owner", s.budget_owner),
                           ("xl.period", f"{sh.labels[0]} – {sh.labels[-1]} ({sh.n} kk)"
                            if book.lang == "fi" else f"{sh.labels[0]} – {sh.labels[-1]} ({sh.n} months)")):
            ws.write_string(r, 0, "  " + L(key))
            ws.write_string(r, 1, value)
            r += 1
        if s.description_text(book.lang):
            ws.write_string(r, 0, "  " + L("xl.f.description"))
            ws.write_string(r, 1, s.description_text(book.lang))
            r += 1
        for w in sh.p.warnings:
            ws.write_string(r, 0, "  " + L("warnings"), f["warn"])
            ws.write_string(r, 1, w.render(book.lang))
            r += 1
        if sh.person.data.error is not None:
            ws.write_string(r, 0, "  " + L("warnings"), f["warn"])
            ws.write_string(r, 1, L("xl.person.error") + "\n"
                            + _error_text(sh.person.data.error, book.lang)[:MAX_CELL_TEXT - 200])
            r += 1
    r += 1
    ws.write_string(r, 0, L("xl.readme.sheets"), f["section"])
    ws.write_string(r, 1, "", f["section"])
    r += 1
    sheet_keys = (["comparison"] if len(book.sheets) > 1 else []) + [
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
