"""The person's and the public purse's sheets of one scenario (VALUES, not formulas).

- Henkilöt – nettotulot / People – net income: for every person a yearly
  table (the columns of ``person_view(...).yearly()``: pay, työosuusraha, pensions paid
  and resting, each benefit, the person's contributions, income tax, each
  fee, net income, the change against staying in the first phase, the
  disposable income and the status quo's, the effective marginal and the
  participation tax rate, months a pension rests, TyEL accrual) with a total row; a summary by person
  (``PersonView.summary()``); the warnings as text.
- Julkinen talous / Public purse: ``public_purse(...)`` net cost by payer
  per year and in total, the key figures (net public cost per person-year
  and per paid hour), what each payer pays out and gets back line by line
  per year, the net cost by person, and the notes (``public_sheet``).

The person model (``simulator/person``) is not formula-driven, so these
sheets hold the figures the program computed at export; a note at the top
of each sheet and the Read me sheet say so. The Comparison sheet links to
their cells with formulas (``comparison_sheet``).

The person module needs the projection of the scenario and of its
"staying" baseline (every person's first phase continued); both come from
the scenario's own parameters. If the person module refuses the scenario
(a person-level input problem, e.g. hoitotuki without a pension), both
sheets show the message and the rest of the workbook is written as usual.
"""
from __future__ import annotations

import numpy as np

from ..i18n import label as _label
from simulator.engine.household.lines import MONTH_COLUMNS, RATE_COLUMNS, month_columns
from simulator.model.parameters import ParameterError
from simulator.model.problems import ScenarioError
from . import public_sheet
from .public_sheet import PUBLIC_COMPARE, PUBLIC_KPIS  # noqa: F401  (the Comparison sheet's rows)
from .sheet_common import FIRST_ROW, HEADER_ROW, cell_text, col, finite

# People – net income: (column key, label key, format). Keys are columns of
# ``PersonView.yearly()`` except ``earnings_related_rests`` (from the lines);
# the two tax rates (``RATE_COLUMNS``) are shares: a year's value is the mean
# of its months (months without a rise in earnings left out), the total row's
# the person's summary (``marginal_tax_rate_mean``, ``participation_tax_rate``).
PERSON_COLUMNS = [
    ("months", "person.months", "int"),
    ("hours_per_week", "xl.person.hours_per_week", "num1"),
    ("gross_pay", "person.gross_pay", "eur"),
    ("tyoosuusraha", "person.tyoosuusraha", "eur"),
    ("kela_pension", "person.kela_pension", "eur"),
    ("earnings_related_pension", "person.earnings_related_pension", "eur"),
    ("pension_resting", "person.pension_resting", "eur"),
    ("hoitotuki", "person.hoitotuki", "eur"),
    ("vammaistuki", "person.vammaistuki", "eur"),
    ("housing_allowance", "person.housing_allowance", "eur"),
    ("pensioners_housing_allowance", "person.pensioners_housing_allowance", "eur"),
    ("general_housing_allowance", "person.general_housing_allowance", "eur"),
    ("labour_market_support", "person.labour_market_support", "eur"),
    ("basic_social_assistance", "person.basic_social_assistance", "eur"),
    ("employee_pension", "person.employee_pension", "eur"),
    ("employee_unemployment", "person.employee_unemployment", "eur"),
    ("daily_allowance_contribution", "person.daily_allowance_contribution", "eur"),
    ("employee_contributions", "person.employee_contributions", "eur"),
    ("income_tax", "person.income_tax", "eur"),
    ("work_activity_fees", "person.work_activity_fees", "eur"),
    ("client_fee", "person.client_fee", "eur"),
    ("net_income", "person.net_income", "eur"),
    ("baseline_net_income", "person.baseline_net_income", "eur"),
    ("change", "person.change", "eur"),
    ("disposable_income", "person.disposable_income", "eur"),
    ("status_quo_disposable_income", "person.status_quo_disposable_income", "eur"),
    ("marginal_tax_rate", "person.marginal_tax_rate", "pct"),
    ("participation_tax_rate", "person.participation_tax_rate", "pct"),
    ("kela_pension_rests", "xl.person.kela_rests", "num1"),
    ("earnings_related_rests", "xl.person.earnings_related_rests", "num1"),
    ("tyel_accrual", "person.tyel_accrual", "eur"),
]
PERSON_FIRST_COL = 2         # A person, B year; the columns above from C
SUMMARY_COLUMNS = [("net_income_total", "eur"), ("net_income_per_month", "eur"),
                   ("baseline_net_income_total", "eur"), ("change_total", "eur"), ("change_per_month", "eur"),
                   ("pension_rest_months", "num1"), ("pension_lost_total", "eur"),
                   ("tyel_accrual_total", "eur"), ("tyel_accrual_per_month", "eur"),
                   ("net_gain_per_paid_hour", "eur")]
