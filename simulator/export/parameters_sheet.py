"""The Parameters and sources sheet: every statutory value the formulas use,
dated, with unit, status and source URL; each parameter's values and dates
get a defined name (``param_name``, ``…_from``, ages) that the formulas of
the scenario sheets look up by month."""
from __future__ import annotations

import datetime as dt

from xlsxwriter.utility import quote_sheetname

from .scenario_sheets import PARAM_USE, USED_PARAMS, param_name
from .sheet_common import FOOTER


def write(book, ws):
    """The Parameters and sources sheet ``ws`` of the Book ``book``; defines the names the formulas use."""
    f, L = book.fmt, book.L
    ws.write_string(0, 0, L("xl.sheet.parameters"), f["title"])
    ws.write_string(1, 0, L("xl.params.note"), f["subtitle"])
    heads = ["xl.pcol.name", "xl.pcol.description", "xl.pcol.unit", "xl.pcol.valid_from",
             "xl.pcol.value", "xl.pcol.used_value", "xl.pcol.status", "xl.pcol.known_until",
             "xl.pcol.age_min", "xl.pcol.age_max", "xl.pcol.used_in", "xl.pcol.source", "xl.pcol.note"]
    for c, h in enumerate(heads):
        ws.write_string(3, c, L(h), f["header"])
    widths = [34, 44, 14, 12, 12, 12, 12, 12, 8, 8, 22, 60, 60]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.freeze_panes(4, 1)
    r = 4
    for name in USED_PARAMS:
        p = book.params.get(name)
        a = r
        for e in p.entries:
            ws.write_string(r, 0, name, f["bold"] if r == a else None)
            if r == a:
                ws.write_string(r, 1, p.description_fi if book.lang == "fi" else p.description)
            ws.write_string(r, 2, p.unit)
            ws.write_datetime(r, 3, dt.datetime.combine(e.valid_from, dt.time()), f["date"])
            ws.write_number(r, 4, e.value, f["param_in"])
            scale = "*0.01" if p.unit == "percent" else ""
            ws.write_formula(r, 5, f"=E{r + 1}{scale}", f["num2"] if not scale else f["pct"],
                             e.value * p.scale)
            ws.write_string(r, 6, e.status, f["warn"] if e.status == "gap" else None)
            ws.write_datetime(r, 7, dt.datetime.combine(p.known_until, dt.time()), f["date"])
            if p.ages:
                if p.ages[0] is not None:
                    ws.write_number(r, 8, p.ages[0], f["param_in"])
                if p.upper_age_by_birth_year:   # the limit by birth year (formulas look it up)
                    ws.write_string(r, 9, p.upper_age_by_birth_year)
                elif p.ages[1] is not None:
                    ws.write_number(r, 9, p.ages[1], f["param_in"])
            ws.write_string(r, 10, L("xl.used." + PARAM_USE[name]))
            if e.source.startswith(("http://", "https://")) and len(e.source) < 2000:
                ws.write_url(r, 11, e.source, f["url"], e.source)
            else:
                ws.write_string(r, 11, e.source)
            if e.note:
                ws.write_string(r, 12, e.note)
            r += 1
        q = quote_sheetname(L("xl.sheet.parameters"))
        pn = param_name(name)
        book.wb.define_name(f"{pn}_from", f"={q}!$D${a + 1}:$D${r}")
        book.wb.define_name(pn, f"={q}!$F${a + 1}:$F${r}")
        if p.ages:
            if p.ages[0] is not None:
                book.wb.define_name(f"{pn}_age_min", f"={q}!$I${a + 1}")
            if p.ages[1] is not None:
                book.wb.define_name(f"{pn}_age_max", f"={q}!$J${a + 1}")
        r += 1
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_footer(FOOTER)
    ws.print_area(0, 0, r, 11)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(3)
