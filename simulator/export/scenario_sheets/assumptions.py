"""The Assumptions sheet: every input of the scenario as a typed, editable cell.

Scalars get a defined name (``s{k}_…``), table columns a named range
(``s{k}_{table}_{field}``); the other sheets' formulas read them. The
importer reads this sheet back (``F.MARKER`` in A1 marks it).
"""
from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from .. import fields as F
from ..formats import INPUT as F_INPUT

EUR_FIELDS = {"hourly_wage", "monthly_pay", "palkkatuki_cap", "tyoosuusraha_per_day", "day_price",
              "cost_per_day", "meal_fee_per_day", "company_fee_per_day", "price", "amount",
              "disability_pension"}
PCT_FIELDS = {"palkkatuki_rate", "volume_from_paid_hours", "growth", "annual_rate"}


def _input(sh, ws, r, c, value, kind, field=""):
    f = sh.fmt
    bt = F.base_type(kind)
    if value is None:
        style = ("in_eur" if field in EUR_FIELDS else "in_pct" if field in PCT_FIELDS
                 else "in_num") if bt in ("float",) else "in_text"
        ws.write_blank(r, c, None, f[style])
        return
    if bt == "bool":
        ws.write_boolean(r, c, bool(value), f["in_bool"])
    elif bt == "int":
        ws.write_number(r, c, int(value), f["in_int"])
    elif bt == "float":
        style = "in_eur" if field in EUR_FIELDS else "in_pct" if field in PCT_FIELDS else "in_num"
        ws.write_number(r, c, float(value), f[style])
    else:  # text, month, choice: always text, never a formula
        ws.write_string(r, c, str(value), f["in_text"])
    if bt in ("choice", "palkkatuki"):
        opts = list(F.choices(kind)) if bt == "choice" else ["auto", "none", "explicit"]
        ws.data_validation(r, c, r, c, {"validate": "list", "source": opts,
                                        "ignore_blank": True})


def write(sh):
    ws, f, A = sh.ws["assumptions"], sh.fmt, sh.q["assumptions"]
    ws.write_string(0, 0, F.MARKER, f["key"])
    ws.write_string(0, 1, sh.L("xl.sheet.assumptions") + " — ", f["title"])
    ws.write_string(0, 2, sh.s.name, f["title"])
    ws.write_string(1, 1, sh.L("xl.assumptions.note"), f["subtitle"])
    ws.set_column(0, 0, 30, f["key"], {"hidden": True})   # paths and markers for import: not printed
    ws.set_column(1, 1, 46)
    ws.set_column(2, 2, 18)
    ws.set_column(3, 40, 15)
    values = F.scalar_values(sh.s)
    r = 3
    for sec, group in (("xl.sec.scenario", F.SCALARS), ("xl.sec.assumptions", F.ASSUMPTIONS),
                       ("xl.sec.pipeline", F.PIPELINE)):
        ws.write_string(r, 0, "", f["section"])
        ws.merge_range(r, 1, r, 3, sh.L(sec), f["section"])
        r += 1
        for path, kind, unit in group:
            ws.write_string(r, 0, path, f["key"])
            ws.write_string(r, 1, sh.field_label(path.split(".")[-1]))
            field = path.split(".")[-1]
            _input(sh, ws, r, 2, values[path], kind,
                   "growth" if unit.startswith("share") else field)
            if path in ("description", "description_en") and values[path]:
                wrap = sh.wb.add_format(dict(F_INPUT, text_wrap=True, valign="top"))
                ws.merge_range(r, 2, r, 9, "", wrap)
                ws.write_string(r, 2, values[path], wrap)
                ws.set_row(r, 15 * min(20, max(1, -(-len(values[path]) // 120))))
            if unit:
                ws.write_string(r, 3, sh.L("xl.unit." + unit), f["key"])
            ref = f"{A}!$C${r + 1}"
            sh.scalar_cells[path] = ref
            sh.wb.define_name(sh.name(path), "=" + ref)
            r += 1
        r += 1
    tables = F.table_rows(sh.s)
    sh.table_first_row = {}
    for table, cols in F.TABLES.items():
        ws.write_string(r, 0, f"[{table}]", f["key"])
        ws.merge_range(r, 1, r, 4, sh.L("xl.table." + table), f["section"])
        r += 1
        for c, (field, _) in enumerate(cols):
            text = (f'{sh.L("xl.f.seasonality")} {field.split("_")[1]}'
                    if field.startswith("seasonality_") else sh.field_label(field))
            ws.write_string(r, 1 + c, text, f["header"])
        ws.set_row(r, 45)
        r += 1
        for c, (field, _) in enumerate(cols):
            ws.write_string(r, 1 + c, field, f["key"])
        ws.set_row(r, None, None, {"hidden": True})   # the import's field names: not printed
        r += 1
        rows = tables[table]
        sh.table_first_row[table] = r
        for i, row in enumerate(rows):
            for c, (field, kind) in enumerate(cols):
                _input(sh, ws, r, 1 + c, row[field], kind, field)
                sh.table_cells[(table, i, field)] = f"{A}!${xl_col_to_name(1 + c)}${r + 1}"
            r += 1
        if rows:
            a, b = sh.table_first_row[table] + 1, r
            for c, (field, _) in enumerate(cols):
                col = xl_col_to_name(1 + c)
                rng = f"{A}!${col}${a}:${col}${b}"
                sh.table_ranges[(table, field)] = rng
                sh.wb.define_name(f"s{sh.k}_{table}_{field}", "=" + rng)
        r += 1
    ws.freeze_panes(3, 2)
    sh.print_setup(ws, fit=False)
    ws.fit_to_pages(2, 0)
