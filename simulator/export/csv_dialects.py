"""The monthly table as CSV, in two dialects.

- ``standard``: comma separator, decimal point, UTF-8 without BOM, ``\\n``
  line ends; the header holds the engine's keys (as ``run --format csv``).
- ``fi``: what Finnish Excel opens directly — semicolon separator, decimal
  comma, UTF-8 with BOM, CRLF line ends; the header holds the labels
  (Finnish by default).

One writer serves every caller: ``python -m simulator run|compare --format csv``
(``standard``, engine keys), ``export … -o FILE.csv`` and the app's download
(``download_csv``: the dialect a reader of the language opens directly).

Money is rounded to cents here (presentation); the engine keeps floats.
Text that a spreadsheet would run as a formula (starting with ``= + - @``,
tab or carriage return) is prefixed with an apostrophe.
"""
from __future__ import annotations

import csv
import io

from ..i18n import label

DIALECTS = ("standard", "fi")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Neutralise text a spreadsheet would treat as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def safe_frame(df):
    """A copy of a DataFrame whose text cells are neutralised with ``safe_text``
    (for ``DataFrame.to_csv``: scenario names in ``compare``/``person``/``public`` CSV)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype) in ("str", "string"):
            out[col] = out[col].map(lambda v: safe_text(v) if isinstance(v, str) else v)
    return out


def _num(x: float, comma: bool) -> str:
    s = f"{x:.2f}"
    if s == "-0.00":
        s = "0.00"
    return s.replace(".", ",") if comma else s


def default_dialect(lang: str) -> str:
    """The dialect a reader of ``lang`` opens directly: ``fi`` for Finnish, else ``standard``."""
    return "fi" if lang == "fi" else "standard"


def download_csv(projections, lang: str, dialect: str | None = None) -> bytes:
    """The CSV file of ``export … -o FILE.csv --lang LANG [--csv-dialect D]`` and of the
    app's download: ``dialect`` defaults to ``default_dialect(lang)``."""
    return monthly_csv(projections, dialect or default_dialect(lang), lang)


def monthly_csv(projections, dialect: str = "standard", lang: str | None = None,
                scenario_column: bool | None = None) -> bytes:
    """CSV bytes of one or more projections' monthly tables (a ``scenario``
    column first when there are several, or when ``scenario_column``)."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}; use one of {DIALECTS}")
    from simulator.compare.side_by_side import distinct   # scenarios of the same name told apart
    projections = distinct(list(projections))
    fi = dialect == "fi"
    lang = lang or ("fi" if fi else "en")
    multi = len(projections) > 1 if scenario_column is None else scenario_column
    columns = list(projections[0].columns)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";" if fi else ",", lineterminator="\r\n" if fi else "\n",
                   quoting=csv.QUOTE_MINIMAL)
    if fi or lang != "en":
        head = [label("month", lang)] + [label(c, lang) for c in columns]
        if multi:
            head = [label("scenario", lang)] + head
    else:
        head = ["month"] + columns
        if multi:
            head = ["scenario"] + head
    w.writerow(head)
    for p in projections:
        cols = [p.columns[c] for c in columns]
        name = safe_text(p.scenario.name)
        for j, m in enumerate(p.month_labels):
            row = [m] + [_num(float(col[j]), fi) for col in cols]
            w.writerow(([name] if multi else []) + row)
    text = buf.getvalue()
    return ("\ufeff" + text).encode("utf-8") if fi else text.encode("utf-8")
