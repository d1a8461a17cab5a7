"""The sheets of one scenario: Assumptions, People, Calculation, Monthly, Summary
(and the value sheets People – net income and Public purse: ``person_sheets``).

Every projection line is a formula. The chain is

    Assumptions (inputs) ─┐
    Parameters (dated)  ──┼─> Calculation (month helpers, parameters by month,
    People (roster)     ──┘    revenue/item/loan rows, one block per roster row)
                               └─> Monthly (every line of the engine) ─> Summary (KPIs, chart)

and each formula states a rule of ``docs/rules.md``. Each formula is
written with its cached value (the engine's figure, or for helper rows the
same arithmetic in numpy), so viewers that do not recalculate show the right
numbers too.

Timing is structure: which phase is in force in which month, settlement
months, an item's active months and a loan's payment number are values
(grey) computed from the scenario's dates; amounts, rates, hours, prices,
growth, VAT registration, payment terms, the holiday-pay month, the
pay-subsidy choice and duration, and the statutory parameters are live.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from simulator.model.conventions import calendar_month, calendar_year, month_number
from simulator.engine.projection import Projection, palkkatuki_rules
from ..i18n import LABELS
from ..i18n import label as _label
from simulator.engine.lines import contributions as con
from simulator.engine.lines.financing import single_loan
from simulator.engine.lines import pay, subsidies
from simulator.engine.lines import work_activity as wa
from simulator.engine.lines.items import schedule
from simulator.engine.lines.settle import settle
from . import fields as F
from .formats import INPUT as F_INPUT
from .person_sheets import PersonSheets
from .structure import plan

MONTH_COL = 4            # months start in column E on every month sheet
HEADER_ROW = 2           # row of month labels (0-based) on month sheets
FIRST_ROW = 3            # first data row on month sheets
EXCEL_EPOCH = dt.date(1899, 12, 30)

SERIES_PARAMS = (
    "holiday.days_per_month", "holiday.days_per_month_first_year", "holiday.lomaraha_share",
    "holiday.min_hours_for_full_month", "holiday.working_days_per_month",
    "tyel.employer_average", "tyel.earnings_floor", "health_insurance.employer",
    "unemployment_insurance.employer_lower", "unemployment_insurance.employer_upper",
    "unemployment_insurance.payroll_threshold", "accident_insurance.average",
    "group_life_insurance.average", "vat.standard_rate", "corporate_tax.rate",
)
START_PARAMS = (
    "palkkatuki.rate_reduced_capacity", "palkkatuki.rate_other", "palkkatuki.months_reduced_capacity",
    "palkkatuki.months_other", "palkkatuki.cap_reduced_capacity", "palkkatuki.cap_other",
    "palkkatuki.cap_full_rate", "palkkatuki.side_costs_included",
)
WARNING_PARAMS = ("vat.registration_threshold", "tyoosuusraha.tax_free_per_day", "pension.earnings_limit")
USED_PARAMS = SERIES_PARAMS + START_PARAMS + WARNING_PARAMS

EUR_FIELDS = {"hourly_wage", "monthly_pay", "palkkatuki_cap", "tyoosuusraha_per_day", "day_price",
              "cost_per_day", "meal_fee_per_day", "company_fee_per_day", "price", "amount",
              "disability_pension"}
PCT_FIELDS = {"palkkatuki_rate", "volume_from_paid_hours", "growth", "annual_rate"}

# Monthly sheet: sections and the engine's line keys, in reading order.
MONTHLY_SECTIONS = [
    ("xl.sec.accrual", [
        "sales", "avotyo_fees", "day_price_income", "client_fees", "other_income", "revenue",
        "pay_subsidy", "grants", "subsidies",
        "wages", "holiday_pay", "holiday_bonus", "employer_pension", "employer_health_insurance",
        "employer_unemployment_insurance", "accident_insurance", "group_life_insurance",
        "employer_contributions", "work_activity_pay", "work_activity_costs", "overheads",
        "one_off_costs", "non_deductible_vat", "interest", "costs_before_tax",
        "result_before_tax", "income_tax", "costs", "result", "cumulative_result"]),
    ("xl.sec.cash_in", [
        "customer_receipts", "client_fees_received", "pay_subsidy_received", "grants_received",
        "other_income_received", "vat_refund", "share_capital", "loan_drawdown", "cash_in"]),
    ("xl.sec.cash_out", [
        "wages_paid", "holiday_pay_paid", "holiday_bonus_paid", "employer_contributions_paid",
        "work_activity_pay_paid", "work_activity_costs_paid", "supplier_payments", "interest_paid",
        "loan_repayment", "vat_paid", "income_tax_paid", "cash_out"]),
    ("xl.sec.cash", ["net_cash_flow", "opening_cash", "closing_cash"]),
    ("xl.sec.volumes", ["paid_hours", "people_in_paid_work", "people_employed_here",
                        "people_in_work_activity", "people_in_avotyo"]),
]
TOTAL_LINES = {"revenue", "subsidies", "employer_contributions", "costs_before_tax",
               "result_before_tax", "costs", "result", "cash_in", "cash_out", "net_cash_flow",
               "closing_cash"}
STOCK_LINES = {"opening_cash", "closing_cash", "cumulative_result"}
COUNT_LINES = {"paid_hours", "people_in_paid_work", "people_employed_here",
               "people_in_work_activity", "people_in_avotyo"}

KPI_ROWS = ["break_even_month", "min_cash", "min_cash_month", "closing_cash_kpi", "npv", "irr",
            "total_result", "total_revenue", "total_subsidies", "total_costs", "paid_hours",
            "cost_per_paid_hour", "subsidy_share", "people_in_paid_work_end",
            "person_months_in_paid_work"]
KPI_ENGINE_KEY = {"closing_cash_kpi": "closing_cash"}
KPI_FORMAT = {"break_even_month": "month", "min_cash_month": "month", "irr": "pct",
              "subsidy_share": "pct", "paid_hours": "num1", "people_in_paid_work_end": "num2",
              "person_months_in_paid_work": "num2"}

PERSON_ROWS = ["phase", "employed_here", "employed_company", "hours_per_week", "base_pay",
               "wa_days", "wa_days_other", "tyoosuusraha_rate", "day_price", "cost_per_day",
               "meal_fee", "company_fee", "company_fee_standard_vat", "in_work_activity", "in_avotyo",
               "employment_start", "employment_last", "subsidy_rate", "subsidy_cap",
               "subsidy_old_rules", "age"]
STAFF_ROWS = ["phase", "employed_here", "hours_per_week", "base_pay", "employment_start",
              "employment_last", "age"]
PEOPLE_FMT = {"phase": "st_text", "employed_here": "st_int", "employed_company": "st_int",
              "in_avotyo": "st_int", "in_work_activity": "st_int", "employment_start": "st_int", "employment_last": "st_int",
              "hours_per_week": "num1", "wa_days": "num1", "wa_days_other": "num1",
              "company_fee_standard_vat": "int", "subsidy_rate": "pct", "subsidy_old_rules": "int",
              "age": "int"}

CONTRIB_ROWS = ["employer_pension", "employer_health_insurance", "employer_unemployment_insurance",
                "accident_insurance", "group_life_insurance"]
CALC_PERSON_ROWS = (["monthly_pay", "holiday_days", "holiday_pay", "wages", "holiday_bonus",
                     "pay_base"] + CONTRIB_ROWS +
                    ["contribution_rate", "holiday_settled_upto", "cum_holiday_pay",
                     "cum_holiday_bonus", "cum_holiday_contrib", "holiday_pay_paid",
                     "holiday_bonus_paid", "contributions_due", "pay_subsidy",
                     "work_activity_pay", "day_price_income", "avotyo_fees", "avotyo_fees_standard",
                     "client_fees", "work_activity_costs", "paid_hours", "people_in_paid_work",
                     "people_employed_here", "people_in_work_activity", "people_in_avotyo"])
CALC_STAFF_ROWS = (["monthly_pay", "holiday_days", "holiday_pay", "wages", "holiday_bonus",
                    "pay_base"] + CONTRIB_ROWS +
                   ["contribution_rate", "holiday_settled_upto", "cum_holiday_pay",
                    "cum_holiday_bonus", "cum_holiday_contrib", "holiday_pay_paid",
                    "holiday_bonus_paid", "contributions_due", "staff_grant"])
CALC_FMT = {"holiday_days": "num2", "contribution_rate": "pct", "holiday_settled_upto": "int",
            "paid_hours": "num1", "people_in_paid_work": "int", "people_employed_here": "int",
            "people_in_work_activity": "int", "people_in_avotyo": "int"}
ZERO_COLUMN_ROWS = {"holiday_settled_upto": -1, "cum_holiday_pay": 0, "cum_holiday_bonus": 0,
                    "cum_holiday_contrib": 0}


def field_label(field: str, lang: str) -> str:
    """A field's label: the workbook's own (``xl.f.*``), else the app's (``f.*``), else its name."""
    for key in ("xl.f." + field, "f." + field):
        if key in LABELS:
            return _label(key, lang)
    return field


@lru_cache(maxsize=None)
def cl(j: int) -> str:
    """Column letter of month ``j`` (0-based)."""
    return xl_col_to_name(MONTH_COL + j)


def param_name(name: str) -> str:
    return "p_" + name.replace(".", "_")


def excel_date(d: dt.date) -> int:
    return (d - EXCEL_EPOCH).days


def _num(x) -> float:
    x = float(x)
    return x if np.isfinite(x) else 0.0


def scalar_name(k: int, path: str) -> str:
    short = (path.replace("assumptions.", "").replace("pipeline.after_conversion.", "ac_")
             .replace("pipeline.", "pipeline_").replace(".", "_"))
    return f"s{k}_{short}"


