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


def client_fees_received(ctx: Context, col: dict) -> np.ndarray:
    """Cash in: the participants' meal fees are paid in the month of the work activity."""
    return col["client_fees"]


def grants_received(ctx: Context, col: dict) -> np.ndarray:
    """Cash in: grants (and the project grant for staff) arrive in the month they are granted for."""
    return col["grants"]


def other_income_received(ctx: Context, col: dict) -> np.ndarray:
    """Cash in: other income (grants with ``subsidy: false``) arrives in its month."""
    return col["other_income"]


def wages_paid(ctx: Context, col: dict) -> np.ndarray:
    """Cash out: wages for working time are paid in the month they are earned
    (palkanmaksu kuukausittain; design.md §4 Timing)."""
    return col["wages"]


def work_activity_pay_paid(ctx: Context, col: dict) -> np.ndarray:
    """Cash out: työosuusraha is paid in the month of the work activity."""
    return col["work_activity_pay"]


def work_activity_costs_paid(ctx: Context, col: dict) -> np.ndarray:
    """Cash out: the unit's own work-activity costs are paid in the month."""
    return col["work_activity_costs"]


def supplier_payments(ctx: Context, col: dict) -> np.ndarray:
    """Cash out: overheads and one-off costs with the VAT charged on them
    (input VAT on standard-rated purchases), paid in the month."""
    return col["overheads"] + col["one_off_costs"] + vat.input_vat(ctx)


def interest_paid(ctx: Context, col: dict) -> np.ndarray:
    """Cash out: loan interest is paid in the month it accrues (with the loan payment)."""
    return col["interest"]
