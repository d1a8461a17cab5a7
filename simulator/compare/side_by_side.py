"""Side-by-side comparison of projections on the same people and years.

Scenarios are keyed by name; two with the same name (or one file given
twice) get unique keys, ``Name``, ``Name (2)`` (``keys``); ``distinct``
renames such a scenario to its key and adds a note (warning
``cmp_same_name``) so every view (table, JSON, CSV, workbook, brief)
shows each one, under a name that says which.
"""
from __future__ import annotations

import dataclasses

import pandas as pd

from simulator.engine import catalogue
from simulator.engine.display import difference, format_change, format_value, kpi_label
from simulator.engine.projection import Projection
from simulator.i18n import label
from simulator.i18n.messages import Message
from simulator.parties import parties

from .verdict import unique_names, verdict

COMPARED_KPIS = catalogue.COMPARED_KPIS
YEAR_ROW = "result_"          # rows result_YYYY: the result of a calendar year


def row_kpi(key: str) -> str:
    """The catalogue's key figure of a row of ``kpi_table``."""
    return "result_by_year" if key.startswith(YEAR_ROW) else key


def row_label(key: str, lang: str = "fi") -> str:
    if key.startswith(YEAR_ROW):
        return f"{label('result', lang)} {key[len(YEAR_ROW):]}"
    return kpi_label(key, lang)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def keys(projections: list[Projection], names: list[str] | None = None) -> list[str]:
    """Each compared scenario's unique key: its name, a repeated one numbered (``Name (2)``)."""
    return unique_names(projections, names)


def distinct(projections: list[Projection]) -> list[Projection]:
    """The projections, a scenario whose name another one already has renamed
    to its key (``keys``) with the note ``cmp_same_name`` among its warnings;
    the others as they are (the same objects)."""
    out = []
    for p, key in zip(projections, keys(projections)):
        if key != p.scenario.name:
            note = Message.make("cmp_same_name", name=p.scenario.name, key=key)
            p = dataclasses.replace(p, scenario=p.scenario.model_copy(update={"name": key}),
                                    warnings=[*p.warnings, note])
        out.append(p)
    return out


def kpi_table(projections: list[Projection], names: list[str] | None = None) -> pd.DataFrame:
    """KPIs (rows) × scenarios (columns, by ``keys``), plus each calendar year's
    result (rows ``result_YYYY``, every year of any scenario; None for a
    scenario that does not run in that year)."""
    names = keys(projections, names)
    years = sorted({y for p in projections for y in p.kpis["result_by_year"]})
    data = {}
    for name, p in zip(names, projections):
        col = {k: p.kpis.get(k) for k in COMPARED_KPIS}
        for y in years:
            col[f"{YEAR_ROW}{y}"] = p.kpis["result_by_year"].get(y)
        data[name] = col
    return pd.DataFrame(data, dtype=object).astype(object).where(lambda t: t.notna(), None)


def differences(table: pd.DataFrame) -> pd.DataFrame:
    """Each scenario's difference from the first, row by row (months between
    two months for month rows; None where a figure is missing)."""
    first = table.columns[0]
    out = {}
    for name in table.columns[1:]:
        out[name] = {k: difference(row_kpi(k), None if _missing(table.at[k, first]) else table.at[k, first],
                                   None if _missing(table.at[k, name]) else table.at[k, name])
                     for k in table.index}
    return pd.DataFrame(out, index=table.index, dtype=object)


def text_table(projections: list[Projection], lang: str = "fi", names: list[str] | None = None,
               diff_names: list[str] | None = None, with_differences: bool = True) -> pd.DataFrame:
    """The KPI table as shown: rows labelled, each figure in the catalogue's
    format, then one column per later scenario with its difference from the
    first (``diff_names`` names those columns; default "Ero: B − A"; none
    with ``with_differences=False``)."""
    table = kpi_table(projections, names)
    diffs = differences(table)
    cols = list(table.columns)
    if not with_differences:
        diff_names = []
    diff_names = diff_names if diff_names is not None else [f"{label('difference', lang)}: {b} − {cols[0]}" for b in cols[1:]]
    rows = []
    for key in table.index:
        kpi = row_kpi(key)
        row = {n: format_value(kpi, None if _missing(table.at[key, n]) else table.at[key, n], lang) for n in cols}
        for n, d in zip(cols[1:], diff_names):
            row[d] = format_change(kpi, diffs.at[key, n], lang)
        rows.append(row)
    return pd.DataFrame(rows, index=[row_label(k, lang) for k in table.index], columns=cols + diff_names)


def yearly(projections: list[Projection], line: str = "result", names: list[str] | None = None) -> pd.DataFrame:
    """A monthly line by calendar year (its sum; a balance's last month), scenarios side by side."""
    names = keys(projections, names)
    out = {}
    for name, p in zip(names, projections):
        m = p.monthly
        groups = m.groupby(m["month"].str[:4])[line]
        out[name] = groups.last() if catalogue.year_end(line) else groups.sum()
    return pd.DataFrame(out)


def to_dict(projections: list[Projection], lang: str = "fi") -> dict:
    """JSON of a comparison: each scenario's full run, the KPI table and
    ``parties`` (design.md §3): per scenario, per party, the total, the
    status quo's total, the difference from it, by year and line by line
    (``simulator.parties.Parties.to_dict``); and the verdict
    (``simulator.compare.verdict``: ``verdict``, ``volumes``, ``people_gain``,
    ``assumption_differences``, ``comparability``). Scenarios are keyed by
    ``keys`` (each scenario's ``scenario.key``); a figure a scenario does not
    have (a year it does not run, a break-even never reached) is null."""
    projections = distinct(projections)
    names = keys(projections)
    table = kpi_table(projections, names)
    runs = []
    for key, p in zip(names, projections):
        doc = p.to_dict(lang)
        doc["scenario"] = {**doc["scenario"], "key": key}
        runs.append(doc)
    return {
        "scenarios": runs,
        "comparison": {name: {k: (None if _missing(v) else v) for k, v in table[name].items()} for name in names},
        "parties": {key: parties(p).to_dict(monthly=True) for key, p in zip(names, projections)},
        # verdict, volumes, people_gain, assumption_differences, comparability (compare/verdict.py)
        **verdict(projections).to_dict(lang),
    }
