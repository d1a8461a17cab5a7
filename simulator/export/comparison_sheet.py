"""The Comparison sheet (several scenarios): the verdict's sentences, every
KPI side by side as formulas linking the scenarios' Summary sheets with the
differences from the first, the result by year, the public purse and the
people's net income (links to the value sheets), the verdict's tables and a
chart of closing cash."""
from __future__ import annotations

from simulator.compare.verdict import verdict
from . import verdict_sheet
from .public_sheet import PUBLIC_COMPARE
from .scenario_sheets import KPI_ENGINE_KEY, KPI_FORMAT, KPI_ROWS
from .scenario_sheets.cells import KEY_HIDDEN
from .sheet_common import FOOTER, col


def write(book, ws):
    """The Comparison sheet ``ws`` of the Book ``book`` (several scenarios)."""
    f, L = book.fmt, book.L
    ws.write_string(0, 0, L("xl.sheet.comparison"), f["title"])
    ws.write_string(1, 0, L("xl.comparison.note"), f["subtitle"])
    ws.set_column(0, 0, 42)
    ws.set_column(1, 1, 22, f["key"], KEY_HIDDEN)   # keys: hidden, not printed
    n = len(book.sheets)
    ws.set_column(2, 2 + 2 * n, 22)
    # the verdict first: comparability warnings, one sentence per party (export/verdict_sheet.py)
    vd = verdict(book.projections)
    r = verdict_sheet.write_sentences(book, ws, vd, 3)
    head_row = r
    ws.write_string(r, 0, L("xl.col.kpi"), f["header"])
    ws.write_string(r, 1, L("xl.col.key"), f["header"])
    heads = [sh.s.name for sh in book.sheets]
    heads += [f"{L('difference')}: {sh.s.name} − {book.sheets[0].s.name}" for sh in book.sheets[1:]]
    for c, text in enumerate(heads):
        ws.write_string(r, 2 + c, text, f["header"])
    # the names wrap inside their own header row (22 characters a line), never into the title rows
    ws.set_row(r, 15 * max(1, max(-(-len(t) // 20) for t in heads)))
    ws.freeze_panes(0, 2)     # the names stay in view; the header row is below the sentences
    r += 1
    formats = {"month": f["month"], "pct": f["pct"], "num1": f["num1"], "num2": f["num2"]}
    for key in KPI_ROWS:
        kind = KPI_FORMAT.get(key, "eur")
        fmt = formats.get(kind, f["eur0"])
        ws.write_string(r, 0, L(key), f["bold"])
        ws.write_string(r, 1, KPI_ENGINE_KEY.get(key, key), f["key"])
        for k, sh in enumerate(book.sheets):
            cell = f"{sh.q['summary']}!$C${sh.summary_rows[key] + 1}"
            v = sh.p.kpis.get(KPI_ENGINE_KEY.get(key, key))
            ws.write_formula(r, 2 + k, f"={cell}", fmt, "–" if v is None else v)
        if kind != "month":
            for k in range(1, n):
                a, b = f"{col(2)}{r + 1}", f"{col(2 + k)}{r + 1}"
                v0 = book.sheets[0].p.kpis.get(KPI_ENGINE_KEY.get(key, key))
                vk = book.sheets[k].p.kpis.get(KPI_ENGINE_KEY.get(key, key))
                val = (vk - v0) if isinstance(v0, (int, float)) and isinstance(vk, (int, float)) else "–"
                ws.write_formula(r, 2 + n + k - 1, f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{b}-{a},"–")',
                                 fmt, val)
        r += 1
    r += 1
    ws.write_string(r, 0, L("xl.sec.yearly_result"), f["section"])
    r += 1
    years = sorted({y for sh in book.sheets for y in sh.year_rows})
    for y in years:
        ws.write_string(r, 0, f"{L('result')} {y}", f["bold"])
        ws.write_string(r, 1, f"result_{y}", f["key"])
        for k, sh in enumerate(book.sheets):
            if y in sh.year_rows:
                cell = f"{sh.q['summary']}!$F${sh.year_rows[y] + 1}"
                ws.write_formula(r, 2 + k, f"={cell}", f["eur0"],
                                 float(sh.p.kpis["result_by_year"].get(str(y), 0.0)))
            else:
                ws.write_string(r, 2 + k, "–")
        r += 1
    r = write_person_comparison(book, ws, r + 1)
    r = verdict_sheet.write_tables(book, ws, vd, r + 1)
    # chart: closing cash of every scenario, when they cover the same months
    labels = {tuple(sh.labels) for sh in book.sheets}
    if len(labels) == 1:
        chart = book.wb.add_chart({"type": "line"})
        for k, sh in enumerate(book.sheets):
            m = sh.names["monthly"]
            row = sh.monthly_rows["closing_cash"]
            chart.add_series({"name": [book.L("xl.sheet.comparison"), head_row, 2 + k],
                              "categories": [m, 2, 4, 2, 4 + sh.n - 1],
                              "values": [m, row, 4, row, 4 + sh.n - 1]})
        chart.set_title({"name": L("xl.chart.cash_compare")})
        chart.set_y_axis({"num_format": '#,##0 "€"', "major_gridlines": {"visible": True}})
        chart.set_x_axis({"num_font": {"rotation": -45}, "interval_unit": max(1, book.sheets[0].n // 12)})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 900, "height": 380})
        ws.insert_chart(r + 1, 0, chart)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_footer(FOOTER)
    ws.fit_to_pages(1, 0)


def write_person_comparison(book, ws, r: int) -> int:
    """The public purse and the people's net income side by side: formulas
    linking to the value sheets People – net income and Public purse."""
    f, L = book.fmt, book.L
    n = len(book.sheets)
    extra = [sh.person for sh in book.sheets]

    def link_row(r, text, key, cells, fmt):
        fmt = "eur0" if fmt == "eur" else fmt     # whole euros on the summary sheets
        ws.write_string(r, 0, text, f["bold"])
        ws.write_string(r, 1, key, f["key"])
        for k, cell in enumerate(cells):
            if cell is None or cell[1] is None:
                ws.write_string(r, 2 + k, "–", f["month"])
            else:
                ws.write_formula(r, 2 + k, f"={cell[0]}", f[fmt], cell[1])
        for k in range(1, n):
            a, b = f"{col(2)}{r + 1}", f"{col(2 + k)}{r + 1}"
            v0, vk = cells[0][1] if cells[0] else None, cells[k][1] if cells[k] else None
            val = vk - v0 if v0 is not None and vk is not None else "–"
            ws.write_formula(r, 2 + n + k - 1, f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{b}-{a},"–")',
                             f[fmt], val)

    ws.write_string(r, 0, L("xl.comparison.public"), f["section"])
    r += 1
    for key, fmt in PUBLIC_COMPARE:
        link_row(r, L(f"public.{key}"), f"public:{key}", [e.public_cells.get(key) for e in extra], fmt)
        r += 1
    r += 1
    ws.write_string(r, 0, L("xl.comparison.person"), f["section"])
    r += 1
    ids = list(dict.fromkeys(pid for e in extra for (pid, _) in e.person_cells))
    for pid in ids:
        for key, text in (("net_income", L("person.net_income")), ("change", L("xl.comparison.change"))):
            link_row(r, f"{pid}: {text}", f"person:{pid}:{key}",
                     [e.person_cells.get((pid, key)) for e in extra], "eur")
            r += 1
    if not ids:
        ws.write_string(r, 0, L("xl.person.none"))
        r += 1
    return r