class ScenarioSheets:
    """Writes the sheets of scenario number ``k`` (1-based): five with formulas, two with values."""

    def __init__(self, book, projection: Projection, k: int, multi: bool):
        self.book = book
        self.wb = book.wb
        self.fmt = book.fmt
        self.lang = book.lang
        self.p = projection
        self.s = projection.scenario
        self.ctx = projection.context
        self.k = k
        self.n = len(projection.month_labels)
        self.labels = projection.month_labels
        suffix = f" {k}" if multi else ""
        self.names = {key: _label(f"xl.sheet.{key}", self.lang) + suffix
                      for key in ("assumptions", "people", "calc", "monthly", "summary",
                                  "person_income", "public")}
        self.q = {key: quote_sheetname(v) for key, v in self.names.items()}
        self.plans = plan(self.s)
        self.scalar_cells: dict[str, str] = {}
        self.table_cells: dict[tuple, str] = {}
        self.table_ranges: dict[tuple, str] = {}
        self.people_rows: dict[tuple, int] = {}
        self.calc_rows: dict = {}
        self.monthly_rows: dict[str, int] = {}
        self.summary_rows: dict[str, int] = {}
        self.year_rows: dict[int, int] = {}

    # ------------------------------------------------------------------ helpers
    def L(self, key: str) -> str:
        return _label(key, self.lang)

    def field_label(self, field: str) -> str:
        return field_label(field, self.lang)

    def name(self, path: str) -> str:
        return scalar_name(self.k, path)

    def tref(self, table: str, i: int, field: str) -> str:
        return self.table_cells[(table, i, field)]

    def last_col(self) -> str:
        return cl(self.n - 1)

    def write_row(self, ws, r: int, formulas, values, fmt, struct: bool = False):
        f = self.fmt[fmt] if fmt else None
        for j in range(self.n):
            fx = formulas[j]
            if fx is None:
                continue
            if struct:
                if isinstance(fx, str):
                    ws.write_string(r, MONTH_COL + j, fx, f)
                else:
                    ws.write_number(r, MONTH_COL + j, float(fx), f)
            else:
                v = values[j]
                ws.write_formula(r, MONTH_COL + j, fx, f, v if isinstance(v, str) else _num(v))

    def month_header(self, ws, title_key: str, col_c_key: str, print_titles: bool = False):
        f = self.fmt
        ws.write_string(0, 0, self.L(title_key) + " — ", f["title"])
        ws.write_string(0, 1, self.s.name, f["title"])
        ws.write_string(HEADER_ROW, 0, self.L("xl.col.line"), f["header"])
        ws.write_string(HEADER_ROW, 1, self.L("xl.col.key"), f["header"])
        ws.write_string(HEADER_ROW, 2, self.L(col_c_key), f["header"])
        ws.write_string(HEADER_ROW, 3, "", f["header"])
        for j, m in enumerate(self.labels):
            ws.write_string(HEADER_ROW, MONTH_COL + j, m, f["header_month"])
        ws.freeze_panes(FIRST_ROW, MONTH_COL)
        ws.set_column(0, 0, 40)
        ws.set_column(1, 1, 24, self.fmt["key"])
        ws.set_column(2, 2, 14)
        ws.set_column(3, 3, 6)
        ws.set_column(MONTH_COL, MONTH_COL + self.n - 1, 12)
        # Print titles only where people print (they cost LibreOffice seconds on big sheets).
        self.print_setup(ws, repeat=print_titles)

    def print_setup(self, ws, repeat: bool = False, fit: bool = True):
        ws.set_landscape()
        ws.set_paper(9)
        ws.set_margins(0.4, 0.4, 0.6, 0.6)
        if repeat:    # a month table: one page tall, as many wide as the months need
            ws.fit_to_pages(0, 1)
        elif fit:
            ws.fit_to_pages(1, 0)
        if repeat:  # the month header on every printed page (repeating column A as well
            ws.repeat_rows(HEADER_ROW)  # makes LibreOffice several seconds slower to open)
        ws.set_footer("&L&A&R&P / &N")

    # ------------------------------------------------------------------ layout
    def layout(self):
        """Assign rows on People, Calculation and Monthly before writing,
        because formulas refer across sheets in both directions."""
        r = FIRST_ROW
        for pl in self.plans:
            self.people_rows[(pl.index, "header")] = r
            r += 1
            for key in (STAFF_ROWS if pl.is_staff else PERSON_ROWS):
                self.people_rows[(pl.index, key)] = r
                r += 1
            r += 1
        self.people_decision_row = r + 1
        # Calculation
        c = self.calc_rows
        r = FIRST_ROW
        c["sec_time"] = r; r += 1
        for key in ("t_index", "t_month_no", "t_year", "t_cal_month", "t_years", "t_first_day",
                    "t_wage_index", "t_price_index", "t_cost_index", "t_holiday_cutoff",
                    "t_year_end"):
            c[key] = r; r += 1
        r += 1
        c["sec_params"] = r; r += 1
        for name in SERIES_PARAMS:
            c["param:" + name] = r; r += 1
        r += 1
        c["sec_month"] = r; r += 1
        for key in ("receipt_lag", "discount_month", "payroll", "payroll_ytd", "payroll_before",
                    "payroll_below", "unemployment_rate", "taxable_sales", "output_vat",
                    "purchases_standard", "input_vat", "vat_due", "vat_payable", "receivables",
                    "customer_receipts", "pay_subsidy_received", "tax_ytd", "losses_carried",
                    "income_tax", "income_tax_paid", "stays_non_negative"):
            c[key] = r; r += 1
        r += 1
        s = self.s
        for group, items in (("revenue", s.revenue), ("overheads", s.overheads), ("grants", s.grants),
                             ("share_capital", s.financing.share_capital)):
            c["sec_" + group] = r; r += 1
            for i in range(len(items)):
                c[(group, "flag", i)] = r; r += 1
            for i in range(len(items)):
                c[(group, "amount", i)] = r; r += 1
            r += 1
        c["sec_loans"] = r; r += 1
        for i in range(len(s.financing.loans)):
            for key in ("loan_k", "loan_payment", "loan_drawdown", "loan_interest", "loan_repayment"):
                c[("loan", key, i)] = r; r += 1
        r += 1
        c["sec_rows"] = r; r += 1
        c["rows_first"] = r
        for pl in self.plans:
            c[(pl.index, "header")] = r; r += 1
            for key in (CALC_STAFF_ROWS if pl.is_staff else CALC_PERSON_ROWS):
                c[(pl.index, key)] = r; r += 1
            r += 1
        c["rows_last"] = max(r - 1, c["rows_first"])
        # Monthly
        r = FIRST_ROW
        for sec, keys in MONTHLY_SECTIONS:
            self.monthly_rows["sec:" + sec] = r; r += 1
            for key in keys:
                self.monthly_rows[key] = r; r += 1
            r += 1

    # ------------------------------------------------------------------ write
    def write(self):
        self.layout()
        self.ws = {key: self.book.add_sheet(self.names[key])
                   for key in ("summary", "monthly", "person_income", "public", "assumptions", "people",
                               "calc")}
        self.write_assumptions()
        self.write_people()
        self.write_calc()
        self.write_monthly()
        self.write_summary()
        # the person's and the public purse's sheets: values (simulator/person), not formulas
        self.person = PersonSheets(self)
        self.person.write()

    # ------------------------------------------------------------------ Assumptions
    def _input(self, ws, r, c, value, kind, field=""):
        f = self.fmt
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

    def write_assumptions(self):
        ws, f, A = self.ws["assumptions"], self.fmt, self.q["assumptions"]
        ws.write_string(0, 0, F.MARKER, f["key"])
        ws.write_string(0, 1, self.L("xl.sheet.assumptions") + " — ", f["title"])
        ws.write_string(0, 2, self.s.name, f["title"])
        ws.write_string(1, 1, self.L("xl.assumptions.note"), f["subtitle"])
        ws.set_column(0, 0, 30, f["key"])
        ws.set_column(1, 1, 46)
        ws.set_column(2, 2, 18)
        ws.set_column(3, 40, 15)
        values = F.scalar_values(self.s)
        r = 3
        for sec, group in (("xl.sec.scenario", F.SCALARS), ("xl.sec.assumptions", F.ASSUMPTIONS),
                           ("xl.sec.pipeline", F.PIPELINE)):
            ws.write_string(r, 0, "", f["section"])
            ws.merge_range(r, 1, r, 3, self.L(sec), f["section"])
            r += 1
            for path, kind, unit in group:
                ws.write_string(r, 0, path, f["key"])
                ws.write_string(r, 1, self.field_label(path.split(".")[-1]))
                field = path.split(".")[-1]
                self._input(ws, r, 2, values[path], kind,
                            "growth" if unit.startswith("share") else field)
                if path == "description" and values[path]:
                    wrap = self.wb.add_format(dict(F_INPUT, text_wrap=True, valign="top"))
                    ws.merge_range(r, 2, r, 9, "", wrap)
                    ws.write_string(r, 2, values[path], wrap)
                    ws.set_row(r, 15 * min(20, max(1, -(-len(values[path]) // 120))))
                if unit:
                    ws.write_string(r, 3, self.L("xl.unit." + unit), f["key"])
                ref = f"{A}!$C${r + 1}"
                self.scalar_cells[path] = ref
                self.wb.define_name(self.name(path), "=" + ref)
                r += 1
            r += 1
        tables = F.table_rows(self.s)
        self.table_first_row = {}
        for table, cols in F.TABLES.items():
            ws.write_string(r, 0, f"[{table}]", f["key"])
            ws.merge_range(r, 1, r, 4, self.L("xl.table." + table), f["section"])
            r += 1
            for c, (field, _) in enumerate(cols):
                text = (f'{self.L("xl.f.seasonality")} {field.split("_")[1]}'
                        if field.startswith("seasonality_") else self.field_label(field))
                ws.write_string(r, 1 + c, text, f["header"])
            ws.set_row(r, 45)
            r += 1
            for c, (field, _) in enumerate(cols):
                ws.write_string(r, 1 + c, field, f["key"])
            r += 1
            rows = tables[table]
            self.table_first_row[table] = r
            for i, row in enumerate(rows):
                for c, (field, kind) in enumerate(cols):
                    self._input(ws, r, 1 + c, row[field], kind, field)
                    self.table_cells[(table, i, field)] = f"{A}!${xl_col_to_name(1 + c)}${r + 1}"
                r += 1
            if rows:
                a, b = self.table_first_row[table] + 1, r
                for c, (field, _) in enumerate(cols):
                    col = xl_col_to_name(1 + c)
                    rng = f"{A}!${col}${a}:${col}${b}"
                    self.table_ranges[(table, field)] = rng
                    self.wb.define_name(f"s{self.k}_{table}_{field}", "=" + rng)
            r += 1
        ws.freeze_panes(3, 2)
        self.print_setup(ws, fit=False)
        ws.fit_to_pages(2, 0)

    # ------------------------------------------------------------------ People
    def src_ref(self, src, field: str) -> str:
        if src.kind in ("phase", "back"):
            return self.tref("phases", src.index, field)
        if src.kind == "pipeline":
            return self.name(f"pipeline.after_conversion.{field}")
        return self.tref("staff", src.index, field)

    def phase_text(self, src, ph) -> str:
        if src.kind == "staff":
            return self.L("xl.phase.staff")
        if ph.kind == "employment":
            return self.L("xl.phase.employment_" + ph.employer)
        text = self.L("xl.phase." + ph.kind)
        if ph.arranged_by != "this":
            text += " " + self.L("xl.phase.other_arranger")
        return text

    def write_people(self):
        ws, f, s = self.ws["people"], self.fmt, self.s
        self.month_header(ws, "xl.sheet.people", "xl.col.weight")
        ws.write_string(1, 0, self.L("xl.people.note"), f["subtitle"])
        r_ = self.ctx.roster
        n = self.n
        Y = self.calc_rows["t_year"]
        M = self.calc_rows["t_month_no"]
        C = self.q["calc"]
        rules = palkkatuki_rules(self.ctx.params)
        self.decision_values = {}
        dec_rows = {}
        r0 = self.people_decision_row
        k = 0
        for pl in self.plans:
            for d in pl.decisions:
                dec_rows[id(d)] = r0 + 2 + k
                k += 1
        for pl in self.plans:
            i = pl.index
            rows = STAFF_ROWS if pl.is_staff else PERSON_ROWS
            hr = self.people_rows[(i, "header")]
            head = pl.id + ("" if pl.share == "one" else " — " + self.L("xl.share." + pl.share))
            ws.write_string(hr, 0, head, f["bold"])
            ws.write_string(hr, 1, "row", f["key"])
            if pl.share == "one":
                ws.write_number(hr, 2, 1.0, f["st_text"])
            elif pl.share == "paid_work":
                ws.write_formula(hr, 2, "=" + self.name("pipeline.conversion_rate"), f["num2"],
                                 float(r_.weight[i]))
            else:
                ws.write_formula(hr, 2, "=1-" + self.name("pipeline.conversion_rate"), f["num2"],
                                 float(r_.weight[i]))
            cells = {key: [None] * n for key in rows}
            for j in range(n):
                ms = pl.month_source[j]
                if ms is None:
                    continue
                src, ph = ms
                cells["phase"][j] = self.phase_text(src, ph)
                if ph.kind == "employment":
                    here = 1 if ph.employer == "this" else 0
                    cells["employed_here"][j] = here
                    if not pl.is_staff:
                        cells["employed_company"][j] = 1 - here
                    if src.kind == "staff":
                        fte = self.src_ref(src, "fte")
                        cells["hours_per_week"][j] = f"=37.5*{fte}"
                        cells["base_pay"][j] = f"={self.src_ref(src, 'monthly_pay')}*{fte}"
                    else:
                        h, hw, mp = (self.src_ref(src, x) for x in
                                     ("hours_per_week", "hourly_wage", "monthly_pay"))
                        cells["hours_per_week"][j] = f"={h}"
                        cells["base_pay"][j] = f"=IF(ISNUMBER({mp}),{mp},{hw}*{h}*(52/12))"
                else:
                    arr = self.src_ref(src, "arranged_by")
                    ref = lambda x: self.src_ref(src, x)
                    cells["wa_days"][j] = f'=IF({arr}="this",{ref("days_per_month")},0)'
                    cells["wa_days_other"][j] = f'=IF({arr}="this",0,{ref("days_per_month")})'
                    cells["tyoosuusraha_rate"][j] = f"={ref('tyoosuusraha_per_day')}"
                    cells["day_price"][j] = f'=IF({arr}="this",{ref("day_price")},0)'
                    cells["cost_per_day"][j] = f'=IF({arr}="this",{ref("cost_per_day")},0)'
                    cells["meal_fee"][j] = f'=IF({arr}="this",{ref("meal_fee_per_day")},0)'
                    cells["in_work_activity"][j] = 1
                    if ph.kind == "avotyo":
                        cells["company_fee"][j] = f'=IF({arr}="this",{ref("company_fee_per_day")},0)'
                        cells["company_fee_standard_vat"][j] = (
                            f'=IF(AND({arr}="this",{ref("company_fee_vat")}="standard"),1,0)')
                        cells["in_avotyo"][j] = 1
                    else:
                        cells["in_avotyo"][j] = 0
                    cells["employed_here"][j] = 0
                    cells["employed_company"][j] = 0
                if pl.employment_start[j] >= 0 and "employment_start" in cells:
                    cells["employment_start"][j] = int(pl.employment_start[j])
            for j in range(n):
                cells["employment_last"][j] = int(pl.employment_last[j])
                if not cells["employed_here"][j]:
                    cells["employed_here"][j] = 0
                if not pl.is_staff and cells["employed_company"][j] is None:
                    cells["employed_company"][j] = 0
                if not pl.is_staff and cells["in_avotyo"][j] is None:
                    cells["in_avotyo"][j] = 0
                if not pl.is_staff and cells["in_work_activity"][j] is None:
                    cells["in_work_activity"][j] = 0
            # age
            if pl.is_staff:
                cells["age"] = [f"={C}!{cl(j)}{Y + 1}-({C}!$E${Y + 1}-40)" for j in range(n)]
            else:
                by = self.tref("people", pl.person_index, "birth_year")
                age = self.tref("people", pl.person_index, "age")
                cells["age"] = [f"={C}!{cl(j)}{Y + 1}-IF(ISNUMBER({by}),{by},{C}!$E${Y + 1}-{age})"
                                for j in range(n)]
            # pay subsidy, from the decisions table below
            if not pl.is_staff:
                for d in pl.decisions:
                    dr = dec_rows[id(d)] + 1
                    person = s.people[pl.person_index]
                    rate, months, cap, old = rules(d.phase, person.reduced_work_capacity)
                    self.decision_values[id(d)] = (rate, months, cap, 1 if old else 0)
                    for j in range(*d.cols):
                        cond = f"{C}!{cl(j)}{M + 1}<$J${dr}+$G${dr}"
                        cells["subsidy_rate"][j] = f"=IF({cond},$F${dr},0)"
                        cells["subsidy_cap"][j] = f"=IF({cond},$H${dr},0)"
                        cells["subsidy_old_rules"][j] = f"=IF({cond},$I${dr},0)"
            # cached values
            months = r_.months
            vals = {
                "employed_here": r_.employed_here[i], "employed_company": r_.employed_company[i],
                "hours_per_week": r_.hours_per_week[i], "base_pay": r_.base_pay[i],
                "wa_days": r_.wa_days[i], "wa_days_other": r_.wa_days_other[i],
                "tyoosuusraha_rate": r_.tyoosuusraha_rate[i], "day_price": r_.day_price[i],
                "cost_per_day": r_.cost_per_day[i], "meal_fee": r_.meal_fee[i],
                "company_fee": r_.company_fee[i],
                "company_fee_standard_vat": r_.company_fee_standard_vat[i].astype(float),
                "age": r_.age[i].astype(float),
            }
            sr, sc, so = np.zeros(n), np.zeros(n), np.zeros(n)
            for d in pl.decisions:
                rate, mths, cap, old = self.decision_values[id(d)]
                for j in range(*d.cols):
                    if months[j] < d.start_no + mths:
                        sr[j], sc[j], so[j] = rate, cap, old
            vals.update(subsidy_rate=sr, subsidy_cap=sc, subsidy_old_rules=so)
            for key in rows:
                rr = self.people_rows[(i, key)]
                ws.write_string(rr, 0, "  " + self.L("xl.people." + key))
                ws.write_string(rr, 1, key, f["key"])
                struct = key in ("phase", "employed_here", "employed_company", "in_avotyo", "in_work_activity",
                                 "employment_start", "employment_last")
                fmt = PEOPLE_FMT.get(key, "eur")
                self.write_row(ws, rr, cells[key], vals.get(key, np.zeros(n)), fmt, struct=struct)
        # the pay-subsidy decisions table
        r = self.people_decision_row
        ws.write_string(r, 0, self.L("xl.people.decisions"), f["section"])
        heads = ["xl.dec.row", "xl.dec.phase", "xl.dec.start", "xl.dec.choice", "xl.dec.reduced",
                 "xl.dec.rate", "xl.dec.months", "xl.dec.cap", "xl.dec.old", "xl.dec.start_no"]
        for c, h in enumerate(heads):
            ws.write_string(r + 1, c, self.L(h), f["header"])
        lk = lambda name, dref: f"LOOKUP({dref},{param_name(name)}_from,{param_name(name)})"
        for pl in self.plans:
            for d in pl.decisions:
                rr = dec_rows[id(d)]
                R = rr + 1
                src = d.source
                ws.write_string(rr, 0, pl.id)
                ws.write_string(rr, 1, self.L("xl.dec.pipeline") if src.kind == "pipeline"
                                else f"{self.L('xl.dec.phase_row')} {src.index + 1}")
                start = dt.date(d.start_no // 12, d.start_no % 12 + 1, 1)
                ws.write_datetime(rr, 2, dt.datetime.combine(start, dt.time()), f["st_date"])
                choice = self.src_ref(src, "palkkatuki")
                reduced = self.tref("people", pl.person_index, "reduced_work_capacity")
                ex_rate, ex_months, ex_cap = (self.src_ref(src, x) for x in
                                              ("palkkatuki_rate", "palkkatuki_months", "palkkatuki_cap"))
                rate, mths, cap, old = self.decision_values[id(d)]
                ph = d.phase
                ws.write_formula(rr, 3, f"={choice}", None,
                                 ph.palkkatuki if isinstance(ph.palkkatuki, str) else "explicit")
                ws.write_formula(rr, 4, f"={reduced}", None,
                                 bool(s.people[pl.person_index].reduced_work_capacity))
                route = lambda a, b: f"IF($E${R},{lk(a, f'$C${R}')},{lk(b, f'$C${R}')})"
                ws.write_formula(rr, 5, (
                    f'=IF($D${R}="none",0,IF($D${R}="auto",'
                    f'{route("palkkatuki.rate_reduced_capacity", "palkkatuki.rate_other")},N({ex_rate})))'),
                    f["pct"], rate)
                ws.write_formula(rr, 6, (
                    f'=IF($D${R}="none",0,IF($D${R}="auto",'
                    f'{route("palkkatuki.months_reduced_capacity", "palkkatuki.months_other")},N({ex_months})))'),
                    f["int"], mths)
                route_cap = route("palkkatuki.cap_reduced_capacity", "palkkatuki.cap_other")
                ws.write_formula(rr, 7, (
                    f'=IF($D${R}="none",0,IF($D${R}="auto",{route_cap},'
                    f'IF(ISNUMBER({ex_cap}),{ex_cap},IF(N({ex_rate})>=1,'
                    f'{lk("palkkatuki.cap_full_rate", f"$C${R}")},{route_cap}))))'), f["eur"], cap)
                ws.write_formula(rr, 8, f'=IF({lk("palkkatuki.side_costs_included", f"$C${R}")}>0,1,0)',
                                 f["int"], old)
                ws.write_number(rr, 9, d.start_no, f["st_int"])

    # ------------------------------------------------------------------ Calculation
    def write_calc(self):
        ws, f, s, ctx = self.ws["calc"], self.fmt, self.s, self.ctx
        self.month_header(ws, "xl.sheet.calc", "xl.col.weight_or_value")
        ws.write_string(1, 0, self.L("xl.calc.note"), f["subtitle"])
        n, c, Q = self.n, self.calc_rows, self.q["people"]
        Mq = self.q["monthly"]
        mr = self.monthly_rows
        months = ctx.months
        t = np.arange(n)
        Yv = calendar_year(months)
        Cv = calendar_month(months)
        kv = Yv - Yv[0]
        a = s.assumptions

        def label(r, key, text_key=None):
            ws.write_string(r, 0, self.L(text_key or f"xl.calc.{key}"))
            ws.write_string(r, 1, key, f["key"])

        def section(key):
            ws.write_string(c[key], 0, self.L("xl." + key), f["section"])

        def row(key, formulas, values, fmt="eur", text_key=None, struct=False):
            r = c[key]
            label(r, key, text_key)
            self.write_row(ws, r, formulas, values, fmt, struct)

        E = lambda key, j: f"{cl(j)}{c[key] + 1}"          # same-sheet cell of month j
        prev = lambda key, j: f"{cl(j - 1) if j else 'D'}{c[key] + 1}"
        rng = lambda key: f"$E${c[key] + 1}:${self.last_col()}${c[key] + 1}"
        first_rows, last_rows = c["rows_first"] + 1, c["rows_last"] + 1

        def wsum(key, j, col=None):
            col = col or cl(j)
            return (f'SUMPRODUCT(($B${first_rows}:$B${last_rows}="{key}")*$C${first_rows}:$C${last_rows},'
                    f"{col}${first_rows}:{col}${last_rows})")

        section("sec_time")
        ws.write_number(c["t_index"], 3, -1, f["st_int"])
        row("t_index", list(range(n)), None, "st_int", struct=True)
        row("t_month_no", [int(m) for m in months], None, "st_int", struct=True)
        row("t_year", [f"=INT({E('t_month_no', j)}/12)" for j in range(n)], Yv, "int")
        row("t_cal_month", [f"=MOD({E('t_month_no', j)},12)+1" for j in range(n)], Cv, "int")
        row("t_years", [f"={E('t_year', j)}-$E${c['t_year'] + 1}" for j in range(n)], kv, "int")
        dates = [excel_date(dt.date(int(y), int(m), 1)) for y, m in zip(Yv, Cv)]
        row("t_first_day", [f"=DATE({E('t_year', j)},{E('t_cal_month', j)},1)" for j in range(n)],
            dates, "date")
        for key, g, path in (("t_wage_index", a.wage_growth, "assumptions.wage_growth"),
                             ("t_price_index", a.price_growth, "assumptions.price_growth"),
                             ("t_cost_index", a.cost_inflation, "assumptions.cost_inflation")):
            row(key, [f"=(1+{self.name(path)})^{E('t_years', j)}" for j in range(n)],
                (1.0 + g) ** kv, "num2")
        cutoff = (Yv + (Cv > 3) - 1) * 12 + 3
        row("t_holiday_cutoff", [f"=({E('t_year', j)}+IF({E('t_cal_month', j)}>3,1,0)-1)*12+3"
                                 for j in range(n)], cutoff, "int")
        ye = ((Cv == 12) | (t == n - 1)).astype(float)
        row("t_year_end", [f"=IF(OR({E('t_cal_month', j)}=12,{E('t_index', j)}={n - 1}),1,0)"
                           for j in range(n)], ye, "int")

        section("sec_params")
        pv = {}
        for name in SERIES_PARAMS:
            pn = param_name(name)
            pv[name] = ctx.params.series(name, months)
            key = "param:" + name
            label(c[key], key, "xl.param")
            ws.write_string(c[key], 0, name)
            self.write_row(ws, c[key], [f"=LOOKUP({E('t_first_day', j)},{pn}_from,{pn})" for j in range(n)],
                           pv[name], "num2" if ctx.params.get(name).unit != "percent" else "pct")
        P = lambda name, j: E("param:" + name, j)

        # ---- per-row values (numpy), for cached values of the blocks and month helpers
        r_ = ctx.roster
        B = pay.monthly_pay(ctx)
        H = pay.holiday_pay_accrual(ctx)
        Lb = pay.holiday_bonus_accrual(ctx)
        Pb = pay.pay_cost_base(ctx)
        crate = con.contribution_rate(ctx)
        upto = pay.holiday_settled_upto(ctx)
        W = pay.wages(ctx)
        on_hol = crate * (H + Lb)
        contrib_lines = {fn.__name__: fn(ctx) for fn in con.LINES}
        contrib = sum(contrib_lines.values())
        fees = wa.avotyo_fees(ctx)
        vals = {
            "monthly_pay": B, "holiday_days": pay.holiday_days_earned(ctx), "holiday_pay": H,
            "wages": W, "holiday_bonus": Lb, "pay_base": Pb, **contrib_lines,
            "contribution_rate": crate, "holiday_settled_upto": upto.astype(float),
            "cum_holiday_pay": np.cumsum(H, axis=1), "cum_holiday_bonus": np.cumsum(Lb, axis=1),
            "cum_holiday_contrib": np.cumsum(on_hol, axis=1),
            "holiday_pay_paid": pay.holiday_pay_paid(ctx), "holiday_bonus_paid": pay.holiday_bonus_paid(ctx),
            "contributions_due": crate * W + settle(on_hol, upto),
            "pay_subsidy": subsidies.pay_subsidy(ctx),
            "staff_grant": np.where(r_.staff_grant[:, None], Pb + contrib, 0.0),
            "work_activity_pay": wa.work_activity_pay(ctx), "day_price_income": wa.day_price_income(ctx),
            "avotyo_fees": fees, "avotyo_fees_standard": np.where(r_.company_fee_standard_vat, fees, 0.0),
            "client_fees": wa.client_fees(ctx), "work_activity_costs": wa.work_activity_costs(ctx),
            "paid_hours": pay.paid_hours(ctx),
            "people_in_paid_work": (r_.employed_here | r_.employed_company).astype(float),
            "people_employed_here": r_.employed_here.astype(float),
            "people_in_work_activity": (r_.in_work_activity & ~r_.in_avotyo).astype(float),
            "people_in_avotyo": (r_.in_work_activity & r_.in_avotyo).astype(float),
        }
        col = self.p.columns

        # ---- month-level helpers
        section("sec_month")
        lag_r = c["receipt_lag"]
        label(lag_r, "receipt_lag")
        lag = int(np.ceil(max(a.customer_payment_term_days, 0) / 30))
        ws.write_formula(lag_r, 2, f"=ROUNDUP(MAX({self.name('assumptions.customer_payment_term_days')},0)/30,0)",
                         f["int"], lag)
        self.wb.define_name(f"s{self.k}_receipt_lag", f"={self.q['calc']}!$C${lag_r + 1}")
        lag_name = f"s{self.k}_receipt_lag"
        dr = c["discount_month"]
        label(dr, "discount_month")
        ws.write_formula(dr, 2, f"=(1+{self.name('assumptions.discount_rate')})^(1/12)-1", f["pct"],
                         (1 + a.discount_rate) ** (1 / 12) - 1)
        self.discount_cell = f"{self.q['calc']}!$C${dr + 1}"

        payroll = ctx.total(Pb)
        years = Yv
        ytd = np.zeros(n)
        for j in range(n):
            ytd[j] = payroll[j] + (ytd[j - 1] if j and years[j] == years[j - 1] else 0.0)
        before = ytd - payroll
        thr = pv["unemployment_insurance.payroll_threshold"]
        below = np.clip(thr - before, 0.0, payroll)
        lo, hi = pv["unemployment_insurance.employer_lower"], pv["unemployment_insurance.employer_upper"]
        with np.errstate(invalid="ignore", divide="ignore"):
            eff = np.where(payroll > 0, (lo * below + hi * (payroll - below)) / np.where(payroll > 0, payroll, 1), lo)
        # An explicit sum (not SUMPRODUCT over the blocks): the blocks' unemployment
        # insurance rows depend on this row, and a range over them would be circular.
        pb_rows = [(c[(pl.index, "header")], c[(pl.index, "pay_base")]) for pl in self.plans]
        payroll_fx = lambda j: "=" + ("+".join(f"$C${h + 1}*{cl(j)}{b + 1}" for h, b in pb_rows) or "0")
        row("payroll", [payroll_fx(j) for j in range(n)], payroll)
        row("payroll_ytd", [f"={E('payroll', 0)}" if j == 0 else
                            f"=IF({E('t_year', j)}={E('t_year', j - 1)},{E('payroll_ytd', j - 1)},0)+{E('payroll', j)}"
                            for j in range(n)], ytd)
        row("payroll_before", [f"={E('payroll_ytd', j)}-{E('payroll', j)}" for j in range(n)], before)
        row("payroll_below", [
            f"=MIN(MAX({P('unemployment_insurance.payroll_threshold', j)}-{E('payroll_before', j)},0),{E('payroll', j)})"
            for j in range(n)], below)
        row("unemployment_rate", [
            f"=IF({E('payroll', j)}>0,({P('unemployment_insurance.employer_lower', j)}*{E('payroll_below', j)}"
            f"+{P('unemployment_insurance.employer_upper', j)}*({E('payroll', j)}-{E('payroll_below', j)}))"
            f"/{E('payroll', j)},{P('unemployment_insurance.employer_lower', j)})" for j in range(n)], eff, "pct")

        # VAT
        vat_rate = pv["vat.standard_rate"]
        rev_amount = [c[("revenue", "amount", i)] for i in range(len(s.revenue))]
        std_sales = np.zeros(n)
        from simulator.engine.lines import revenue as rv
        sales_lines = rv.sales_by_line(ctx)
        for i, ln in enumerate(s.revenue):
            if ln.vat == "standard":
                std_sales = std_sales + sales_lines[i]
        taxable = std_sales + ctx.total(vals["avotyo_fees_standard"])

        def rev_std(j):
            if not s.revenue:
                return ""
            rr = f"{cl(j)}{rev_amount[0] + 1}:{cl(j)}{rev_amount[-1] + 1}"
            return f'SUMPRODUCT(({self.table_ranges[("revenue", "vat")]}="standard")*({rr}))+'
        row("taxable_sales", [f"={rev_std(j)}{wsum('avotyo_fees_standard', j)}" for j in range(n)], taxable)
        reg = self.name("assumptions.vat_registered")
        out_vat = taxable * vat_rate if a.vat_registered else np.zeros(n)
        row("output_vat", [f"=IF({reg},{E('taxable_sales', j)}*{P('vat.standard_rate', j)},0)"
                           for j in range(n)], out_vat)
        items_std = [o for o in s.overheads if o.vat == "standard"]
        purchases = schedule(ctx, items_std).sum(axis=0)

        def oh_sum(j, cond):
            if not s.overheads:
                return "0"
            a0, a1 = c[("overheads", "amount", 0)], c[("overheads", "amount", len(s.overheads) - 1)]
            return f"SUMPRODUCT(({cond})*({cl(j)}{a0 + 1}:{cl(j)}{a1 + 1}))"
        vat_rng = self.table_ranges.get(("overheads", "vat"))
        std_cond = f'{vat_rng}="standard"'
        row("purchases_standard", ["=" + oh_sum(j, std_cond) for j in range(n)], purchases)
        in_vat = purchases * vat_rate
        row("input_vat", [f"={E('purchases_standard', j)}*{P('vat.standard_rate', j)}" for j in range(n)], in_vat)
        due = (out_vat - in_vat) if a.vat_registered else np.zeros(n)
        row("vat_due", [f"=IF({reg},{E('output_vat', j)}-{E('input_vat', j)},0)" for j in range(n)], due)
        payable = np.concatenate([np.zeros(min(2, n)), due[:-2]]) if n > 2 else np.zeros(n)
        row("vat_payable", ["=0" if j < 2 else f"={E('vat_due', j - 2)}" for j in range(n)], payable)
        recv = col["sales"] + col["avotyo_fees"] + col["day_price_income"] + out_vat
        mref = lambda key, j: f"{Mq}!{cl(j)}{mr[key] + 1}"
        row("receivables", [f"={mref('sales', j)}+{mref('avotyo_fees', j)}+{mref('day_price_income', j)}"
                            f"+{E('output_vat', j)}" for j in range(n)], recv)
        row("customer_receipts", [
            f"=IF({E('t_index', j)}-{lag_name}>=0,INDEX({rng('receivables')},1,{E('t_index', j)}-{lag_name}+1),0)"
            for j in range(n)], col["customer_receipts"])
        delay = self.name("assumptions.palkkatuki_payment_delay_months")
        ps_rng = f"{Mq}!$E${mr['pay_subsidy'] + 1}:${self.last_col()}${mr['pay_subsidy'] + 1}"
        row("pay_subsidy_received", [
            f"=IF({E('t_index', j)}-{delay}>=0,INDEX({ps_rng},1,{E('t_index', j)}-{delay}+1),0)"
            for j in range(n)], col["pay_subsidy_received"])
        # income tax
        rbt = col["result_before_tax"]
        tytd, pool = np.zeros(n), np.zeros(n)
        for j in range(n):
            tytd[j] = rbt[j] + (tytd[j - 1] if j and years[j] == years[j - 1] else 0.0)
            p0 = pool[j - 1] if j else 0.0
            pool[j] = (p0 - tytd[j] if tytd[j] < 0 else p0 - min(p0, tytd[j])) if ye[j] else p0
        row("tax_ytd", [f"={mref('result_before_tax', 0)}" if j == 0 else
                        f"=IF({E('t_year', j)}={E('t_year', j - 1)},{E('tax_ytd', j - 1)},0)+{mref('result_before_tax', j)}"
                        for j in range(n)], tytd)
        ws.write_number(c["losses_carried"], 3, 0, f["st_int"])
        row("losses_carried", [
            f"=IF({E('t_year_end', j)}=1,IF({E('tax_ytd', j)}<0,{prev('losses_carried', j)}-{E('tax_ytd', j)},"
            f"{prev('losses_carried', j)}-MIN({prev('losses_carried', j)},{E('tax_ytd', j)})),{prev('losses_carried', j)})"
            for j in range(n)], pool)
        pays = self.name("assumptions.pays_income_tax")
        row("income_tax", [
            f"=IF(AND({pays},{E('t_year_end', j)}=1,{E('tax_ytd', j)}>=0),{P('corporate_tax.rate', j)}"
            f"*({E('tax_ytd', j)}-MIN({prev('losses_carried', j)},{E('tax_ytd', j)})),0)" for j in range(n)],
            col["income_tax"])
        pm = self.name("assumptions.income_tax_payment_month")
        row("income_tax_paid", [
            f"=IF(AND({pays},{E('t_cal_month', j)}={pm}),SUMPRODUCT(({rng('t_year')}={E('t_year', j)}-1)"
            f"*{rng('income_tax')}),0)" for j in range(n)], col["income_tax_paid"])
        cum = col["cumulative_result"]
        stay = np.zeros(n)
        ok = True
        for j in range(n - 1, -1, -1):
            ok = ok and cum[j] >= -1e-9
            stay[j] = 1.0 if ok else 0.0
        row("stays_non_negative", [
            f"=IF({mref('cumulative_result', j)}>=-1E-9,1,0)" if j == n - 1 else
            f"=IF(AND({mref('cumulative_result', j)}>=-1E-9,{E('stays_non_negative', j + 1)}=1),1,0)"
            for j in range(n)], stay, "int")

        # ---- revenue lines, items, share capital, loans
        for group, items in (("revenue", s.revenue), ("overheads", s.overheads), ("grants", s.grants),
                             ("share_capital", s.financing.share_capital)):
            section("sec_" + group)
            for i, it in enumerate(items):
                if group == "revenue":
                    a0 = month_number(it.start) if it.start else months[0]
                    b0 = month_number(it.end) if it.end else months[-1]
                    flag = (months >= a0) & (months <= b0)
                elif group == "share_capital":
                    flag = months == month_number(it.month)
                else:
                    a0 = month_number(it.start) if it.start else months[0]
                    b0 = month_number(it.end) if it.end else months[-1]
                    active = (months >= a0) & (months <= b0)
                    flag = (active if it.kind == "monthly" else
                            active & (Cv == it.due_month) if it.kind == "annual" else months == a0)
                fr = c[(group, "flag", i)]
                ws.write_string(fr, 0, f"{self.L('xl.calc.active')}: {i + 1}")
                ws.write_string(fr, 1, f"{group}_active", f["key"])
                self.write_row(ws, fr, [int(x) for x in flag], None, "st_int", struct=True)
                ar = c[(group, "amount", i)]
                tr = lambda fld: self.tref(group, i, fld)
                ws.write_string(ar, 1, f"{group}_amount", f["key"])
                if group == "revenue":
                    ws.write_string(ar, 0, f"{self.L('xl.calc.sales_line')} {i + 1}")
                    ws.write_string(ar, 2, it.name)
                    season_rng = f"{tr('seasonality_1')}:{tr('seasonality_12').split('!')[1]}"
                    growth = f"IF(ISNUMBER({tr('growth')}),{tr('growth')},{self.name('assumptions.price_growth')})"
                    vfph = tr('volume_from_paid_hours')
                    vol = lambda j: (f"IF(ISNUMBER({vfph}),{vfph}*{Mq}!{cl(j)}{mr['paid_hours'] + 1},"
                                     f"{tr('volume')})")
                    fx = [(f"={cl(j)}{fr + 1}*{tr('price')}*(1+{growth})^{E('t_years', j)}*" + vol(j) +
                           f"*IF(COUNT({season_rng})>0,INDEX({season_rng},1,{E('t_cal_month', j)}),1)")
                          for j in range(n)]
                    self.write_row(ws, ar, fx, sales_lines[i], "eur")
                elif group == "share_capital":
                    ws.write_string(ar, 0, f"{self.L('xl.table.share_capital')} {i + 1}")
                    self.write_row(ws, ar, [f"={cl(j)}{fr + 1}*{tr('amount')}" for j in range(n)],
                                   flag * it.amount, "eur")
                else:
                    ws.write_string(ar, 0, f"{self.L('xl.table.' + group)} {i + 1}")
                    ws.write_string(ar, 2, it.name)
                    infl = (1.0 + a.cost_inflation) ** kv
                    v = np.where(flag, it.amount, 0.0) * (infl if it.indexed else 1.0)
                    self.write_row(ws, ar, [f"={cl(j)}{fr + 1}*{tr('amount')}*IF({tr('indexed')},{E('t_cost_index', j)},1)"
                                            for j in range(n)], v, "eur")
        section("sec_loans")
        for i, ln in enumerate(s.financing.loans):
            tr = lambda fld: self.tref("loans", i, fld)
            kr, pr_, drr, ir, rr = (c[("loan", key, i)] for key in
                                    ("loan_k", "loan_payment", "loan_drawdown", "loan_interest", "loan_repayment"))
            kvals = months - month_number(ln.drawdown)
            ws.write_string(kr, 0, f"{ln.name}: {self.L('xl.calc.loan_k')}")
            ws.write_string(kr, 1, "loan_k", f["key"])
            ws.write_formula(kr, 2, f"={tr('annual_rate')}/12", f["pct"], ln.annual_rate / 12)
            self.write_row(ws, kr, [int(x) for x in kvals], None, "st_int", struct=True)
            r = f"$C${kr + 1}"
            nn, amt = tr("term_months"), tr("amount")
            r_m = ln.annual_rate / 12
            pmt = (ln.amount / ln.term_months if r_m == 0 else
                   ln.amount * r_m / -np.expm1(-ln.term_months * np.log1p(r_m)))
            ws.write_string(pr_, 0, f"{ln.name}: {self.L('xl.calc.loan_payment')}")
            ws.write_string(pr_, 1, "loan_payment", f["key"])
            ws.write_formula(pr_, 2, (
                f"=IF({r}<1E-6,{amt}/({nn}-{nn}*({nn}+1)/2*{r}+{nn}*({nn}+1)*({nn}+2)/6*{r}*{r}),"
                f"{amt}*{r}/(1-(1+{r})^(-{nn})))"), f["eur"], pmt)
            P_ = f"$C${pr_ + 1}"
            one = single_loan(ln, months)
            ws.write_string(drr, 0, f"{ln.name}: {self.L('xl.calc.loan_drawdown')}")
            ws.write_string(drr, 1, "loan_drawdown", f["key"])
            self.write_row(ws, drr, [f"=IF({cl(j)}{kr + 1}=0,{amt},0)" for j in range(n)], one[0], "eur")
            kk = lambda j: f"{cl(j)}{kr + 1}"
            ann = f'{tr("repayment")}="annuity"'
            bal = lambda j: (f"IF({ann},IF({r}=0,{amt}-{P_}*({kk(j)}-1),{amt}*(1+{r})^({kk(j)}-1)-{P_}*"
                             f"((1+{r})^({kk(j)}-1)-1)/{r}),{amt}-{amt}/{nn}*({kk(j)}-1))")
            ws.write_string(ir, 0, f"{ln.name}: {self.L('xl.calc.loan_interest')}")
            ws.write_string(ir, 1, "loan_interest", f["key"])
            self.write_row(ws, ir, [f"=IF(AND({kk(j)}>=1,{kk(j)}<={nn}),{bal(j)}*{r},0)" for j in range(n)],
                           one[1], "eur")
            ws.write_string(rr, 0, f"{ln.name}: {self.L('xl.calc.loan_repayment')}")
            ws.write_string(rr, 1, "loan_repayment", f["key"])
            self.write_row(ws, rr, [f"=IF(AND({kk(j)}>=1,{kk(j)}<={nn}),IF({ann},{P_}-{cl(j)}{ir + 1},{amt}/{nn}),0)"
                                    for j in range(n)], one[2], "eur")

        # ---- one block per roster row
        section("sec_rows")
        for pl in self.plans:
            i = pl.index
            hr = c[(i, "header")]
            ws.write_string(hr, 0, pl.id + ("" if pl.share == "one" else " — " + self.L("xl.share." + pl.share)),
                            f["bold"])
            ws.write_string(hr, 1, "row", f["key"])
            ws.write_formula(hr, 2, f"={Q}!$C${self.people_rows[(i, 'header')] + 1}", f["num2"],
                             float(r_.weight[i]))
            keys = CALC_STAFF_ROWS if pl.is_staff else CALC_PERSON_ROWS
            pp = lambda key, j: f"{Q}!{cl(j)}{self.people_rows[(i, key)] + 1}"
            X = lambda key, j: f"{cl(j)}{c[(i, key)] + 1}"
            Xp = lambda key, j: f"{cl(j - 1) if j else 'D'}{c[(i, key)] + 1}"
            Xr = lambda key: f"$D${c[(i, key)] + 1}:${self.last_col()}${c[(i, key)] + 1}"

            def agemask(name, j):
                ages = ctx.params.get(name).ages
                if not ages:
                    return "1"
                pn = param_name(name)
                parts = []
                if ages[0] is not None:
                    parts.append(f"{pp('age', j)}>={pn}_age_min")
                if ages[1] is not None:
                    parts.append(f"{pp('age', j)}<={pn}_age_max")
                return f"IF(AND({','.join(parts)}),1,0)"
            acc = self.name("assumptions.accident_insurance_rate")
            gl = self.name("assumptions.group_life_insurance_rate")
            fx = {
                "monthly_pay": lambda j: f"={pp('employed_here', j)}*{pp('base_pay', j)}*{E('t_wage_index', j)}",
                "holiday_days": lambda j: (
                    f"=IF(AND({pp('employed_here', j)}=1,{pp('hours_per_week', j)}*(52/12)>="
                    f"{P('holiday.min_hours_for_full_month', j)}),IF({pp('employment_start', j)}<="
                    f"{E('t_holiday_cutoff', j)},{P('holiday.days_per_month', j)},"
                    f"{P('holiday.days_per_month_first_year', j)}),0)"),
                "holiday_pay": lambda j: f"={X('holiday_days', j)}*{X('monthly_pay', j)}/{P('holiday.working_days_per_month', j)}",
                "wages": lambda j: f"={X('monthly_pay', j)}-{X('holiday_pay', j)}",
                "holiday_bonus": lambda j: f"={X('holiday_pay', j)}*{P('holiday.lomaraha_share', j)}",
                "pay_base": lambda j: f"={X('monthly_pay', j)}+{X('holiday_bonus', j)}",
                "employer_pension": lambda j: (
                    f"={P('tyel.employer_average', j)}*{agemask('tyel.employer_average', j)}*"
                    f"IF({X('monthly_pay', j)}>={P('tyel.earnings_floor', j)},1,0)*{X('pay_base', j)}"),
                "employer_health_insurance": lambda j: (
                    f"={P('health_insurance.employer', j)}*{agemask('health_insurance.employer', j)}*{X('pay_base', j)}"),
                "employer_unemployment_insurance": lambda j: (
                    f"={E('unemployment_rate', j)}*{agemask('unemployment_insurance.employer_lower', j)}*{X('pay_base', j)}"),
                "accident_insurance": lambda j: (
                    f"=IF(ISNUMBER({acc}),{acc},{P('accident_insurance.average', j)})*{X('pay_base', j)}"),
                "group_life_insurance": lambda j: (
                    f"=IF(ISNUMBER({gl}),{gl},{P('group_life_insurance.average', j)})*{X('pay_base', j)}"),
                "contribution_rate": lambda j: (
                    f"=IF({X('pay_base', j)}>0,SUM({X('employer_pension', j)}:{X('group_life_insurance', j)})"
                    f"/{X('pay_base', j)},0)"),
                "holiday_settled_upto": lambda j: (
                    f"=MAX({Xp('holiday_settled_upto', j)},IF(OR({pp('employed_here', j)}=1,{pp('employment_last', j)}=1),"
                    f"IF({pp('employment_last', j)}=1,{E('t_index', j)},IF({E('t_cal_month', j)}="
                    f"{self.name('assumptions.holiday_pay_month')},{E('t_index', j)}-MOD({E('t_cal_month', j)}-3,12),-1)),-1))"),
                "cum_holiday_pay": lambda j: f"={Xp('cum_holiday_pay', j)}+{X('holiday_pay', j)}",
                "cum_holiday_bonus": lambda j: f"={Xp('cum_holiday_bonus', j)}+{X('holiday_bonus', j)}",
                "cum_holiday_contrib": lambda j: (
                    f"={Xp('cum_holiday_contrib', j)}+{X('contribution_rate', j)}*({X('holiday_pay', j)}+{X('holiday_bonus', j)})"),
                "holiday_pay_paid": lambda j: self._settled("cum_holiday_pay", Xr, X, Xp, j),
                "holiday_bonus_paid": lambda j: self._settled("cum_holiday_bonus", Xr, X, Xp, j),
                "contributions_due": lambda j: (
                    f"={X('contribution_rate', j)}*{X('wages', j)}+"
                    + self._settled("cum_holiday_contrib", Xr, X, Xp, j)[1:]),
                "pay_subsidy": lambda j: (
                    f"=IF({pp('subsidy_rate', j)}>0,IF({pp('subsidy_old_rules', j)}=1,"
                    f"MIN({pp('subsidy_rate', j)}*{X('monthly_pay', j)}*(1+{X('contribution_rate', j)}),{pp('subsidy_cap', j)})"
                    f"+{pp('subsidy_rate', j)}*{X('holiday_bonus', j)}*(1+{X('contribution_rate', j)}),"
                    f"MIN({pp('subsidy_rate', j)}*{X('monthly_pay', j)},{pp('subsidy_cap', j)})),0)"),
                "staff_grant": lambda j: (
                    f'=IF({self.tref("staff", pl.staff_index, "paid_by")}'
                    f'="project_grant",{X("pay_base", j)}+SUM({X("employer_pension", j)}:{X("group_life_insurance", j)}),0)'),
                "work_activity_pay": lambda j: f"={pp('wa_days', j)}*{pp('tyoosuusraha_rate', j)}",
                "day_price_income": lambda j: f"={pp('wa_days', j)}*{pp('day_price', j)}*{E('t_price_index', j)}",
                "avotyo_fees": lambda j: f"={pp('wa_days', j)}*{pp('company_fee', j)}*{E('t_price_index', j)}",
                "avotyo_fees_standard": lambda j: f"={X('avotyo_fees', j)}*{pp('company_fee_standard_vat', j)}",
                "client_fees": lambda j: f"={pp('wa_days', j)}*{pp('meal_fee', j)}",
                "work_activity_costs": lambda j: f"={pp('wa_days', j)}*{pp('cost_per_day', j)}*{E('t_cost_index', j)}",
                "paid_hours": lambda j: f"=IF({pp('employed_here', j)}=1,{pp('hours_per_week', j)}*(52/12),0)",
                "people_in_paid_work": lambda j: f"=IF(OR({pp('employed_here', j)}=1,{pp('employed_company', j)}=1),1,0)",
                "people_employed_here": lambda j: f"=IF({pp('employed_here', j)}=1,1,0)",
                "people_in_work_activity": lambda j: (
                    f"=IF(AND({pp('in_work_activity', j)}=1,{pp('in_avotyo', j)}<>1),1,0)"),
                "people_in_avotyo": lambda j: (
                    f"=IF(AND({pp('in_work_activity', j)}=1,{pp('in_avotyo', j)}=1),1,0)"),
            }
            for key in keys:
                rr = c[(i, key)]
                ws.write_string(rr, 0, "  " + self.L("xl.calc." + key))
                ws.write_string(rr, 1, key, f["key"])
                ws.write_formula(rr, 2, f"=$C${hr + 1}", f["num2"], float(r_.weight[i]))
                if key in ZERO_COLUMN_ROWS:
                    ws.write_number(rr, 3, ZERO_COLUMN_ROWS[key], f["st_int"])
                self.write_row(ws, rr, [fx[key](j) for j in range(n)], vals[key][i],
                               CALC_FMT.get(key, "eur"))

    @staticmethod
    def _settled(cum_key, Xr, X, Xp, j):
        """Paid this month = cumulative accrual up to the settled column now,
        minus the same a month earlier (column D holds the 'nothing yet' state)."""
        up, upp = X("holiday_settled_upto", j), Xp("holiday_settled_upto", j)
        return f"=INDEX({Xr(cum_key)},1,{up}+2)-INDEX({Xr(cum_key)},1,{upp}+2)"


    # ------------------------------------------------------------------ Monthly
    def write_monthly(self):
        ws, f, s = self.ws["monthly"], self.fmt, self.s
        self.month_header(ws, "xl.sheet.monthly", "xl.col.total", print_titles=True)
        ws.write_string(1, 0, self.L("xl.monthly.note"), f["subtitle"])
        n, mr, c, Cq = self.n, self.monthly_rows, self.calc_rows, self.q["calc"]
        col = self.p.columns
        M = lambda key, j: f"{cl(j)}{mr[key] + 1}"
        Cc = lambda key, j: f"{Cq}!{cl(j)}{c[key] + 1}"
        fr_, lr_ = c["rows_first"] + 1, c["rows_last"] + 1

        def wsum(key, j):
            """Weighted sum over the roster-row blocks of the Calculation sheet."""
            return (f'SUMPRODUCT(({Cq}!$B${fr_}:$B${lr_}="{key}")*{Cq}!$C${fr_}:$C${lr_},'
                    f'{Cq}!{cl(j)}${fr_}:{cl(j)}${lr_})')

        def sumif(key, j):
            a0, a1 = c["sec_loans"] + 1, c["sec_rows"]
            return f'SUMIF({Cq}!$B${a0}:$B${a1},"{key}",{Cq}!{cl(j)}${a0}:{cl(j)}${a1})'

        def group_sum(group, j, cond=None):
            items = {"revenue": s.revenue, "grants": s.grants, "overheads": s.overheads,
                     "share_capital": s.financing.share_capital}[group]
            if not items:
                return "0"
            a0, a1 = c[(group, "amount", 0)], c[(group, "amount", len(items) - 1)]
            rr = f"{Cq}!{cl(j)}{a0 + 1}:{cl(j)}{a1 + 1}"
            return f"SUMPRODUCT(({cond})*({rr}))" if cond else f"SUM({rr})"

        def loans(key, j):
            if not s.financing.loans:
                return "0"
            return sumif(key, j)
        g_sub = self.table_ranges.get(("grants", "subsidy"))
        oh_kind = self.table_ranges.get(("overheads", "kind"))
        reg = self.name("assumptions.vat_registered")
        F_ = {
            "sales": lambda j: "=" + group_sum("revenue", j),
            "avotyo_fees": lambda j: "=" + wsum("avotyo_fees", j),
            "day_price_income": lambda j: "=" + wsum("day_price_income", j),
            "client_fees": lambda j: "=" + wsum("client_fees", j),
            "other_income": lambda j: "=" + group_sum("grants", j, f"{g_sub}=FALSE"),
            "revenue": lambda j: "=" + "+".join(M(k, j) for k in ("sales", "avotyo_fees", "day_price_income",
                                                                  "client_fees", "other_income")),
            "pay_subsidy": lambda j: "=" + wsum("pay_subsidy", j),
            "grants": lambda j: "=" + group_sum("grants", j, f"{g_sub}=TRUE") + "+" + wsum("staff_grant", j),
            "subsidies": lambda j: f"={M('pay_subsidy', j)}+{M('grants', j)}",
            "wages": lambda j: "=" + wsum("wages", j),
            "holiday_pay": lambda j: "=" + wsum("holiday_pay", j),
            "holiday_bonus": lambda j: "=" + wsum("holiday_bonus", j),
            **{k: (lambda k: lambda j: "=" + wsum(k, j))(k) for k in CONTRIB_ROWS},
            "employer_contributions": lambda j: f"=SUM({M('employer_pension', j)}:{M('group_life_insurance', j)})",
            "work_activity_pay": lambda j: "=" + wsum("work_activity_pay", j),
            "work_activity_costs": lambda j: "=" + wsum("work_activity_costs", j),
            "overheads": lambda j: "=" + group_sum("overheads", j, f'{oh_kind}<>"one_off"'),
            "one_off_costs": lambda j: "=" + group_sum("overheads", j, f'{oh_kind}="one_off"'),
            "non_deductible_vat": lambda j: f"=IF({reg},0,{Cc('input_vat', j)})",
            "interest": lambda j: "=" + loans("loan_interest", j),
            "costs_before_tax": lambda j: "=" + "+".join(M(k, j) for k in (
                "wages", "holiday_pay", "holiday_bonus", "employer_contributions", "work_activity_pay",
                "work_activity_costs", "overheads", "one_off_costs", "non_deductible_vat", "interest")),
            "result_before_tax": lambda j: f"={M('revenue', j)}+{M('subsidies', j)}-{M('costs_before_tax', j)}",
            "income_tax": lambda j: f"={Cc('income_tax', j)}",
            "costs": lambda j: f"={M('costs_before_tax', j)}+{M('income_tax', j)}",
            "result": lambda j: f"={M('result_before_tax', j)}-{M('income_tax', j)}",
            "cumulative_result": lambda j: (f"={M('result', j)}" if j == 0 else
                                            f"={M('cumulative_result', j - 1)}+{M('result', j)}"),
            "customer_receipts": lambda j: f"={Cc('customer_receipts', j)}",
            "client_fees_received": lambda j: f"={M('client_fees', j)}",
            "pay_subsidy_received": lambda j: f"={Cc('pay_subsidy_received', j)}",
            "grants_received": lambda j: f"={M('grants', j)}",
            "other_income_received": lambda j: f"={M('other_income', j)}",
            "vat_refund": lambda j: f"=MAX(-{Cc('vat_payable', j)},0)",
            "share_capital": lambda j: "=" + group_sum("share_capital", j),
            "loan_drawdown": lambda j: "=" + loans("loan_drawdown", j),
            "cash_in": lambda j: f"=SUM({M('customer_receipts', j)}:{M('loan_drawdown', j)})",
            "wages_paid": lambda j: f"={M('wages', j)}",
            "holiday_pay_paid": lambda j: "=" + wsum("holiday_pay_paid", j),
            "holiday_bonus_paid": lambda j: "=" + wsum("holiday_bonus_paid", j),
            "employer_contributions_paid": lambda j: "=0" if j == 0 else "=" + wsum("contributions_due", j - 1),
            "work_activity_pay_paid": lambda j: f"={M('work_activity_pay', j)}",
            "work_activity_costs_paid": lambda j: f"={M('work_activity_costs', j)}",
            "supplier_payments": lambda j: f"={M('overheads', j)}+{M('one_off_costs', j)}+{Cc('input_vat', j)}",
            "interest_paid": lambda j: f"={M('interest', j)}",
            "loan_repayment": lambda j: "=" + loans("loan_repayment", j),
            "vat_paid": lambda j: f"=MAX({Cc('vat_payable', j)},0)",
            "income_tax_paid": lambda j: f"={Cc('income_tax_paid', j)}",
            "cash_out": lambda j: f"=SUM({M('wages_paid', j)}:{M('income_tax_paid', j)})",
            "net_cash_flow": lambda j: f"={M('cash_in', j)}-{M('cash_out', j)}",
            "opening_cash": lambda j: (f"={self.name('opening_cash')}" if j == 0 else
                                       f"={M('closing_cash', j - 1)}"),
            "closing_cash": lambda j: f"={M('opening_cash', j)}+{M('net_cash_flow', j)}",
            "paid_hours": lambda j: "=" + wsum("paid_hours", j),
            **{k: (lambda k: lambda j: "=" + wsum(k, j))(k) for k in (
                "people_in_paid_work", "people_employed_here", "people_in_work_activity", "people_in_avotyo")},
        }
        last = self.last_col()
        for sec, keys in MONTHLY_SECTIONS:
            r = mr["sec:" + sec]
            ws.write_string(r, 0, self.L(sec), f["section"])
            for key in keys:
                r = mr[key]
                bold = key in TOTAL_LINES
                ws.write_string(r, 0, self.L(key), f["bold"] if bold else None)
                ws.write_string(r, 1, key, f["key"])
                fmt = "num1" if key == "paid_hours" else "num2" if key in COUNT_LINES else (
                    "eur_bold" if bold else "eur")
                self.write_row(ws, r, [F_[key](j) for j in range(n)], col[key], fmt)
                if key == "opening_cash":
                    ws.write_formula(r, 2, f"=E{r + 1}", f[fmt], _num(col[key][0]))
                elif key in STOCK_LINES:
                    ws.write_formula(r, 2, f"={last}{r + 1}", f[fmt], _num(col[key][-1]))
                else:
                    ws.write_formula(r, 2, f"=SUM(E{r + 1}:{last}{r + 1})", f[fmt], _num(col[key].sum()))

    # ------------------------------------------------------------------ Summary
    def write_summary(self):
        ws, f, s = self.ws["summary"], self.fmt, self.s
        kp = self.p.kpis
        n, mr, Mq, Cq = self.n, self.monthly_rows, self.q["monthly"], self.q["calc"]
        last = self.last_col()
        col = self.p.columns
        ws.write_string(0, 0, self.L("xl.sheet.summary") + " — ", f["title"])
        ws.write_string(0, 1, s.name, f["title"])
        ws.write_string(1, 0, self.L("model"), f["bold"])
        ws.write_string(1, 1, self.L(s.model))
        ws.write_string(2, 0, self.L("xl.budget_owner"), f["bold"])
        ws.write_string(2, 1, s.budget_owner)
        ws.write_string(3, 0, self.L("xl.period"), f["bold"])
        ws.write_string(3, 1, f"{self.labels[0]} – {self.labels[-1]}")
        ws.set_column(0, 0, 36)
        ws.set_column(1, 1, 18)
        ws.set_column(2, 6, 17)
        r = 5
        for c_, h in enumerate(("xl.col.kpi", "xl.col.key", "xl.col.value", "xl.col.how")):
            ws.write_string(r, c_, self.L(h), f["header"])
        r += 1
        mrng = lambda key: f"{Mq}!$E${mr[key] + 1}:${last}${mr[key] + 1}"
        labels_rng = f"{Mq}!$E${HEADER_ROW + 1}:${last}${HEADER_ROW + 1}"
        stay = f"{Cq}!$E${self.calc_rows['stays_non_negative'] + 1}:${last}${self.calc_rows['stays_non_negative'] + 1}"
        rows = {}
        for key in KPI_ROWS:
            rows[key] = r
            r += 1
        R = lambda key: f"$C${rows[key] + 1}"
        hours = float(col["paid_hours"].sum())
        subs = float(col["subsidies"].sum())
        income = float(col["revenue"].sum()) + subs
        costs = float(col["costs"].sum())
        cash = col["closing_cash"]
        from simulator.model.conventions import npv as _npv
        # Excel's IRR iterates from a guess; start it from the app's monthly rate
        # (the root nearest zero within ±50 % a month), so both find the same root.
        guess = 0.0 if kp["irr"] is None else float(f"{(1 + kp['irr']) ** (1 / 12) - 1:.10g}")
        formulas = {
            "break_even_month": (f'=IFERROR(INDEX({labels_rng},1,MATCH(1,{stay},0)),"–")',
                                 kp["break_even_month"] or "–"),
            "min_cash": (f"=MIN({mrng('closing_cash')})", float(cash.min())),
            "min_cash_month": (f"=INDEX({labels_rng},1,MATCH({R('min_cash')},{mrng('closing_cash')},0))",
                               kp["min_cash_month"]),
            "closing_cash_kpi": (f"={Mq}!${last}${mr['closing_cash'] + 1}", float(cash[-1])),
            "npv": (f"=NPV({self.discount_cell},{mrng('net_cash_flow')})",
                    _npv(s.assumptions.discount_rate, col["net_cash_flow"])),
            "irr": (f'=IFERROR(IF(ABS(IRR({mrng("net_cash_flow")},{guess!r}))<=0.5,'
                    f'(1+IRR({mrng("net_cash_flow")},{guess!r}))^12-1,"–"),"–")',
                    kp["irr"] if kp["irr"] is not None else "–"),
            "total_result": (f"=SUM({mrng('result')})", float(col["result"].sum())),
            "total_revenue": (f"=SUM({mrng('revenue')})", float(col["revenue"].sum())),
            "total_subsidies": (f"=SUM({mrng('subsidies')})", subs),
            "total_costs": (f"=SUM({mrng('costs')})", costs),
            "paid_hours": (f"=SUM({mrng('paid_hours')})", hours),
            "cost_per_paid_hour": (f'=IF({R("paid_hours")}>0,{R("total_costs")}/{R("paid_hours")},"–")',
                                   costs / hours if hours > 0 else "–"),
            "subsidy_share": (f'=IF({R("total_revenue")}+{R("total_subsidies")}>0,{R("total_subsidies")}/'
                              f'({R("total_revenue")}+{R("total_subsidies")}),"–")',
                              subs / income if income > 0 else "–"),
            "people_in_paid_work_end": (f"={Mq}!${last}${mr['people_in_paid_work'] + 1}",
                                        float(col["people_in_paid_work"][-1])),
            "person_months_in_paid_work": (f"=SUM({mrng('people_in_paid_work')})",
                                           float(col["people_in_paid_work"].sum())),
        }
        for key in KPI_ROWS:
            rr = rows[key]
            fx, val = formulas[key]
            kind = KPI_FORMAT.get(key, "eur")
            fmt = {"month": f["month"], "pct": f["pct"], "num1": f["num1"], "num2": f["num2"]}.get(kind, f["eur"])
            ws.write_string(rr, 0, self.L(key), f["bold"])
            ws.write_string(rr, 1, KPI_ENGINE_KEY.get(key, key), f["key"])
            ws.write_formula(rr, 2, fx, fmt, val if isinstance(val, str) else _num(val))
            ws.write_string(rr, 3, self.L("xl.how." + key), f["subtitle"])
        self.summary_rows = rows
        # yearly table
        r += 1
        ws.write_string(r, 0, self.L("xl.sec.yearly"), f["section"])
        r += 1
        year_cols = ["revenue", "subsidies", "costs", "result", "closing_cash"]
        ws.write_string(r, 0, self.L("year"), f["header"])
        ws.write_string(r, 1, self.L("xl.col.key"), f["header"])
        for c_, key in enumerate(year_cols):
            ws.write_string(r, 2 + c_, self.L(key), f["header"])
        r += 1
        yrow = f"{Cq}!$E${self.calc_rows['t_year'] + 1}:${last}${self.calc_rows['t_year'] + 1}"
        years = calendar_year(self.ctx.months)
        for y in np.unique(years):
            sel = years == y
            self.year_rows[int(y)] = r
            ws.write_number(r, 0, int(y), f["bold"])
            ws.write_string(r, 1, f"year:{int(y)}", f["key"])
            for c_, key in enumerate(year_cols):
                if key == "closing_cash":
                    fx = f"=INDEX({mrng(key)},1,MATCH($A${r + 1},{yrow},1))"
                    v = float(col[key][sel][-1])
                else:
                    fx = f"=SUMPRODUCT(({yrow}=$A${r + 1})*{mrng(key)})"
                    v = float(col[key][sel].sum())
                ws.write_formula(r, 2 + c_, fx, f["eur"], v)
            r += 1
        # warnings
        r += 1
        ws.write_string(r, 0, self.L("warnings"), f["section"])
        r += 1
        for w in self.p.warnings or [self.L("xl.no_warnings")]:
            ws.write_string(r, 0, w)
            r += 1
        # chart of cumulative cash
        chart = self.wb.add_chart({"type": "line"})
        mname = self.names["monthly"]
        cats = [mname, HEADER_ROW, MONTH_COL, HEADER_ROW, MONTH_COL + n - 1]
        for key, color in (("closing_cash", "#1F77B4"), ("cumulative_result", "#FF7F0E")):
            chart.add_series({"name": [mname, mr[key], 0], "categories": cats,
                              "values": [mname, mr[key], MONTH_COL, mr[key], MONTH_COL + n - 1],
                              "line": {"color": color, "width": 2.0}})
        chart.set_title({"name": self.L("xl.chart.cash")})
        chart.set_x_axis({"name": self.L("month"), "num_font": {"rotation": -45},
                          "interval_unit": max(1, n // 12)})
        chart.set_y_axis({"name": "€", "num_format": '#,##0 "€"', "major_gridlines": {"visible": True}})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 900, "height": 380})
        ws.insert_chart(r + 1, 0, chart)
        self.print_setup(ws)
        ws.fit_to_pages(1, 0)
