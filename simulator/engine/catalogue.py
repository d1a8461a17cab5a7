"""The one catalogue of outputs: every monthly column of the projection and
every key figure (KPI), declared once, as data.

Each entry says what a figure is; the views (command line, comparison,
app, workbook) read it from here instead of keeping lists of their own.
Labels and help texts are in ``simulator/i18n/engine.py`` under the
entry's ``label`` and ``help`` keys; formatting for a language is in
``simulator/engine/display.py``.

Fields of an entry:

- ``name``: the engine's key (a column of ``Projection.columns`` or a key
  of ``Projection.kpis``);
- ``unit``: ``eur``, ``eur_per_hour``, ``hours``, ``persons``,
  ``person_months``, ``month`` (a ``YYYY-MM`` label), ``share`` (a
  fraction), ``rate`` (a fraction a year) or ``code`` (a reason code with
  its text under ``msg.<code>``, e.g. ``irr_reason``);
- ``signed``: False = a positive magnitude (named lines); True = may be
  below zero (result, net cash flow, balances);
- ``kind``: ``accrual`` (when income or a cost belongs), ``cash`` (when
  money moves), ``stock`` (a balance at a month's end), ``volume``
  (hours, people, days), ``outside`` (money of other parties that the
  scenario causes but that is not the organisation's: in no total, no
  result, no cash) or ``kpi``;
- ``payer`` / ``receiver``: for a transfer, who pays and who receives it,
  as roles (``organisation``, ``county`` = the purchaser of work activity:
  the municipality until 2022, the wellbeing services county from 2023;
  ``palkkatuki_payer`` = the state's TE services, from 2025 the employment
  area; ``company``; ``other_provider``); the parties analysis maps a role
  to a public body by date;
- ``rule``: the heading of ``docs/rules.md`` whose section states its rule;
- ``function``: ``module.function`` in ``simulator/engine/lines/`` (or
  ``kpis.function``) that computes it; None for a total, whose ``sums``
  name the lines it adds up (a leading ``-`` subtracts);
- ``decimals``: decimals shown (percent points for shares and rates);
- ``total``: a total or subtotal (a bold row in tables);
- ``better``: ``higher`` / ``lower`` when a change has a good direction
  (the colour of a change in the app), else None.
"""
from __future__ import annotations

from dataclasses import dataclass

# The headings of docs/rules.md that state the rules (a test checks each exists).
PAY = "Pay (rows employed by this organisation)"
CONTRIBUTIONS = "Employer contributions (accrual on `B + L`, i.e. `W + H + L`)"
PAY_SUBSIDY = "Palkkatuki (pay subsidy), employments with this organisation only"
WORK_ACTIVITY = "Work activity and avotyö arranged by this unit (`arranged_by: this`)"
REVENUE = "Revenue lines"
VAT = "VAT"
ITEMS = "Overheads, one-offs, grants, financing"
RESULT = "Result and income tax"
CASH = "Cash"
VOLUMES = "Volumes"
KPIS_RULE = "KPIs"
SICK_PAY = "Sick pay and occupational health care"
DEPRECIATION = "Equipment and depreciation"
ELSEWHERE = "Work activity arranged elsewhere"
AVOIDED = "Avoided costs"
SHARED = "Shared unit costs"
OUTSIDE = "Transfers and money outside the organisation"
FOUNDED = "The organisation's founding month"


@dataclass(frozen=True)
class Output:
    name: str
    unit: str
    kind: str
    rule: str
    function: str | None = None
    sums: tuple = ()
    signed: bool = False
    decimals: int = 2
    total: bool = False
    better: str | None = None
    label_key: str | None = None        # i18n key of the label; default: the name
    short_key: str | None = None        # i18n key of a short label (the app's cards); default: the label
    help_key: str | None = None         # i18n key of the help text; default: help.<label key>
    payer: str | None = None            # a transfer's payer (a role, see the module docstring)
    receiver: str | None = None         # a transfer's receiver

    @property
    def label(self) -> str:
        return self.label_key or self.name

    @property
    def short(self) -> str:
        return self.short_key or self.label

    @property
    def help(self) -> str:
        return self.help_key or f"help.{self.label}"


def _line(name, kind, rule, function, unit="eur", **kw) -> Output:
    return Output(name, unit, kind, rule, function, **kw)


def _total(name, kind, rule, sums, **kw) -> Output:
    return Output(name, "eur", kind, rule, None, tuple(sums), total=True, **kw)