SUMMARY_FIRST_COL = 4        # under the euro columns of the yearly table
def _error_text(exc, lang: str) -> str:
    if isinstance(exc, ScenarioError):
        return exc.render("fi" if lang == "fi" else "en")
    if hasattr(exc, "en") and hasattr(exc, "fi"):
        return exc.fi if lang == "fi" else exc.en
    return str(exc)


class PersonData:
    """The person views and the public purse of one projection (computed once)."""

    def __init__(self, projection):
        from simulator.engine.household.tax import TaxInputError
        from ..person.income import person_view
        from ..person.public import public_purse
        s = projection.scenario
        params = projection.context.params
        self.views, self.purse, self.error = [], None, None
        source = s.name[:60]
        try:
            # the engine's person lines (Projection.person), with their baseline
            self.views = [person_view(s, p.id, params, projection=projection, source=source) for p in s.people]
            self.purse = public_purse(s, params, projection=projection, source=source)
        except (ScenarioError, TaxInputError, ParameterError) as exc:
            self.views, self.purse, self.error = [], None, exc


def _line(v, key: str) -> np.ndarray:
    """The monthly series behind a column of ``PersonView.yearly()``."""
    if key in MONTH_COLUMNS and key not in v.lines:      # disposable incomes, the tax rates
        return np.asarray(month_columns(v.lines, v.baseline)[key], float)
    if key == "baseline_net_income":
        return np.asarray(v.baseline["net_income"], float)
    if key == "change":
        return np.asarray(v.change, float)
    return np.asarray(v.lines[{"kela_pension_rests": "kela_rests"}.get(key, key)], float)


def person_years(v) -> tuple[list[int], dict, dict]:
    """(years, {column: value a year}, {column: total}) of a PersonView: the
    aggregation of ``PersonView.yearly()`` (sums; hours a week averaged over
    the months) done with one matrix product instead of a pandas group-by,
    which would be most of the export time of a large scenario. The tests
    check it against ``yearly()``."""
    years_m = np.array([int(m[:4]) for m in v.months])
    years = [int(y) for y in np.unique(years_m)]
    onehot = np.stack([years_m == y for y in years], axis=1).astype(float)   # months × years
    counts = onehot.sum(axis=0)
    table, totals = {}, {}
    for key, _, _ in PERSON_COLUMNS:
        if key == "months":
            table[key], totals[key] = counts, float(len(years_m))
            continue
        series = _line(v, key)
        by_year = series @ onehot
        if key == "hours_per_week":
            table[key], totals[key] = by_year / counts, float(series.mean())
        elif key in RATE_COLUMNS:
            known = ~np.isnan(series)
            n = known.astype(float) @ onehot
            with np.errstate(divide="ignore", invalid="ignore"):
                table[key] = np.where(n > 0, np.where(known, series, 0.0) @ onehot / np.where(n > 0, n, 1.0), np.nan)
            summ = v.summary()
            totals[key] = summ["marginal_tax_rate_mean" if key == "marginal_tax_rate" else key]
        else:
            table[key], totals[key] = by_year, float(series.sum())
    return years, table, totals


