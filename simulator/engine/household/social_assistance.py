"""Basic social assistance (perustoimeentulotuki, law 1412/1997, paid by
Kela) a month, the last resort after every other benefit
(household-benefits.md §4; SISU ``TOIMTUKIlakimakrot.sas``,
https://github.com/StatisticsFinland/mikrosimulointi; parameters in
``data/parameters/social_assistance``).

Need = the basic amount (single adult; 85 % of it, 86 % from 1.3.2026, for
an adult in a couple) + the housing costs as entered (taken as reasonable).
Resources = the month's net income (every income line after tax and
contributions, the housing allowances and labour-market support
included; https://www.kela.fi/toimeentulotuki-tulot-jotka-vaikuttavat)
less what does not count: vammaistuki, hoitotuki
(https://www.kela.fi/toimeentulotuki-tulot-jotka-eivat-vaikuta) and the
earned-income exemption (the first 150 €/month of pay, abolished for
adults from 1.3.2026). Monthly check. Työosuusraha counts [check]; the
work-activity meal and transport fees and the housing service's client
fee are not added to the need (meals belong to the basic amount; fees are
reduced by the municipality instead) [simplification]. Computed only when
``housing_costs`` is entered. Supplementary and preventive assistance
(municipality) are not modelled.
"""
from __future__ import annotations

import numpy as np

from .client_fees import fee_income
from .income import gross_pay, tyoosuusraha
from .row import Row

SA = "social_assistance"


def counted_resources(row: Row) -> np.ndarray:
    """Net income the assistance counts a month (see the module docstring)."""
    exemption = np.minimum(gross_pay(row), row.series(f"{SA}.earned_income_exemption"))
    # fee_income is after housing costs; add them back, add työosuusraha
    return fee_income(row) + (row.person.housing_costs or 0.0) + tyoosuusraha(row) - exemption


def basic_social_assistance(row: Row) -> np.ndarray:
    """max(0, basic amount + housing costs − counted resources). Vammaistuki
    and hoitotuki are outside ``counted_resources`` (they never reduce it)."""
    def calc():
        p = row.person
        if p.housing_costs is None:
            return np.zeros(row.n)
        basic = row.series(f"{SA}.basic_amount_single")
        if p.household == "couple":
            basic = basic * row.series(f"{SA}.couple_share")
        return np.maximum(basic + p.housing_costs - counted_resources(row), 0.0)
    return row.memo("basic_social_assistance", calc)

