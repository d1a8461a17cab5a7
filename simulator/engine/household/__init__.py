"""The household's lines: each person's own money a month under a
scenario (pay with lomaraha, työosuusraha, pensions and their rest above
the earnings limit, benefits, the employee's contributions, income tax,
work-activity fees, net income), and against staying in the first phase.
docs/rules.md, chapter "The person's money", states each rule.

- ``row.py``: what a line receives (one roster row of the person);
- ``income.py``: pay, työosuusraha, fees; ``pension_rest.py``: pensions
  and their rest; ``benefits.py``: hoitotuki, vammaistuki, housing
  allowance as entered; ``unemployment.py``: labour-market support;
  ``housing.py``: the pensioners' and the general housing allowance;
  ``client_fees.py``: the housing service's client fee;
  ``social_assistance.py``: basic social assistance (last); ``contributions.py``: the employee's TyEL and unemployment
  contributions, TyEL accrual; ``income_tax.py``: päivärahamaksu and the
  income tax spread over the months; ``tax.py``: the annual income tax
  algorithm (income-tax.md §8);
- ``lines.py``: the rows assembled and weighted (``PersonLines``);

``Projection.people`` (and ``Projection.person_lines``) compute these once
per projection, on first use, so ``project()`` is no slower.
"""
from .lines import (BENEFIT_LINES, CONTRIBUTION_LINES, FEE_LINES, DEDUCTION_LINES, INCOME_LINES, MONTH_COLUMNS, Branch, PersonLines,
                    baseline_scenario, branches, people_lines, person_lines, weighted)

__all__ = ["BENEFIT_LINES", "Branch", "CONTRIBUTION_LINES", "FEE_LINES", "DEDUCTION_LINES", "INCOME_LINES", "MONTH_COLUMNS", "PersonLines",
           "baseline_scenario", "branches", "people_lines", "person_lines", "weighted"]