_CONTRIBUTION_LINES = ("employer_pension", "employer_health_insurance", "employer_unemployment_insurance",
                       "accident_insurance", "group_life_insurance")

# Every monthly column, in the projection's (and the tables') order.
_COLUMNS = [
    # accrual: income
    _line("sales", "accrual", REVENUE, "revenue.sales"),
    _line("avotyo_fees", "accrual", WORK_ACTIVITY, "work_activity.avotyo_fees"),
    _line("day_price_income", "accrual", WORK_ACTIVITY, "work_activity.day_price_income",
          payer="county", receiver="organisation"),
    _line("client_fees", "accrual", WORK_ACTIVITY, "work_activity.client_fees"),
    _line("other_income", "accrual", ITEMS, "subsidies.other_income"),
    _line("vat_relief", "accrual", VAT, "vat.vat_relief"),
    _line("pay_subsidy", "accrual", PAY_SUBSIDY, "subsidies.pay_subsidy",
          payer="palkkatuki_payer", receiver="organisation"),
    _line("grants", "accrual", ITEMS, "subsidies.grants"),
    _line("avoided_costs", "accrual", AVOIDED, "revenue.avoided_costs"),
    # accrual: costs
    _line("wages", "accrual", PAY, "pay.wages"),
    _line("holiday_pay", "accrual", PAY, "pay.holiday_pay"),
    _line("holiday_bonus", "accrual", PAY, "pay.holiday_bonus"),
    *[_line(n, "accrual", CONTRIBUTIONS, f"contributions.{n}") for n in _CONTRIBUTION_LINES],
    _total("employer_contributions", "accrual", CONTRIBUTIONS, _CONTRIBUTION_LINES),
    _line("sick_pay", "accrual", SICK_PAY, "sick_pay.sick_pay"),
    _line("sick_pay_contributions", "accrual", SICK_PAY, "sick_pay.sick_pay_contributions"),
    _line("occupational_health_care", "accrual", SICK_PAY, "occupational_health.occupational_health_care"),
    _line("work_activity_pay", "accrual", WORK_ACTIVITY, "work_activity.work_activity_pay"),
    _line("work_activity_costs", "accrual", WORK_ACTIVITY, "work_activity.work_activity_costs"),
    _line("overheads", "accrual", ITEMS, "overheads.overheads"),
    _line("one_off_costs", "accrual", ITEMS, "overheads.one_off_costs"),
    _line("depreciation", "accrual", DEPRECIATION, "depreciation.depreciation"),
    _line("non_deductible_vat", "accrual", VAT, "vat.non_deductible_vat"),
    _line("interest", "accrual", ITEMS, "financing.interest"),
    # accrual: totals and the result
    _total("revenue", "accrual", RESULT, ("sales", "avotyo_fees", "day_price_income", "client_fees",
                                          "other_income", "vat_relief")),
    _total("subsidies", "accrual", RESULT, ("pay_subsidy", "grants")),
    _total("costs_before_tax", "accrual", RESULT, (
        "wages", "holiday_pay", "holiday_bonus", "employer_contributions", "sick_pay",
        "sick_pay_contributions", "occupational_health_care", "work_activity_pay",
        "work_activity_costs", "overheads", "one_off_costs", "depreciation", "non_deductible_vat", "interest")),
    _total("result_before_tax", "accrual", RESULT, ("revenue", "subsidies", "avoided_costs", "-costs_before_tax"),
           signed=True),
    _line("income_tax", "accrual", RESULT, "tax.income_tax"),
    _total("costs", "accrual", RESULT, ("costs_before_tax", "income_tax")),
    _total("result", "accrual", RESULT, ("result_before_tax", "-income_tax"), signed=True),
    # cash in
    _line("customer_receipts", "cash", CASH, "payments.customer_receipts"),
    _line("client_fees_received", "cash", CASH, "payments.client_fees_received"),
    _line("pay_subsidy_received", "cash", PAY_SUBSIDY, "subsidies.pay_subsidy_received"),
    _line("grants_received", "cash", CASH, "payments.grants_received"),
    _line("other_income_received", "cash", CASH, "payments.other_income_received"),
    _line("vat_refund", "cash", VAT, "vat.vat_refund"),
    _line("vat_relief_received", "cash", VAT, "vat.vat_relief_received"),
    _line("occupational_health_reimbursement_received", "cash", SICK_PAY,
          "occupational_health.occupational_health_reimbursement_received"),
    _line("share_capital", "cash", ITEMS, "financing.share_capital"),
    _line("loan_drawdown", "cash", ITEMS, "financing.loan_drawdown"),
    # cash out
    _line("wages_paid", "cash", CASH, "payments.wages_paid"),
    _line("holiday_pay_paid", "cash", PAY, "pay.holiday_pay_paid"),
    _line("holiday_bonus_paid", "cash", PAY, "pay.holiday_bonus_paid"),
    _line("employer_contributions_paid", "cash", CONTRIBUTIONS, "contributions.employer_contributions_paid"),
    _line("sick_pay_paid", "cash", SICK_PAY, "sick_pay.sick_pay_paid"),
    _line("sick_pay_contributions_paid", "cash", SICK_PAY, "sick_pay.sick_pay_contributions_paid"),
    _line("work_activity_pay_paid", "cash", CASH, "payments.work_activity_pay_paid"),
    _line("work_activity_costs_paid", "cash", CASH, "payments.work_activity_costs_paid"),
    _line("supplier_payments", "cash", VAT, "payments.supplier_payments"),
    _line("occupational_health_care_paid", "cash", SICK_PAY, "occupational_health.occupational_health_care_paid"),
    _line("investment_payments", "cash", DEPRECIATION, "depreciation.investment_payments"),
    _line("interest_paid", "cash", CASH, "payments.interest_paid"),
    _line("loan_repayment", "cash", ITEMS, "financing.loan_repayment"),
    _line("vat_paid", "cash", VAT, "vat.vat_paid"),
    _line("income_tax_paid", "cash", RESULT, "tax.income_tax_paid"),
    # cash totals and balances
    _total("cash_in", "cash", CASH, ("customer_receipts", "client_fees_received", "pay_subsidy_received",
                                      "grants_received", "other_income_received", "vat_refund", "vat_relief_received",
                                      "occupational_health_reimbursement_received",
                                      "share_capital", "loan_drawdown")),
    _total("cash_out", "cash", CASH, ("wages_paid", "holiday_pay_paid", "holiday_bonus_paid",
                                       "employer_contributions_paid", "sick_pay_paid",
                                       "sick_pay_contributions_paid", "work_activity_pay_paid",
                                       "work_activity_costs_paid", "supplier_payments",
                                       "occupational_health_care_paid", "investment_payments", "interest_paid",
                                       "loan_repayment", "vat_paid", "income_tax_paid")),
    _total("net_cash_flow", "cash", CASH, ("cash_in", "-cash_out"), signed=True),
    _line("opening_cash", "stock", CASH, "balances.opening_cash", signed=True),
    _line("closing_cash", "stock", CASH, "balances.closing_cash", signed=True, total=True),
    _line("cumulative_result", "stock", RESULT, "balances.cumulative_result", signed=True),
    # volumes
    _line("paid_hours", "volume", VOLUMES, "pay.paid_hours", unit="hours", decimals=1),
    _line("people_in_paid_work", "volume", VOLUMES, "people.people_in_paid_work", unit="persons", decimals=1),
    _line("people_employed_here", "volume", VOLUMES, "people.people_employed_here", unit="persons", decimals=1),
    _line("people_in_work_activity", "volume", VOLUMES, "people.people_in_work_activity", unit="persons",
          decimals=1),
    _line("people_in_avotyo", "volume", VOLUMES, "people.people_in_avotyo", unit="persons", decimals=1),
    _line("participant_days_here", "volume", ELSEWHERE, "work_activity.participant_days_here", unit="days",
          decimals=1),
    # outside the organisation: other parties' money the scenario causes
    _line("day_price_elsewhere", "outside", ELSEWHERE, "work_activity.day_price_elsewhere",
          payer="county", receiver="other_provider"),
    _line("company_pay_subsidy", "outside", OUTSIDE, "company.company_pay_subsidy",
          payer="palkkatuki_payer", receiver="company"),
]


