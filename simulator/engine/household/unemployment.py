"""Labour-market support (työmarkkinatuki) a month, adjusted to pay
(household-benefits.md §3; law 1290/2002; SISU ``TTURVAlakimakrot.sas``,
https://github.com/StatisticsFinland/mikrosimulointi; parameters in
``data/parameters/labour_market_support``).

For a person marked ``on_labour_market_support`` without a disability pension (a person on
a full disability pension is as a rule not entitled:
https://ohje.te-palvelut.fi/hloasiakas/fi/omatyonhakumuutos/palvelunkuvaus/elake).
It continues in work activity; työosuusraha is taken as not adjusted
[check: household-benefits.md §3, GAP]. Monthly check: the pay of the
month it is paid (the adjustment period is a month). Taxable earned income.
From 1.5.2026 yleistuki replaces it; the amounts are carried forward with a
parameter warning.
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import WEEKS_PER_MONTH
from .income import gross_pay, hours_per_week
from .row import Row

LM = "labour_market_support"


def labour_market_support(row: Row) -> np.ndarray:
    """Full = €/day × 21,5; adjusted = full − 50 % × (pay of the month − the
    protected amount: 500 € until 30.11.2021, 300 € until 31.3.2024, then
    0), not below 0; none in months the work exceeds 80 % of full time."""
    def calc():
        p = row.person
        if not p.on_labour_market_support or (p.disability_pension or 0.0) > 0 or (p.earnings_related_pension or 0.0) > 0:
            return np.zeros(row.n)
        s = row.series
        full = s(f"{LM}.full_per_day") * s(f"{LM}.days_per_month")
        pay = gross_pay(row)
        cut = s(f"{LM}.adjustment_rate") * np.maximum(pay - s(f"{LM}.protected_amount"), 0.0)
        over = hours_per_week(row) * WEEKS_PER_MONTH > s(f"{LM}.max_hours_share") * s(f"{LM}.full_time_hours") + 1e-9
        return np.where(over, 0.0, np.maximum(full - cut, 0.0))
    return row.memo("labour_market_support", calc)
