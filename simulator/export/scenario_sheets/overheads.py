"""Overheads on the workbook (rules: ``simulator/engine/lines/overheads.py``):
monthly, annual (in their due month) and one-off costs in their active
months, indexed by cost inflation where marked; one-offs with a
depreciation period are investments (``depreciation``), not one-off costs;
suppliers are paid in the month, with input VAT.
"""
from __future__ import annotations

from .depreciation import expensed_one_off_cond


def write_items(cs):
    cs.cost_items("overheads", cs.s.overheads)


def monthly(m) -> dict:
    M = m.M
    oh_kind = m.sh.table_ranges.get(("overheads", "kind"))
    return {
        "overheads": lambda j: "=" + m.group_sum("overheads", j, f'{oh_kind}<>"one_off"'),
        "one_off_costs": lambda j: "=" + m.group_sum("overheads", j, expensed_one_off_cond(m.sh)),
        "supplier_payments": lambda j: f"={M('overheads', j)}+{M('one_off_costs', j)}+{m.Cc('input_vat', j)}",
    }
