"""Which row holds what on People, Calculation and Monthly.

Rows are assigned before anything is written, because formulas refer
across sheets in both directions (People ↔ Calculation ↔ Monthly).
"""
from __future__ import annotations

from simulator.engine import catalogue

from .cells import FIRST_ROW

# statutory parameters on the Calculation sheet (one row each, by month), read
# at a pay-subsidy decision's start (People sheet), or only for warnings
SERIES_PARAMS = (
    "holiday.days_per_month", "holiday.days_per_month_first_year", "holiday.lomaraha_share",
    "holiday.min_hours_for_full_month", "holiday.working_days_per_month",
    "tyel.employer_average", "tyel.earnings_floor", "health_insurance.employer",
    "unemployment_insurance.employer_lower", "unemployment_insurance.employer_upper",
    "unemployment_insurance.payroll_threshold", "accident_insurance.average",
    "group_life_insurance.average", "vat.standard_rate", "corporate_tax.rate",
    "tyel.basic_rate", "tyel.basic_expense_loading", "keva.pay_based_contribution",
    "tyel.employee_share_under_53", "tyel.employee_share_53_62", "accident_insurance.cleaning_estimate",
    "sick_pay.pay_share", "occupational_health.reimbursement_rate_preventive",
)
START_PARAMS = (
    "palkkatuki.rate_reduced_capacity", "palkkatuki.rate_other", "palkkatuki.months_reduced_capacity",
    "palkkatuki.months_other", "palkkatuki.cap_reduced_capacity", "palkkatuki.cap_other",
    "palkkatuki.cap_full_rate", "palkkatuki.side_costs_included",
    "palkkatuki.rate_age55", "palkkatuki.months_age55", "palkkatuki.cap_age55", "palkkatuki.min_age_age55",
)
WARNING_PARAMS = ("vat.registration_threshold", "tyoosuusraha.tax_free_per_day", "pension.earnings_limit")
# looked up by a date of their own: the pension upper age by birth year (its
# dates are birth dates), Kela's reimbursement delay at a year's end
BIRTH_PARAMS = ("tyel.upper_age",)
YEAR_END_PARAMS = ("occupational_health.reimbursement_delay_months", "vat.relief_in_force",
                   "vat.relief_lower_limit", "vat.relief_upper_limit")
# dated events whose product is an index: the CPI's yearly changes (cost index), collective agreements' raises
INDEX_PARAMS = ("cpi.annual_change", "tes.kiinteistopalvelu_raise", "tes.kauppa_raise", "tes.ttes_raise")
USED_PARAMS = SERIES_PARAMS + START_PARAMS + WARNING_PARAMS + BIRTH_PARAMS + YEAR_END_PARAMS + INDEX_PARAMS
# how the Parameters sheet says each is used (xl.used.*)
PARAM_USE = {**{p: "series" for p in SERIES_PARAMS}, **{p: "start" for p in START_PARAMS},
             **{p: "warning" for p in WARNING_PARAMS}, **{p: "birth_year" for p in BIRTH_PARAMS},
             **{p: "year_end" for p in YEAR_END_PARAMS}, **{p: "index" for p in INDEX_PARAMS}}

# Monthly sheet: sections and the engine's line keys, in reading order, from
# the catalogue of outputs (simulator/engine/catalogue.py).
MONTHLY_SECTIONS = [
    ("xl.sec.accrual", catalogue.reading_order(catalogue.lines_of("accrual")) + ["cumulative_result"]),
    ("xl.sec.cash_in", list(catalogue.COLUMNS["cash_in"].sums + ("cash_in",))),
    ("xl.sec.cash_out", list(catalogue.COLUMNS["cash_out"].sums + ("cash_out",))),
    ("xl.sec.cash", ["net_cash_flow", "opening_cash", "closing_cash"]),
    ("xl.sec.volumes", list(catalogue.lines_of("volume"))),
    ("xl.sec.outside", list(catalogue.lines_of("outside"))),
]

# People sheet: one block per roster row
PERSON_ROWS = ["phase", "employed_here", "employed_company", "hours_per_week", "base_pay",
               "wa_days", "wa_days_other", "tyoosuusraha_rate", "day_price", "cost_per_day",
               "meal_fee", "company_fee", "company_fee_standard_vat", "in_work_activity", "in_avotyo",
               "employment_start", "employment_last", "subsidy_rate", "subsidy_cap",
               "subsidy_old_rules", "age", "day_price_other", "company_subsidy_rate", "company_subsidy_cap",
               "company_subsidy_old_rules"]
STAFF_ROWS = ["phase", "employed_here", "hours_per_week", "base_pay", "employment_start",
              "employment_last", "age"]

# Calculation sheet: month helpers, then one block per roster row
TIME_ROWS = ("t_index", "t_month_no", "t_year", "t_cal_month", "t_years", "t_first_day",
             "t_wage_index", "t_price_index", "t_cost_index", "t_holiday_cutoff", "t_year_end")
