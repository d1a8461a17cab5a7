"""The housing allowances a month, income-tested (household-benefits.md
§§1–2; SISU ``ELASUMTUKIlakimakrot.sas`` and ``ASUMTUKIlakimakrot.sas``,
https://github.com/StatisticsFinland/mikrosimulointi; parameters in
``data/parameters/pensioners_housing_allowance`` and
``data/parameters/general_housing_allowance``).

Both need the person's ``housing_costs`` (rent with water and heating, or
the housing-cost share of a service-housing fee, €/month). A person with a
disability pension (Kela or earnings-related, also while it rests: law
738/2009 10 §) gets the pensioners' allowance; a person without one the
general allowance. Without ``housing_costs`` the entered
``housing_allowance`` is used as before (``benefits.housing_allowance``).

Lag: Kela decides on the income expected to continue and re-decides only
when it changes by more than a threshold (``decided``): the pensioners'
allowance on yearly income (engine rule: +1 019 / −509 €/year [check]),
the general allowance on monthly income (+400 / −200 €/month, Kela).
"""
from __future__ import annotations

import numpy as np

from .income import pay_regular
from .pension_rest import earnings_related_pension, kela_pension
from .row import Row
from .unemployment import labour_market_support

PA = "pensioners_housing_allowance"
GA = "general_housing_allowance"
#: municipality group of the pensioners' allowance (1c): Mikkeli II, Varkaus
#: and Pieksämäki III [check: household-benefits.md §8 item 1]
PA_GROUP = {"mikkeli": "2", "varkaus": "3", "pieksamaki": "3"}


def has_pension(row: Row) -> bool:
    """A Kela or earnings-related disability pension is entered (paid or resting)."""
    return (row.person.disability_pension or 0.0) > 0 or (row.person.earnings_related_pension or 0.0) > 0


def decided(income: np.ndarray, rise: np.ndarray, fall: np.ndarray) -> np.ndarray:
    """The month whose incomes Kela's decision in force a month uses: the
    first month, replaced by the current month when the income has risen by
    more than ``rise`` or fallen by more than ``fall`` from the decision's.
    The rules in force (a law change) apply to the decision's incomes at
    once."""
    out = np.zeros(len(income), dtype=int)
    d = 0
    for t, x in enumerate(income):
        if x - income[d] > rise[t] + 1e-9 or income[d] - x > fall[t] + 1e-9:
            d = t
        out[t] = d
    return out


def pensioners_counted_income(row: Row) -> np.ndarray:
    """Yearly income the pensioners' allowance counts, as expected a month:
    12 × (regular pay + pensions paid + labour-market support). Työosuusraha,
    vammaistuki, hoitotuki and social assistance do not count (571/2007
    14 §; https://www.kela.fi/elakkeensaajan-asumistuki-tulojen-vaikutus).
    Lomaraha is left out [simplification]."""
    return 12.0 * (pay_regular(row) + kela_pension(row) + earnings_related_pension(row)
                   + labour_market_support(row))


def pensioners_housing_allowance(row: Row) -> np.ndarray:
    """Eläkkeensaajan asumistuki (law 571/2007): 85 % × (accepted yearly
    costs − perusomavastuu − 41,3 % (43,5 % from 1.1.2025) × (yearly income
    − the income limit)) / 12; not paid under the smallest amount. Accepted
    costs = min(12 × housing_costs, the group's maximum). The yearly income
    is the decision's (``decided``)."""
    def calc():
        p = row.person
        if p.housing_costs is None or not has_pension(row):
            return np.zeros(row.n)
        s = row.series
        group = PA_GROUP.get(row.municipality, "3")
        accepted = np.minimum(12.0 * p.housing_costs, s(f"{PA}.max_costs_group{group}"))
        limit = s(f"{PA}.income_limit_couple") if p.household == "couple" else s(f"{PA}.income_limit_single")
        counted = pensioners_counted_income(row)
        income = counted[decided(counted, s(f"{PA}.review_income_rise"), s(f"{PA}.review_income_fall"))]
        extra = s(f"{PA}.income_rate") * np.maximum(income - limit, 0.0)
        monthly = np.maximum(s(f"{PA}.share_of_costs") * (accepted - s(f"{PA}.basic_deductible") - extra), 0.0) / 12.0
        return np.where(monthly < s(f"{PA}.minimum_payable"), 0.0, monthly)
    return row.memo("pensioners_housing_allowance", calc)


def general_counted_income(row: Row) -> np.ndarray:
    """Monthly income the general allowance counts, as decided (``decided``
    on the gross incomes): regular pay less the
    earned-income deduction (300 €/month per earner until 31.3.2024, then
    none), pensions paid and labour-market support. Vammaistuki, hoitotuki,
    social assistance and expense compensations do not count
    (https://www.kela.fi/yleinen-asumistuki-muiden-etuuksien-vaikutus);
    työosuusraha is taken as not counted [check]."""
    pay = pay_regular(row)
    other = kela_pension(row) + earnings_related_pension(row) + labour_market_support(row)
    d = decided(pay + other, row.series(f"{GA}.review_income_rise"), row.series(f"{GA}.review_income_fall"))
    # the decision's incomes, the deduction of the month's rules
    return pay[d] - np.minimum(pay[d], row.series(f"{GA}.earned_income_deduction")) + other[d]


def general_housing_allowance(row: Row) -> np.ndarray:
    """Yleinen asumistuki (law 938/2014): 80 % (70 % from 1.4.2024) ×
    (min(housing costs, the maximum) − perusomavastuu), perusomavastuu =
    42 % (50 % from 1.4.2024) × (income − (base + per adult × adults)),
    ignored under 10 €; not paid under 15 €. Municipality group III for the
    three pilot towns [check]; a couple counts two adults and the
    two-person maximum (the spouse's income is not modelled)."""
    def calc():
        p = row.person
        if p.housing_costs is None or has_pension(row):
            return np.zeros(row.n)
        s = row.series
        adults = 2 if p.household == "couple" else 1
        cap = s(f"{GA}.max_costs_{adults}p_group3")
        income = general_counted_income(row)
        floor = s(f"{GA}.income_floor_base") + adults * s(f"{GA}.income_floor_per_adult")
        own = s(f"{GA}.deductible_rate") * np.maximum(income - floor, 0.0)
        own = np.where(own < s(f"{GA}.deductible_minimum"), 0.0, own)
        amount = np.maximum(s(f"{GA}.share_of_costs") * (np.minimum(p.housing_costs, cap) - own), 0.0)
        return np.where(amount < s(f"{GA}.minimum_payable"), 0.0, amount)
    return row.memo("general_housing_allowance", calc)
