"""Cash lines that pay or receive an accrued amount: when the money moves.

Each takes the context and the accrual columns computed so far (one value
a month) and returns one value a month. Timing conventions: design.md §4
and docs/rules.md, section Cash.
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import lag_from_days, shift
from simulator.engine.lines import vat
from simulator.engine.lines.context import Context


def customer_receipts(ctx: Context, col: dict) -> np.ndarray:
    """Cash in: customers pay sales, avotyö fees and day prices with their
    output VAT after the payment term, lag = ceil(term days / 30) months
    (the scenario's customer_payment_term_days)."""
    invoiced = col["sales"] + col["avotyo_fees"] + col["day_price_income"] + vat.output_vat(ctx)
    return shift(invoiced, lag_from_days(ctx.a.customer_payment_term_days))


def paid_in_the_month(accrual: str, name: str, rule: str):
    """A cash line that moves the accrual column ``accrual`` in its own month
    (no delay): the function ``name`` with the docstring ``rule``."""
    def line(ctx: Context, col: dict) -> np.ndarray:
        return col[accrual]
    line.__name__ = line.__qualname__ = name
    line.__doc__ = rule
    return line


client_fees_received = paid_in_the_month(
    "client_fees", "client_fees_received",
    "Cash in: the participants' meal fees are paid in the month of the work activity.")
grants_received = paid_in_the_month(
    "grants", "grants_received",
    "Cash in: grants (and the project grant for staff) arrive in the month they are granted for.")
other_income_received = paid_in_the_month(
    "other_income", "other_income_received",
    "Cash in: other income (grants with ``subsidy: false``) arrives in its month.")
wages_paid = paid_in_the_month(
    "wages", "wages_paid",
    "Cash out: wages for working time are paid in the month they are earned "
    "(palkanmaksu kuukausittain; design.md §4 Timing).")
work_activity_pay_paid = paid_in_the_month(
    "work_activity_pay", "work_activity_pay_paid",
    "Cash out: työosuusraha is paid in the month of the work activity.")
work_activity_costs_paid = paid_in_the_month(
    "work_activity_costs", "work_activity_costs_paid",
    "Cash out: the unit's own work-activity costs are paid in the month.")
interest_paid = paid_in_the_month(
    "interest", "interest_paid",
    "Cash out: loan interest is paid in the month it accrues (with the loan payment).")


def supplier_payments(ctx: Context, col: dict) -> np.ndarray:
    """Cash out: overheads and one-off costs with the VAT charged on them
    (input VAT on standard-rated purchases), paid in the month."""
    return col["overheads"] + col["one_off_costs"] + vat.input_vat(ctx)
