"""Plain-text tables, CSV and JSON for the command line (shared by every subcommand)."""
from __future__ import annotations

import io
import sys

from simulator.model import jsonio


def table(rows: list, header: list, right: bool = True) -> str:
    """Columns padded to their widest cell under a dashed rule; the first
    column left-aligned, the others right-aligned (numbers) unless ``right`` is False."""
    widths = [max(len(str(r[i])) for r in list(rows) + [header]) for i in range(len(header))]

    def line(r):
        cells = (str(c).ljust(w) if i == 0 or not right else str(c).rjust(w)
                 for i, (c, w) in enumerate(zip(r, widths)))
        return "  ".join(cells).rstrip()
    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def csv_text(df, **to_csv) -> str:
    """A table as CSV text; text such as ``=cmd|…`` never becomes a formula."""
    from simulator.export.csv_dialects import safe_frame  # noqa: PLC0415 (pandas-heavy; only when asked)
    buf = io.StringIO()
    safe_frame(df).to_csv(buf, index=False, lineterminator="\n", **to_csv)
    return buf.getvalue()


def write_json(doc, out=None) -> None:
    """JSON output of every command: strict (``simulator/model/jsonio.py``:
    never NaN or Infinity), indented, one document and a newline."""
    (out or sys.stdout).write(jsonio.dumps(doc, indent=1) + "\n")