MONTH_ROWS = ("receipt_lag", "discount_month", "payroll", "payroll_ytd", "payroll_before",
              "payroll_below", "unemployment_rate", "taxable_sales", "output_vat",
              "purchases_standard", "input_vat", "vat_due", "vat_payable", "vat_turnover", "vat_relief", "receivables",
              "customer_receipts", "pay_subsidy_received", "tax_ytd", "losses_carried",
              "income_tax", "income_tax_paid", "stays_non_negative", "ncf_last_sign", "ncf_sign_changes", "ohc_gross", "ohc_reimbursement",
              "ohc_paid_at", "ohc_received")
CONTRIB_ROWS = ["employer_pension", "employer_health_insurance", "employer_unemployment_insurance",
                "accident_insurance", "group_life_insurance"]
PAY_ROWS = ["pay_index", "monthly_pay", "holiday_days", "holiday_pay", "wages", "holiday_bonus", "pay_base",
            "employee_pension_share", "pension_rate"]
SICK_ROWS = ["sick_pay", "sick_pay_contributions", "occupational_health"]
CALC_PERSON_ROWS = (PAY_ROWS + CONTRIB_ROWS +
                    ["contribution_rate", "holiday_settled_upto", "cum_holiday_pay",
                     "cum_holiday_bonus", "cum_holiday_contrib", "holiday_pay_paid",
                     "holiday_bonus_paid", "contributions_due"] + SICK_ROWS + ["pay_subsidy",
                     "work_activity_pay", "day_price_income", "avotyo_fees", "avotyo_fees_standard",
                     "client_fees", "work_activity_costs", "paid_hours", "people_in_paid_work",
                     "people_employed_here", "people_in_work_activity", "people_in_avotyo",
                     "participant_days_here", "day_price_elsewhere", "company_pay_subsidy"])
CALC_STAFF_ROWS = (PAY_ROWS + CONTRIB_ROWS +
                   ["contribution_rate", "holiday_settled_upto", "cum_holiday_pay",
                    "cum_holiday_bonus", "cum_holiday_contrib", "holiday_pay_paid",
                    "holiday_bonus_paid", "contributions_due"] + SICK_ROWS + ["staff_grant"])


def item_groups(s):
    """The scenario's dated item tables shown on the Calculation sheet, in order."""
    return (("revenue", s.revenue), ("overheads", s.overheads), ("grants", s.grants),
            ("share_capital", s.financing.share_capital))


def one_off_overheads(s) -> list[int]:
    """Indices of the one-off overheads: each has a depreciation row (an
    investment when its ``depreciation_years`` is set)."""
    return [i for i, o in enumerate(s.overheads) if o.kind == "one_off"]


def layout(sh):
    """Assign rows on People (``sh.people_rows``), Calculation (``sh.calc_rows``)
    and Monthly (``sh.monthly_rows``)."""
    r = FIRST_ROW
    for pl in sh.plans:
        sh.people_rows[(pl.index, "header")] = r
        r += 1
        for key in (STAFF_ROWS if pl.is_staff else PERSON_ROWS):
            sh.people_rows[(pl.index, key)] = r
            r += 1
        r += 1
    sh.people_decision_row = r + 1
    # Calculation
    c = sh.calc_rows
    r = FIRST_ROW
    for sec, keys in (("sec_time", TIME_ROWS), ("sec_params", ["param:" + p for p in SERIES_PARAMS]),
                      ("sec_month", MONTH_ROWS)):
        c[sec] = r; r += 1
        for key in keys:
            c[key] = r; r += 1
        r += 1
    for group, items in item_groups(sh.s):
        c["sec_" + group] = r; r += 1
        for i in range(len(items)):
            c[(group, "flag", i)] = r; r += 1
        for i in range(len(items)):
            c[(group, "amount", i)] = r; r += 1
        r += 1
    c["sec_depreciation"] = r; r += 1
    for i in one_off_overheads(sh.s):
        c[("depreciation", i)] = r; r += 1
    r += 1
    c["sec_loans"] = r; r += 1
    for i in range(len(sh.s.financing.loans)):
        for key in ("loan_k", "loan_payment", "loan_drawdown", "loan_interest", "loan_repayment"):
            c[("loan", key, i)] = r; r += 1
    r += 1
    c["sec_rows"] = r; r += 1
    c["rows_first"] = r
    for pl in sh.plans:
        c[(pl.index, "header")] = r; r += 1
        for key in (CALC_STAFF_ROWS if pl.is_staff else CALC_PERSON_ROWS):
            c[(pl.index, key)] = r; r += 1
        r += 1
    c["rows_last"] = max(r - 1, c["rows_first"])
    # Monthly
    r = FIRST_ROW
    for sec, keys in MONTHLY_SECTIONS:
        sh.monthly_rows["sec:" + sec] = r; r += 1
        for key in keys:
            sh.monthly_rows[key] = r; r += 1
        r += 1