def _kpi(name, unit="eur", function=None, decimals=0, signed=False, **kw) -> Output:
    return Output(name, unit, "kpi", KPIS_RULE, f"kpis.{function or name}", signed=signed, decimals=decimals,
                  **kw)


# Every key figure of ``Projection.kpis``, in reading order.
_KPIS = [
    _kpi("break_even_month", "month", better="lower", short_key="ui.kpi.break_even_month"),
    _kpi("min_cash", signed=True, better="higher"),
    _kpi("min_cash_month", "month"),
    _kpi("closing_cash", signed=True, better="higher", label_key="closing_cash_kpi"),
    _kpi("npv", signed=True, better="higher"),
    _kpi("irr", "rate", decimals=1, signed=True, better="higher"),
    _kpi("irr_reason", "code"),   # why irr is null (irr_undefined), else null
    _kpi("total_result", signed=True, better="higher"),
    _kpi("total_revenue", better="higher"),
    _kpi("total_subsidies", better="higher"),
    _kpi("total_costs", better="lower"),
    _kpi("result_by_year", signed=True, better="higher"),
    _kpi("paid_hours", "hours", better="higher", help_key="help.paid_hours_kpi"),
    _kpi("cost_per_paid_hour", "eur_per_hour", decimals=2, better="lower",
         short_key="ui.kpi.cost_per_paid_hour"),
    _kpi("subsidy_share", "share", decimals=1, short_key="ui.kpi.subsidy_share"),
    _kpi("people_in_paid_work_end", "persons", decimals=1, better="higher"),
    _kpi("person_months_in_paid_work", "person_months", decimals=1, better="higher"),
]

