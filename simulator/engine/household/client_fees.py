"""The client fee of the person's housing service a month, by the legal
basis of the decision (household-benefits.md §6; parameters in
``data/parameters/client_fees``).

- ``developmental_disabilities_act`` (kehitysvammalaki 519/1977, special
  care, until 31.12.2024) and ``disability_services_act`` (vammaispalvelulaki
  675/2023, from 1.1.2025): the service is free; the person pays rent (in
  ``housing_costs``) and a flat upkeep and meals (``housing_service_upkeep``),
  which do not depend on income
  (https://www.hyvil.fi/tietoa-toimialoittain/sosiaali-ja-terveydenhuollon-jarjestaminen/asiakasmaksut/kehitysvammahuollon-asiakasmaksut/).
  A kehitysvammalaki decision after 2024 is read as the disability services
  act (675/2023 replaced special care from 1.1.2025); the fee is the same.
- ``social_welfare_act`` (sosiaalihuoltolaki, continuous intensive service
  housing): income-based, 85 % of the net monthly income after housing
  costs, leaving at least the käyttövara (law 734/1992 7 c § as amended by
  1201/2020, from 1.7.2021), plus the flat upkeep. The net income counts
  pay, pensions, labour-market support and the housing allowances after tax
  and contributions; vammaistuki, hoitotuki and työosuusraha are left out
  [check: law 734/1992 10 b §].
"""
from __future__ import annotations

import numpy as np

from .contributions import employee_pension, employee_unemployment
from .housing import general_housing_allowance, pensioners_housing_allowance
from .income import gross_pay
from .income_tax import daily_allowance_contribution, income_tax
from .pension_rest import earnings_related_pension, kela_pension
from .row import Row
from .unemployment import labour_market_support

CF = "client_fees"


def fee_income(row: Row) -> np.ndarray:
    """Net monthly income for an income-based client fee, after housing costs (see the module docstring)."""
    gross = (gross_pay(row) + kela_pension(row) + earnings_related_pension(row) + labour_market_support(row)
             + pensioners_housing_allowance(row) + general_housing_allowance(row))
    deductions = (income_tax(row) + employee_pension(row) + employee_unemployment(row)
                  + daily_allowance_contribution(row))
    return gross - deductions - (row.person.housing_costs or 0.0)


def client_fee(row: Row) -> np.ndarray:
    """The housing service's fee a month: the flat upkeep under every basis;
    under the social welfare act also min(85 % × net income after housing
    costs, net income − käyttövara), not below 0."""
    def calc():
        p = row.person
        if p.housing_service is None:
            return np.zeros(row.n)
        fee = np.full(row.n, p.housing_service_upkeep or 0.0)
        if p.housing_service == "social_welfare_act":
            base = fee_income(row)
            income_based = np.minimum(row.series(f"{CF}.shl_intensive_rate") * base,
                                      base - row.series(f"{CF}.shl_minimum_spending_money"))
            fee = fee + np.maximum(income_based, 0.0)
        return fee
    return row.memo("client_fee", calc)
