"""The verdict on the Vertailu / Comparison sheet (``simulator.compare.verdict``):
the comparability warnings and one sentence per party at the top, the
verdict's tables below the key figures.

The parties' figures are the simulator's values (the parties are not
formulas in the workbook); the paid-work volumes link to the key figures
of each Summary sheet (formulas, less the status quo's value), and the
margin and the ratios are formulas on the figures of this sheet.
"""
from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell as cell

from simulator.compare import verdict_tables as vt
from simulator.compare.verdict import Verdict
from simulator.engine import catalogue

SENTENCE_WIDTH = 120      # characters a line of a sentence spread over the sheet's columns


def write_sentences(book, ws, v: Verdict, r: int) -> int:
    """The comparability warnings, then one sentence per party (text rows across columns A–F)."""
    f, L, lang = book.fmt, book.L, book.lang
    last = 1 + 2 * len(v.names)
    if v.comparability:
        r = _text_rows(ws, r, L("verdict.comparability"), v.warnings(lang), last, f["section"], f["value_note"])
    return _text_rows(ws, r, L("verdict.title"), v.sentences(lang), last, f["section"], f["wrap"])


def _text_rows(ws, r: int, heading: str, texts: list[str], last: int, head_fmt, text_fmt) -> int:
    """A heading, then each text on a row merged across columns A…``last``,
    tall enough for its lines; the row after a blank one is returned."""
    ws.write_string(r, 0, heading, head_fmt)
    r += 1
    for text in texts:
        ws.merge_range(r, 0, r, last, text, text_fmt)
        ws.set_row(r, 15 * max(1, -(-len(text) // SENTENCE_WIDTH)))
        r += 1
    return r + 1


def _summary_cell(sh, kpi: str) -> str | None:
    key = catalogue.KPIS[kpi].label
    row = sh.summary_rows.get(key)
    return None if row is None else f"{sh.q['summary']}!$C${row + 1}"


def _margin_formula(rng: str, n: int, kind: str) -> str | None:
    """The best − the runner-up with Excel 2007 functions only: of two, MAX − MIN;
    of three, the runner-up is the middle one (SUM − MAX − MIN); more: None (a value)."""
    if n == 2:
        return f"=MAX({rng})-MIN({rng})"
    if n == 3:
        middle = f"(SUM({rng})-MAX({rng})-MIN({rng}))"
        return f"={middle}-MIN({rng})" if kind == "public" else f"=MAX({rng})-{middle}"
    return None


def write_tables(book, ws, v: Verdict, r: int) -> int:
    """The parties' figures (values), the best and the margin (formulas); the
    volumes (formulas to the Summary sheets); the ratios (formulas); each
    person's net gain; the assumptions that differ."""
    f, L, lang = book.fmt, book.L, book.lang
    n = len(v.names)
    sheets = book.sheets

    def header(r, heads):
        for c, h in enumerate(heads):
            ws.write_string(r, c if c == 0 else c + 1, h, f["header"])

    # volumes first: the ratios refer to them
    ws.write_string(r, 0, L("verdict.volumes"), f["section"])
    r += 1
    vol_rows = {}
    # (Summary KPI, divisor, less the status quo's figure?) as in compare.verdict.volume:
    # person-years and persons moved are differences, the hours paid are the scenario's own
    sources = {"person_years": ("person_months_in_paid_work", 12.0, True),
               "persons_moved": ("people_in_paid_work_end", 1.0, True),
               "hours_paid_by_organisation": ("paid_hours", 1.0, False)}
    for key, attr, dec, _ in vt.VOLUME_ROWS:
        ws.write_string(r, 0, L(key), f["bold"])
        ws.write_string(r, 1, f"verdict:{attr}", f["key"])
        for k, (name, sh) in enumerate(zip(v.names, sheets)):
            value = getattr(v.volumes[name], attr)
            src = sources.get(attr)
            link = _summary_cell(sh, src[0]) if src else None
            fmt = f["num2"] if dec else f["num1"]
            if link and src[2]:
                # a difference from the status quo counted over the whole horizon, while the
                # Summary counts from the founding month: the engine's figure, as a value
                ws.write_number(r, 2 + k, value, fmt)
            elif link:
                ws.write_formula(r, 2 + k, f"={link}/{src[1]:g}" if src[1] != 1 else f"={link}", fmt, value)
            else:
                ws.write_number(r, 2 + k, value, fmt)
        vol_rows[attr] = r
        r += 1
    r += 1
    # the parties: figure per scenario, best, margin
    ws.write_string(r, 0, L("verdict.table"), f["section"])
    r += 1
    header(r, [L("verdict.col.party")] + list(v.names) + [L("verdict.col.best"), L("verdict.col.margin")])
    r += 1
    fig_rows = {}
    for pv in v.parties:
        ws.write_string(r, 0, f"{L('party.' + pv.party)}: {L('verdict.figure.' + pv.kind)}", f["bold"])
        ws.write_string(r, 1, f"verdict:{pv.party}", f["key"])
        for k, name in enumerate(v.names):
            val = pv.figure[name]
            if val is None:
                ws.write_string(r, 2 + k, "–")
            else:
                ws.write_number(r, 2 + k, val, f["eur0"])
        ws.write_string(r, 2 + n, pv.best or "–")
        if pv.margin is not None:
            formula = _margin_formula(f"{cell(r, 2)}:{cell(r, 1 + n)}", n, pv.kind)
            if formula:
                ws.write_formula(r, 3 + n, formula, f["eur0"], pv.margin)
            else:
                ws.write_number(r, 3 + n, pv.margin, f["eur0"])
        fig_rows[pv.party] = r
        r += 1
    r += 1
    # ratios: figure / person-years, figure / persons moved
    ws.write_string(r, 0, L("verdict.ratios"), f["section"])
    r += 1
    header(r, [L("verdict.col.party")] + [L("verdict.per_person_year").format(name=x) for x in v.names]
           + [L("verdict.per_person_moved").format(name=x) for x in v.names])
    r += 1
    for pv in v.parties:
        ws.write_string(r, 0, L(f"party.{pv.party}"), f["bold"])
        ws.write_string(r, 1, f"verdict_ratio:{pv.party}", f["key"])
        for j, (attr, values) in enumerate((("person_years", pv.per_person_year),
                                            ("persons_moved", pv.per_person_moved))):
            for k, name in enumerate(v.names):
                fig, vol = cell(fig_rows[pv.party], 2 + k), cell(vol_rows[attr], 2 + k)
                val = values[name]
                ws.write_formula(r, 2 + j * n + k, f'=IF(AND(ISNUMBER({fig}),{vol}>0.000001),{fig}/{vol},"–")',
                                 f["eur0"], "–" if val is None else val)
        r += 1
    r += 1
    # people's net gain
    ws.write_string(r, 0, L("verdict.people_gain"), f["section"])
    r += 1
    header(r, [L("verdict.col.person")] + list(v.names))
    r += 1
    for pid, row in v.people_gain.items():
        ws.write_string(r, 0, pid, f["bold"])
        ws.write_string(r, 1, f"verdict_gain:{pid}", f["key"])
        for k, name in enumerate(v.names):
            if row.get(name) is None:
                ws.write_string(r, 2 + k, "–")
            else:
                ws.write_number(r, 2 + k, row[name], f["eur0"])
        r += 1
    r += 1
    # the assumptions that differ
    ws.write_string(r, 0, L("verdict.assumptions"), f["section"])
    r += 1
    heads, rows = vt.assumption_table(v, lang)
    if not rows:
        ws.write_string(r, 0, L("verdict.assumptions_none"))
        return r + 2
    ws.write_string(r, 0, f"{heads[1]} — {heads[0]}", f["header"])
    ws.write_string(r, 1, heads[0], f["header"])
    for c, h in enumerate(heads[2:]):
        ws.write_string(r, 2 + c, h, f["header"])
    r += 1
    for row in rows:
        ws.write_string(r, 0, f"{row[1]} — {row[0]}")
        ws.write_string(r, 1, f"assumption:{row[0]}", f["key"])
        for c, text in enumerate(row[2:]):
            ws.write_string(r, 2 + c, text)
        r += 1
    return r + 1