COLUMNS: dict[str, Output] = {o.name: o for o in _COLUMNS}
KPIS: dict[str, Output] = {o.name: o for o in _KPIS}

# Groups the views show (names of the entries above).
HEADLINE_KPIS = ("break_even_month", "min_cash", "npv", "cost_per_paid_hour", "subsidy_share")
TOTAL_KPIS = ("total_result", "total_revenue", "total_subsidies", "total_costs", "closing_cash")
LIVE_KPIS = ("break_even_month", "min_cash", "total_result", "npv", "cost_per_paid_hour")
RUN_KPIS = ("break_even_month", "min_cash", "min_cash_month", "closing_cash", "total_result", "npv", "irr",
            "cost_per_paid_hour", "subsidy_share", "paid_hours", "people_in_paid_work_end")
COMPARED_KPIS = ("break_even_month", "min_cash", "min_cash_month", "closing_cash", "npv", "total_result",
                 "total_revenue", "total_subsidies", "total_costs", "subsidy_share", "paid_hours",
                 "cost_per_paid_hour", "people_in_paid_work_end", "person_months_in_paid_work")
SUMMARY_LINES = ("revenue", "subsidies", "wages", "employer_contributions", "costs", "result",
                 "net_cash_flow", "closing_cash")
YEARLY_LINES = ("revenue", "subsidies", "costs", "result", "closing_cash")
MAIN_LINES = ("revenue", "subsidies", "costs", "result", "cumulative_result", "cash_in", "cash_out",
              "net_cash_flow", "closing_cash")


def single_kpis() -> tuple[str, ...]:
    """The key figures with one value each (not the reason code, not the
    result by year), in order: the workbook's Summary rows."""
    return tuple(k for k, o in KPIS.items() if o.unit != "code" and k != "result_by_year")


def reading_order(names) -> list[str]:
    """``names`` with each total moved to just after the last of its parts
    among them (revenue after other income, subsidies after grants): the
    order of a statement, top to bottom."""
    names = list(names)
    totals = [n for n in names if COLUMNS[n].sums]
    out = [n for n in names if n not in totals]
    for n in totals:                       # in catalogue order: a total's parts come first
        parts = [p.lstrip("-") for p in COLUMNS[n].sums if p.lstrip("-") in out]
        at = max((out.index(p) for p in parts), default=len(out) - 1) + 1
        while at < len(out) and out[at] in totals:   # after totals placed there before it
            at += 1
        out.insert(at, n)
    return out


def lines_of(kind: str) -> tuple[str, ...]:
    """The monthly columns of one kind, in order."""
    return tuple(o.name for o in _COLUMNS if o.kind == kind)


def total(name: str, col: dict):
    """A total: the sum of the lines its entry declares (``-x`` subtracts x),
    added in the declared order."""
    sums = COLUMNS[name].sums
    out = sum(col[k] for k in sums if not k.startswith("-"))
    for k in sums:
        if k.startswith("-"):
            out = out - col[k[1:]]
    return out


def year_end(name: str) -> bool:
    """Whether a line's year is its last month (balances) rather than its sum."""
    return COLUMNS[name].kind == "stock"
