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

Modules: by sheet — ``assumptions`` (inputs), ``people`` (roster), ``calc``
(Calculation: time, parameters, the roster-row blocks), ``monthly``,
``summary`` (KPIs, years, chart) — and by rule topic, mirroring
``simulator/engine/lines``: ``pay``, ``pension_scheme``, ``contributions``,
``sick_pay``, ``occupational_health``, ``subsidies``, ``work_activity``,
``revenue``, ``vat``, ``overheads``, ``depreciation``, ``financing``,
``tax``, ``cash``. A topic module holds its Calculation rows and its
Monthly formulas. ``layout`` assigns the rows; ``cells`` holds the shared
cell helpers.
"""
from __future__ import annotations

from xlsxwriter.utility import quote_sheetname

from simulator.engine.projection import Projection
from ...i18n import label as _label
from ..person_sheets import PersonSheets
from ..structure import plan
from . import assumptions, calc, monthly, people, summary
from .cells import Cells, cl, excel_date, field_label, param_name, scalar_name
from .layout import PARAM_USE, SERIES_PARAMS, START_PARAMS, USED_PARAMS, WARNING_PARAMS, layout
from .summary import KPI_ENGINE_KEY, KPI_FORMAT, KPI_ROWS

__all__ = ["ScenarioSheets", "KPI_ENGINE_KEY", "KPI_FORMAT", "KPI_ROWS", "PARAM_USE", "SERIES_PARAMS",
           "START_PARAMS", "USED_PARAMS", "WARNING_PARAMS", "cl", "excel_date", "field_label",
           "param_name", "scalar_name"]


class ScenarioSheets(Cells):
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

    def write(self):
        layout(self)
        self.ws = {key: self.book.add_sheet(self.names[key])
                   for key in ("summary", "monthly", "person_income", "public", "assumptions", "people",
                               "calc")}
        assumptions.write(self)
        people.write(self)
        calc.write(self)
        monthly.write(self)
        summary.write(self)
        # the person's and the public purse's sheets: values (simulator/person), not formulas
        self.person = PersonSheets(self)
        self.person.write()
