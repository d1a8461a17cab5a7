"""The Public purse sheet of one scenario (VALUES, not formulas):
``public_purse(...)`` net cost by payer per year and in total, the key
figures (net public cost per person-year and per paid hour), each party's
result against the status quo, what each payer pays out and gets back line
by line per year, the net cost by person, and the notes. Written by
``person_sheets.PersonSheets`` (its helpers: figures, title, print set-up).
"""
from __future__ import annotations

import numpy as np

from .sheet_common import FIRST_ROW, HEADER_ROW, cell_text, col, finite

PUBLIC_KPIS = [("net_public_cost", "eur"), ("person_years", "num2"), ("net_cost_per_person_year", "eur"),
               ("paid_hours", "num1"), ("net_cost_per_paid_hour", "eur")]
#: rows of the public purse compared on the Comparison sheet (key, format)
PUBLIC_COMPARE = ([(f"net_{q}", "eur") for q in ("county", "municipality", "employment_area", "state", "kela",
                                                  "pension_insurers")] + PUBLIC_KPIS)


def public_by_year(purse) -> tuple[list[int], dict, dict]:
    """(years, {(payer, side, line): €/year}, {person or "organisation": net €/year}) from the
    purse's public flows (``PublicPurse._public()``: the purse gives totals only by payer and
    line, so the years are summed here) by the same rules as ``PublicPurse.by_payer`` and
    ``per_person``; the tests check the sums against both."""
    from ..person.public import PAYERS
    years_m = np.array([int(m[:4]) for m in purse.months])
    years = [int(y) for y in np.unique(years_m)]
    onehot = np.stack([years_m == y for y in years], axis=1).astype(float)   # months × years
    lines: dict = {}
    people: dict = {}
    for f in purse._public():
        by_year = f.amounts @ onehot
        if f.payer in PAYERS:
            key = (f.payer, "paid_out", f.line)
            lines[key] = lines.get(key, 0.0) + by_year
        if f.payee in PAYERS:
            key = (f.payee, "received", f.line)
            lines[key] = lines.get(key, 0.0) + by_year
        sign = (1.0 if f.payer in PAYERS else 0.0) - (1.0 if f.payee in PAYERS else 0.0)
        who = f.person or "organisation"
        people[who] = people.get(who, 0.0) + sign * by_year
    return years, lines, people


