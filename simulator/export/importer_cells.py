"""Cell values of the Assumptions sheet into field values (for ``importer``).

``CellReader.value(raw, kind, r, c, path)`` converts one cell by the field's
kind in ``fields.py`` (text, month, number, whole number, TRUE/FALSE, a
choice), accepting what a spreadsheet makes of a typed value (a date for a
month, "1 234,5 €" for a number, TOSI/EPÄTOSI), and records every problem
with its sheet and cell, in English and Finnish, and the cell of every field.
"""
from __future__ import annotations

import datetime as dt
import re

from simulator.model.problems import shown as shown_value
from . import fields as F

_MONTH_SLASH = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")   # control characters in cell text (ECMA-376)


def col_letter(c: int) -> str:
    """0-based column index -> its letters (0 -> A, 26 -> AA)."""
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


class CellReader:
    """Converts cells to field values and remembers where each field came from."""

    def __init__(self, src: str, sheet: str):
        self.src, self.sheet = src, sheet
        self.problems: list[tuple[str, str, str]] = []
        self.cells: dict[str, str] = {}
        self.floats: dict[str, float] = {}

    def where(self, r: int, c: int) -> str:
        return f"{self.sheet}!{col_letter(c)}{r + 1}"

    def bad(self, r, c, path, en, fi):
        self.problems.append((f"{self.where(r, c)} ({path})", en, fi))

    def value(self, raw, kind: str, r: int, c: int, path: str):
        """Cell -> field value; None for an empty cell; records problems."""
        self.cells[path] = self.where(r, c)
        if isinstance(raw, str) and "_x" in raw:   # OOXML escapes: _x000D_ is a carriage return
            # (openpyxl already dropped the "x005F_" that escapes a literal "_x000D_")
            raw = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
        if blank(raw):
            return None
        bt = F.base_type(kind)
        shown = shown_value(raw)
        if bt in ("str",):
            if isinstance(raw, bool):
                self.bad(r, c, path, f"expected text, got {shown}", f"odotettiin tekstiä, saatiin {shown}")
                return None
            if isinstance(raw, float) and raw.is_integer():
                return str(int(raw))
            if isinstance(raw, (dt.date, dt.datetime)):
                return raw.isoformat()
            return str(raw)
        if bt == "month":
            if isinstance(raw, (dt.date, dt.datetime)):
                return f"{raw.year:04d}-{raw.month:02d}"
            if isinstance(raw, str):
                m = _MONTH_SLASH.match(raw)
                return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}" if m else raw.strip()
            self.bad(r, c, path, f"expected a month as YYYY-MM, got {shown}",
                     f"odotettiin kuukautta muodossa VVVV-KK, saatiin {shown}")
            return None
        if bt in ("float", "int"):
            x = raw
            if isinstance(x, str):
                t = x.strip().replace("\u00a0", "").replace(" ", "").replace("€", "").replace("−", "-")
                if t.count(",") == 1 and "." not in t:
                    t = t.replace(",", ".")
                try:
                    x = float(t)
                except ValueError:
                    x = None
            if isinstance(x, int) and not isinstance(x, bool) and abs(x) > 1e300:
                x = None                 # too large for a float (a cell of hundreds of digits)
            if isinstance(x, bool) or not isinstance(x, (int, float)) or x != x or x in (float("inf"), float("-inf")):
                self.bad(r, c, path, f"expected a number, got {shown}", f"odotettiin lukua, saatiin {shown}")
                return None
            if bt == "int":
                if float(x).is_integer():
                    return int(x)
                self.bad(r, c, path, f"expected a whole number, got {shown}",
                         f"odotettiin kokonaislukua, saatiin {shown}")
                return None
            self.floats[path] = float(x)
            return float(x)
        if bt == "bool":
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, (int, float)) and raw in (0, 1):
                return bool(raw)
            t = str(raw).strip().lower()
            if t in ("true", "tosi", "kyllä", "yes", "1"):
                return True
            if t in ("false", "epätosi", "ei", "no", "0"):
                return False
            self.bad(r, c, path, f"expected TRUE or FALSE, got {shown}",
                     f"odotettiin TOSI tai EPÄTOSI, saatiin {shown}")
            return None
        # choice, palkkatuki: words
        return str(raw).strip()
