"""The person's tax-free benefits a month (household-benefits.md; Kela,
https://www.kela.fi/verotus; amounts from ``data/parameters/benefits``).

- ``hoitotuki`` (eläkettä saavan hoitotuki, level as entered) while a
  pension is paid; in the months every pension of the person rests,
  ``vammaistuki`` at the highest rate instead (verneri.net,
  https://www.verneri.net/yleis/tyonteko-tyokyvyttomyyselakkeella).
- ``vammaistuki`` (level as entered) every month.
- ``housing_allowance`` as entered, every month, for a person without
  ``housing_costs`` (it can continue while the pension rests); with
  ``housing_costs`` the income-tested allowances of ``housing.py`` apply
  instead.
"""
from __future__ import annotations

import numpy as np

from simulator.i18n.messages import Message
from .pension_rest import all_pensions_rest
from .row import Row


def hoitotuki(row: Row) -> np.ndarray:
    """Eläkettä saavan hoitotuki at the person's level, 0 while every pension rests."""
    if not row.person.hoitotuki:
        return np.zeros(row.n)
    h = row.series(f"benefits.hoitotuki_{row.person.hoitotuki}")
    return np.where(all_pensions_rest(row), 0.0, h)


def vammaistuki(row: Row) -> np.ndarray:
    """Vammaistuki at the person's level; plus, for a hoitotuki recipient,
    the highest vammaistuki in the months every pension rests."""
    out = np.zeros(row.n)
    if row.person.hoitotuki:
        top = row.series("benefits.vammaistuki_highest")
        out = np.where(all_pensions_rest(row), top, 0.0)
    if row.person.vammaistuki:
        out = out + row.series(f"benefits.vammaistuki_{row.person.vammaistuki}")
    return out


def housing_allowance(row: Row) -> np.ndarray:
    """Housing allowance as entered (€/month), every month; 0 when
    ``housing_costs`` is entered (``housing.py`` computes it then)."""
    if row.person.housing_costs is not None:
        return np.zeros(row.n)
    return np.full(row.n, row.person.housing_allowance or 0.0)


def benefit_notes(row: Row) -> list:
    """A note for the months hoitotuki turns into the highest vammaistuki."""
    rest = all_pensions_rest(row)
    if row.person.hoitotuki and rest.any():
        return [Message.make("hoitotuki_to_vammaistuki", pid=row.person.id, branch=row.branch,
                          months=row.labels(rest))]
    return []