def write(ps, ws):
    """The Public purse sheet ``ws`` of the PersonSheets ``ps``."""
    from ..person.public import PAYERS
    f, L = ps.fmt, ps.L
    purse = ps.data.purse
    if purse is not None:
        years, lines, people = public_by_year(purse)
    else:
        years, lines, people = [], {}, {}
    ny = len(years)
    c_total, c_py = 2 + ny, 3 + ny
    ws.set_column(0, 0, 46)
    ws.set_column(1, 1, 26, f["key"], {"hidden": True})   # keys: neither shown nor printed
    ws.set_column(2, c_py, 14)
    ps.width = 46 + 14 * (ny + 2)
    ps.top(ws, "xl.sheet.public", [("xl.values.note", "value_note")], c_py, ps.width)
    if purse is not None:
        ws.write_string(2, 0, L("public.org_public" if purse.organisation_public else "public.org_private"),
                        f["subtitle"])
    ws.write_string(HEADER_ROW, 0, L("xl.col.line"), f["header"])
    ws.write_string(HEADER_ROW, 1, L("xl.col.key"), f["header"])
    for k, y in enumerate(years):
        ws.write_string(HEADER_ROW, 2 + k, str(y), f["header_month"])
    ws.write_string(HEADER_ROW, c_total, L("xl.col.total"), f["header"])
    ws.write_string(HEADER_ROW, c_py, L("xl.public.per_person_year"), f["header"])
    ws.freeze_panes(FIRST_ROW, 2)
    ps.last_row = HEADER_ROW
    if ps.write_error(ws):
        ps.print_setup(ws, c_py)
        return
    q = ps.sh.q["public"]
    kpis = purse.kpis()
    py = kpis["person_years"]
    per_py = (lambda v: v / py) if py and py > 0 else (lambda v: None)
    tcol = col(c_total)

    def section(r, key):
        ps.section(ws, r, key, c_py)

    def row(r, text, key, per_year, total, bold=False, fmt="eur", with_py=True):
        ws.write_string(r, 0, cell_text(text), f["bold"] if bold else None)
        ws.write_string(r, 1, key)
        for k in range(ny):
            ps.value(ws, r, 2 + k, None if per_year is None else per_year[k],
                        "eur_bold" if bold else fmt)
        ps.value(ws, r, c_total, total, "eur_bold" if bold and fmt == "eur" else fmt)
        if with_py:
            ps.value(ws, r, c_py, per_py(total), "eur_bold" if bold else "eur")

    r = FIRST_ROW
    # key figures
    section(r, "ui.kpi")
    r += 1
    for key, fmt in PUBLIC_KPIS:
        ws.write_string(r, 0, L(f"public.{key}"), f["bold"])
        ws.write_string(r, 1, f"kpi:{key}")
        ps.value(ws, r, c_total, kpis[key], fmt)
        ps.public_cells[key] = (f"{q}!${tcol}${r + 1}", finite(kpis[key]))
        r += 1
    r += 1
    # each party's result by year and its difference from the status quo (simulator.parties)
    parties = purse.parties
    if parties is not None:
        from ..parties import PARTIES
        section(r, "party.title")
        ws.write_string(r, c_py, L("party.difference"), f["section"])
        r += 1
        for p in PARTIES:
            yearly = parties.yearly(p)
            row(r, L(f"party.{p}"), f"party:{p}", [yearly.get(y) for y in years], parties.total(p),
                with_py=False)
            ps.value(ws, r, c_py, parties.difference(p), "eur")
            ps.public_cells[f"party_{p}"] = (f"{q}!${tcol}${r + 1}", finite(parties.total(p)))
            r += 1
        r += 1
    # net cost by payer and year
    section(r, "xl.public.sec.net")
    r += 1
    by_year = {row_["year"]: row_ for row_ in purse.by_year()}
    bp = purse.by_payer()
    for p in PAYERS:
        row(r, L(f"public.payer.{p}"), f"net:{p}", [by_year[y][p] for y in years], bp[p]["net_cost"])
        ps.public_cells[f"net_{p}"] = (f"{q}!${tcol}${r + 1}", finite(bp[p]["net_cost"]))
        r += 1
    row(r, L("public.net_public_cost"), "net:total", [by_year[y]["total"] for y in years],
        purse.net_cost, bold=True)
    r += 2
    # each payer: paid out and got back, line by line
    for p in PAYERS:
        section(r, f"public.payer.{p}")
        r += 1
        for side, side_key in (("paid_out", "public.paid_out"), ("received", "public.received")):
            for line, total in bp[p][side].items():
                if abs(total) < 0.005:
                    continue
                per_year = lines.get((p, side, line))
                row(r, f"{L(side_key)}: {L('party_line.' + line)}", f"{p}:{side}:{line}",
                    None if per_year is None else list(per_year), total, with_py=False)
                r += 1
        net_year = [by_year[y][p] for y in years]
        row(r, L("public.net_cost"), f"{p}:net", net_year, bp[p]["net_cost"], bold=True)
        r += 2
    # by person
    section(r, "public.by_person")
    r += 1
    per_person = purse.per_person()
    for who, d in per_person.items():
        text = L("public.organisation") if who == "organisation" else who
        ws.write_string(r, 0, cell_text(text))
        ws.write_string(r, 1, cell_text(f"person:{who}"))
        per_year = people.get(who)
        for k in range(ny):
            ps.value(ws, r, 2 + k, None if per_year is None else per_year[k], "eur")
        ps.value(ws, r, c_total, d["net_cost"], "eur")
        ps.value(ws, r, c_py, d["per_person_year"], "eur")
        r += 1
    # notes
    r += 1
    section(r, "warnings")
    r += 1
    for n in list(purse.notes) + list(purse.parameter_warnings):
        ws.write_string(r, 0, cell_text(n.render(ps.lang)))
        r += 1
    if not purse.notes and not purse.parameter_warnings:
        ws.write_string(r, 0, L("xl.no_warnings"))
        r += 1
    r = ps.explain(ws, r + 1, "xl.public.about", c_py)
    ps.last_row = r
    ps.print_setup(ws, c_py)