class PersonSheets:
    """Writes the two value sheets of one ScenarioSheets (``sh``)."""

    def __init__(self, sh):
        self.sh = sh
        self.fmt = sh.fmt
        self.lang = sh.lang
        self.data = PersonData(sh.p)
        # cells the Comparison sheet links to: key -> (absolute reference, value)
        self.public_cells: dict[str, tuple[str, float | None]] = {}
        self.person_cells: dict[tuple[str, str], tuple[str, float | None]] = {}

    def L(self, key: str) -> str:
        return _label(key, self.lang)

    # ------------------------------------------------------------------ helpers
    def value(self, ws, r, c, v, fmt):
        """A figure; euros in whole euros (these are summary sheets: the cents
        stay in the calculation)."""
        fmt = {"eur": "eur0", "eur_bold": "eur0_bold"}.get(fmt, fmt)
        v = finite(v)
        if v is None:
            ws.write_string(r, c, "–", self.fmt["month"])
        else:
            ws.write_number(r, c, v, self.fmt[fmt])

    def top(self, ws, title_key: str, notes: list[tuple[str, str]], last_col: int, width: float):
        """Title (with the scenario's name) and notes merged across the printed width, wrapped."""
        f = self.fmt
        ws.write_string(0, 0, cell_text(f"{self.L(title_key)} — {self.sh.s.name}"), f["title"])
        for r, (key, fmt) in enumerate(notes, start=1):
            text = self.L(key)
            ws.merge_range(r, 0, r, last_col, "", f[fmt])
            ws.write_string(r, 0, text, f[fmt])
            lines = max(1, -(-int(len(text) * 1.1) // int(width)))
            ws.set_row(r, 15 * lines)

    def section(self, ws, r: int, key: str, last_col: int):
        """A section heading in row ``r``, its band across to ``last_col``."""
        ws.write_string(r, 0, self.L(key), self.fmt["section"])
        for c in range(1, last_col + 1):
            ws.write_string(r, c, "", self.fmt["section"])

    def explain(self, ws, r: int, key: str, last_col: int) -> int:
        """A section "Explanations" with one wrapped text merged across the printed width."""
        f = self.fmt
        self.section(ws, r, "xl.explanations", last_col)
        text = self.L(key)
        ws.merge_range(r + 1, 0, r + 1, last_col, "", f["note"])
        ws.write_string(r + 1, 0, text, f["note"])
        ws.set_row(r + 1, 15 * max(1, -(-int(len(text) * 1.1) // int(self.width))))
        return r + 2

    def print_setup(self, ws, last_col: int):
        sh = self.sh
        sh.print_setup(ws)            # A4 landscape, one page wide, footer
        ws.repeat_rows(HEADER_ROW)
        ws.print_area(0, 0, max(self.last_row, HEADER_ROW), last_col)

    def write_error(self, ws) -> bool:
        """The person module's refusal instead of the sheet's figures (True if written)."""
        if self.data.error is None:
            return False
        f = self.fmt
        ws.write_string(FIRST_ROW, 0, self.L("xl.person.error"), f["bold"])
        for k, line in enumerate(_error_text(self.data.error, self.lang).split("\n")):
            ws.write_string(FIRST_ROW + 1 + k, 0, cell_text(line), f["warn"])
        self.last_row = FIRST_ROW + 1 + k
        return True

    def write(self):
        self.write_people(self.sh.ws["person_income"])
        public_sheet.write(self, self.sh.ws["public"])

    # ------------------------------------------------------------------ People – net income
    def write_people(self, ws):
        f, L = self.fmt, self.L
        first = PERSON_FIRST_COL
        last_col = first + len(PERSON_COLUMNS) - 1
        ws.set_column(0, 0, 10, f["top"])
        ws.set_column(1, 1, 9)
        width = 19
        for c, (_, _, fmt) in enumerate(PERSON_COLUMNS):
            w = 12 if fmt == "eur" else 8
            ws.set_column(first + c, first + c, w)
            width += w
        self.top(ws, "xl.sheet.person_income", [("xl.values.note", "value_note")], last_col, width)
        self.width = width
        ws.write_string(HEADER_ROW, 0, L("person.person"), f["header"])
        ws.write_string(HEADER_ROW, 1, L("year"), f["header"])
        for c, (_, key, _) in enumerate(PERSON_COLUMNS):
            ws.write_string(HEADER_ROW, first + c, L(key), f["header"])
        ws.set_row(HEADER_ROW, 48)
        ws.freeze_panes(FIRST_ROW, first)
        self.last_row = HEADER_ROW
        if self.write_error(ws):
            self.print_setup(ws, last_col)
            return
        views = self.data.views
        r = FIRST_ROW
        if not views:
            ws.write_string(r, 0, L("xl.person.none"))
            self.last_row = r
            self.print_setup(ws, last_col)
            return
        q = self.sh.q["person_income"]
        for v in views:
            pid = v.person.id
            years, table, totals = person_years(v)
            for k, y in enumerate(years):
                ws.write_string(r, 0, cell_text(pid))
                ws.write_number(r, 1, y, f["int"])
                for c, (key, _, fmt) in enumerate(PERSON_COLUMNS):
                    self.value(ws, r, first + c, table[key][k], fmt)
                r += 1
            ws.write_string(r, 0, cell_text(pid), f["bold"])
            ws.write_string(r, 1, L("xl.col.total"), f["bold"])
            for c, (key, _, fmt) in enumerate(PERSON_COLUMNS):
                self.value(ws, r, first + c, totals[key], "eur_bold" if fmt == "eur" else fmt)
                if key in ("net_income", "change"):
                    letter = col(first + c)
                    self.person_cells[(pid, key)] = (f"{q}!${letter}${r + 1}", totals[key])
            r += 2
        # summary by person
        self.section(ws, r, "xl.person.sec.summary", last_col)
        r += 1
        # the figures in the wide euro columns (from D), then municipality and tax as text
        c0 = SUMMARY_FIRST_COL
        c_town, c_tax = c0 + len(SUMMARY_COLUMNS), c0 + len(SUMMARY_COLUMNS) + 1
        ws.write_string(r, 0, L("person.person"), f["header"])
        for c in range(1, c0):
            ws.write_string(r, c, "", f["header"])
        for c, (k, _) in enumerate(SUMMARY_COLUMNS):
            ws.write_string(r, c0 + c, L(f"person.kpi.{k}"), f["header"])
        ws.write_string(r, c_town, L("person.municipality"), f["header"])
        ws.write_string(r, c_tax, L("person.tax"), f["header"])
        ws.set_row(r, 48)
        r += 1
        for v in views:
            ws.write_string(r, 0, cell_text(v.person.id))
            summ = v.summary()
            for c, (key, fmt) in enumerate(SUMMARY_COLUMNS):
                self.value(ws, r, c0 + c, summ[key], fmt)
            town = L("person.town." + v.municipality)
            ws.write_string(r, c_town, v.municipality if town.startswith("person.town.") else town)
            tax = L("person.tax_mode." + v.tax_mode)
            if v.tax_mode == "withholding":
                rate = f"{100 * v.person.withholding_rate:.1f}"
                tax += f" {rate.replace('.', ',') if self.lang == 'fi' else rate} %"
            ws.write_string(r, c_tax, tax)
            r += 1
        # warnings
        r += 1
        self.section(ws, r, "warnings", last_col)
        r += 1
        start = r
        notes = list(dict.fromkeys(n for v in views for n in v.all_notes()))
        for n in notes:
            ws.write_string(r, 0, cell_text(str(n.get("pid", ""))))
            ws.write_string(r, 1, cell_text(n.render(self.lang)))
            r += 1
        for w in sorted({w for v in views for w in v.parameter_warnings}):
            ws.write_string(r, 1, cell_text(w.render(self.lang)))
            r += 1
        if r == start:
            ws.write_string(r, 1, L("xl.no_warnings"))
            r += 1
        r = self.explain(ws, r + 1, "xl.person.about", last_col)
        self.last_row = r
        self.print_setup(ws, last_col)
