"""The Assumptions sheet's rows into a validated scenario (for ``importer``).

Scalars are the rows whose column A holds a field path; tables start at a
``[table]`` row, then a row of labels and a row of field keys (columns are
matched by these keys, so reordered columns still import), then one row per
item until the next table. Every problem is reported with the sheet and
cell, in English and Finnish, as one ``ScenarioError``; the validator's
problems are moved to the cell of their field.
"""
from __future__ import annotations

import re

from simulator.model.scenario import Scenario
from simulator.model.problems import ScenarioError, validate
from simulator.model.problems import shown as shown_value
from . import fields as F
from .importer_cells import CellReader, blank
from .importer_diff import keep_precision

_CELL_PATH = re.compile(r"^(.*?)(\[\d+\]|\.[A-Za-z0-9_]+)$")


def _set(d: dict, path: str, value):
    parts = path.split(".")
    for p in parts[:-1]:
        d = d.setdefault(p, {})
    d[parts[-1]] = value


def _palkkatuki(choice, rate, months, cap):
    if choice == "explicit":
        out = {"rate": rate, "months": months}
        if cap is not None:
            out["monthly_cap"] = cap
        return out
    return choice


def parse(rows: list, sheet: str, src: str, original: Scenario | None) -> tuple[Scenario, dict]:
    """The sheet's rows (from ``importer_open.sheet_rows``) -> (validated scenario, field path -> "Sheet!A1").
    Raises ScenarioError naming the sheet and cell of every problem."""
    rd = CellReader(src, sheet)
    scalar_kind = {p: k for p, k, _ in F.SCALARS + F.ASSUMPTIONS + F.PIPELINE}
    data: dict = {}
    pipeline: dict = {}
    seen_scalars = set()
    tables: dict[str, list] = {}
    r = 1
    while r < len(rows):
        row = rows[r]
        key = row[0] if row else None
        if isinstance(key, str) and key in scalar_kind:
            seen_scalars.add(key)
            v = rd.value(row[2] if len(row) > 2 else None, scalar_kind[key], r, 2, key)
            if key.startswith("pipeline."):
                pipeline[key] = v
            elif v is not None:
                _set(data, key, v)
            r += 1
            continue
        if isinstance(key, str) and key.startswith("[") and key.endswith("]") and key[1:-1] in F.TABLES:
            name = key[1:-1]
            keys_row = rows[r + 2] if r + 2 < len(rows) else []
            cols = {v: c for c, v in enumerate(keys_row) if isinstance(v, str) and c > 0}
            spec = dict(F.TABLES[name])
            missing = [f for f in spec if f not in cols]
            if missing:
                rd.problems.append((f"{sheet}!A{r + 1} ([{name}])",
                                    f"table columns missing: {', '.join(missing)}",
                                    f"taulukosta puuttuu sarakkeita: {', '.join(missing)}"))
                cols = {}
            items = []
            rr = r + 3
            while rr < len(rows):
                row = rows[rr]
                a = row[0] if row else None
                if isinstance(a, str) and (a in scalar_kind or (a.startswith("[") and a.endswith("]"))):
                    break
                if cols and any(not blank(row[c]) for c in cols.values() if c < len(row)):
                    items.append((rr, {f: (row[cols[f]] if cols[f] < len(row) else None, cols[f])
                                       for f in spec}))
                rr += 1
            tables[name] = items
            r = rr
            continue
        r += 1
    missing = [p for p in scalar_kind if p not in seen_scalars and p not in F.OPTIONAL_ROWS]
    if missing:
        rd.problems.append((sheet, f"rows missing: {', '.join(missing)}", f"rivejä puuttuu: {', '.join(missing)}"))
    for name in F.TABLES:
        if name not in tables:
            rd.problems.append((sheet, f"table [{name}] missing", f"taulukko [{name}] puuttuu"))
            tables[name] = []

    # the description: one text, or {fi, en} when the English row is filled
    if data.get("description_en"):
        data["description"] = {"fi": data.get("description") or "", "en": data["description_en"]}
    data.pop("description_en", None)

    # pipeline
    if any(v is not None for v in pipeline.values()):
        ac = {}
        for p, v in pipeline.items():
            field = p.rsplit(".", 1)[1]
            if p.startswith("pipeline.after_conversion.") and not field.startswith("palkkatuki") and v is not None:
                ac[field] = v
        choice = pipeline.get("pipeline.after_conversion.palkkatuki")
        if choice is not None:
            ac["palkkatuki"] = _palkkatuki(choice, pipeline.get("pipeline.after_conversion.palkkatuki_rate"),
                                           pipeline.get("pipeline.after_conversion.palkkatuki_months"),
                                           pipeline.get("pipeline.after_conversion.palkkatuki_cap"))
            for f, k in (("palkkatuki_rate", "rate"), ("palkkatuki_months", "months"), ("palkkatuki_cap", "monthly_cap")):
                rd.cells[f"pipeline.after_conversion.palkkatuki.{k}"] = rd.cells.get(f"pipeline.after_conversion.{f}", sheet)
        pl = {"after_conversion": ac}
        for f in ("avotyo_time_limit_months", "conversion_rate"):
            if pipeline.get(f"pipeline.{f}") is not None:
                pl[f] = pipeline[f"pipeline.{f}"]
        data["pipeline"] = pl

    def item(name, rr, cells, path, skip=()):
        out = {}
        for f, kind in F.TABLES[name]:
            if f in skip:
                continue
            raw, c = cells[f]
            v = rd.value(raw, kind, rr, c, f"{path}.{f}")
            if v is not None:
                out[f] = v
        return out

    people = []
    index = {}
    for i, (rr, cells) in enumerate(tables["people"]):
        p = item("people", rr, cells, f"people[{i}]")
        p["phases"] = []
        rd.cells[f"people[{i}]"] = rd.where(rr, cells["id"][1])
        if isinstance(p.get("id"), str):
            index.setdefault(p["id"], i)
        people.append(p)
    for rr, cells in tables["phases"]:
        raw, c = cells["person"]
        pid = rd.value(raw, "str", rr, c, "phase.person")
        if pid not in index:
            rd.bad(rr, c, "person", f"person {shown_value(pid)} is not in the people table",
                   f"henkilöä {shown_value(pid)} ei ole henkilötaulukossa")
            continue
        i = index[pid]
        j = len(people[i]["phases"])
        path = f"people[{i}].phases[{j}]"
        rd.cells[path] = rd.where(rr, cells["kind"][1])
        ph = item("phases", rr, cells, path, skip=("person",) + F.PALKKATUKI_COLUMNS)
        raw, c = cells["palkkatuki"]
        choice = rd.value(raw, "palkkatuki?", rr, c, f"{path}.palkkatuki")
        if choice is not None:
            vals = {}
            for f, k in (("palkkatuki_rate", "rate"), ("palkkatuki_months", "months"),
                         ("palkkatuki_cap", "monthly_cap")):
                raw, c = cells[f]
                vals[f] = rd.value(raw, dict(F.TABLES["phases"])[f], rr, c, f"{path}.palkkatuki.{k}")
            ph["palkkatuki"] = _palkkatuki(choice, vals["palkkatuki_rate"], vals["palkkatuki_months"],
                                           vals["palkkatuki_cap"])
        people[i]["phases"].append(ph)
    data["people"] = people
    for name in ("staff", "overheads", "grants"):
        data[name] = [item(name, rr, cells, f"{name}[{i}]") for i, (rr, cells) in enumerate(tables[name])]
    revenue = []
    for i, (rr, cells) in enumerate(tables["revenue"]):
        line = item("revenue", rr, cells, f"revenue[{i}]", skip=F.SEASON_COLUMNS)
        season = []
        for m, f in enumerate(F.SEASON_COLUMNS):
            raw, c = cells[f]
            season.append(rd.value(raw, "float?", rr, c, f"revenue[{i}].seasonality[{m}]"))
        rd.cells[f"revenue[{i}].seasonality"] = rd.cells[f"revenue[{i}].seasonality[0]"]
        if any(v is not None for v in season):
            if any(v is None for v in season):
                rd.bad(rr, cells[F.SEASON_COLUMNS[0]][1], f"revenue[{i}].seasonality",
                       "give all 12 seasonal factors or none", "anna kaikki 12 kausikerrointa tai ei yhtään")
            else:
                line["seasonality"] = season
        revenue.append(line)
    data["revenue"] = revenue
    data["financing"] = {
        "share_capital": [item("share_capital", rr, cells, f"financing.share_capital[{i}]")
                          for i, (rr, cells) in enumerate(tables["share_capital"])],
        "loans": [item("loans", rr, cells, f"financing.loans[{i}]")
                  for i, (rr, cells) in enumerate(tables["loans"])]}
    if rd.problems:
        raise ScenarioError(src, rd.problems)
    if original is not None:
        keep_precision(data, original.model_dump(mode="python"), rd.floats)
        if original.uncertainty is not None:
            # not on the sheets: ranges and distributions travel in the hidden _data sheet
            data["uncertainty"] = original.uncertainty.model_dump(mode="python")
    try:
        scenario = validate(data, src)
    except ScenarioError as exc:
        raise ScenarioError(src, [(_where(rd.cells, sheet, p), en, fi) for p, en, fi in exc.problems]) from None
    return scenario, rd.cells


def _where(cells: dict, sheet: str, path: str) -> str:
    p = path
    while p:
        if p in cells:
            return f"{cells[p]} ({path})"
        m = _CELL_PATH.match(p)
        if not m:
            break
        p = m.group(1)
    return f"{sheet} ({path})" if path else sheet
