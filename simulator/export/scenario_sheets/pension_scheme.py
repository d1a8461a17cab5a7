"""The employer's pension rate on the workbook (rules: ``simulator/engine/lines/pension_scheme.py``),
by the scenario's ``pension_scheme`` (a named cell, editable):

- ``tyel_average``: the TyEL employers' average share;
- ``tyel_basic``: a small employer's TyEL perusmaksu + the company expense
  loading − the employee's share by age;
- ``keva``: Keva's pay-based contribution − the employee's share by age.

Each applies from the calendar year of the 17th birthday to the upper age
limit of the birth year (``tyel.upper_age``, looked up by ``Block.agemask``).
The contribution itself (× the earnings floor test × the pay base) is in
``contributions``.
"""
from __future__ import annotations

from simulator.engine.lines import pension_scheme as ps


def values(ctx, v) -> dict:
    return {"employee_pension_share": ps.employee_share(ctx), "pension_rate": ps.employer_pension_rate(ctx)}


def block(cs, b) -> dict:
    """Formulas of a roster row's pension rows, by month ``j``."""
    P, X, mask = cs.P, b.X, b.agemask
    scheme = cs.sh.name("assumptions.pension_scheme")
    return {
        "employee_pension_share": lambda j: (
            f"=IF({mask('tyel.employee_share_53_62', j)}=1,{P('tyel.employee_share_53_62', j)},"
            f"{P('tyel.employee_share_under_53', j)})"),
        "pension_rate": lambda j: (
            f'=IF({scheme}="keva",({P("keva.pay_based_contribution", j)}-{X("employee_pension_share", j)})'
            f'*{mask("keva.pay_based_contribution", j)},'
            f'IF({scheme}="tyel_basic",({P("tyel.basic_rate", j)}+{P("tyel.basic_expense_loading", j)}'
            f'-{X("employee_pension_share", j)})*{mask("tyel.basic_rate", j)},'
            f'{P("tyel.employer_average", j)}*{mask("tyel.employer_average", j)}))'),
    }


def monthly(m) -> dict:
    return {}
