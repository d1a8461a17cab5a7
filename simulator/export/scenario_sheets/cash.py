"""Totals on the Monthly sheet: costs and result (before and after tax, and
cumulative), cash in and out, net cash flow, and opening and closing cash
(closing = opening + net cash flow; the first opening is the assumption).
"""
from __future__ import annotations

from simulator.engine import catalogue

COST_LINES = catalogue.COLUMNS["costs_before_tax"].sums   # the catalogue's lines of the total


def monthly(m) -> dict:
    M = m.M
    return {
        "costs_before_tax": lambda j: "=" + "+".join(M(k, j) for k in COST_LINES),
        "result_before_tax": lambda j: (f"={M('revenue', j)}+{M('subsidies', j)}+{M('avoided_costs', j)}"
                                        f"-{M('costs_before_tax', j)}"),
        "costs": lambda j: f"={M('costs_before_tax', j)}+{M('income_tax', j)}",
        "result": lambda j: f"={M('result_before_tax', j)}-{M('income_tax', j)}",
        "cumulative_result": lambda j: (f"={M('result', j)}" if j == 0 else
                                        f"={M('cumulative_result', j - 1)}+{M('result', j)}"),
        "cash_in": lambda j: f"=SUM({M('customer_receipts', j)}:{M('loan_drawdown', j)})",
        "cash_out": lambda j: f"=SUM({M('wages_paid', j)}:{M('income_tax_paid', j)})",
        "net_cash_flow": lambda j: f"={M('cash_in', j)}-{M('cash_out', j)}",
        "opening_cash": lambda j: (f"={m.sh.name('opening_cash')}" if j == 0 else
                                   f"={M('closing_cash', j - 1)}"),
        "closing_cash": lambda j: f"={M('opening_cash', j)}+{M('net_cash_flow', j)}",
    }
