"""The one cached engine call of the app: ``run(scenario)`` projects a scenario
once per content (keyed by ``model_dump_json``) and keeps what the pages draw
(``Run``: the monthly table, KPIs and warnings). The per-person sums
(``per_person``: each person's household lines, ten times the projection's
own cost) are made only when a page asks for them (Vertailu), cached by the
same content key."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from simulator.engine.projection import project
from simulator.model.scenario import Scenario


@dataclass
class Run:
    monthly: pd.DataFrame
    kpis: dict
    warnings: list
    per_person: pd.DataFrame | None = None   # person × year (_per_person); None: made on demand from ``key``
    key: str | None = None                   # the scenario's content (model_dump_json)

    def people(self) -> pd.DataFrame:
        """Person × year: the engine's person lines, computed (and cached) on first use."""
        return self.per_person if self.per_person is not None else _people(self.key)


PER_PERSON_COLUMNS = ["person", "year", "paid_hours", "gross_pay", "tyoosuusraha", "net_income", "change"]


def _per_person(p) -> pd.DataFrame:
    """By person and year, the engine's person lines (``Projection.people``,
    weighted over pipeline rows, so Mikkeli's are expected values): paid
    hours, gross pay (lomaraha included), työosuusraha, net income and its
    change against staying in the first phase. Only sums over the year here."""
    years = (p.context.roster.months // 12).astype(int)
    rows = []
    for pl in p.people:
        L, change = pl.lines, pl.change
        for y in np.unique(years):
            ym = years == y
            rows.append({"person": pl.person.id, "year": int(y),
                         "paid_hours": float(L["paid_hours"][ym].sum()),
                         "gross_pay": float(L["gross_pay"][ym].sum()),
                         "tyoosuusraha": float(L["tyoosuusraha"][ym].sum()),
                         "net_income": float(L["net_income"][ym].sum()),
                         "change": float(change[ym].sum())})
    return pd.DataFrame(rows, columns=PER_PERSON_COLUMNS)


def per_person_totals(runs: list, names: list, column: str) -> pd.DataFrame:
    """Person × scenario: one column of each run's ``per_person`` summed over the years."""
    return pd.DataFrame({n: r.people().groupby("person", sort=False)[column].sum()
                         for n, r in zip(names, runs)}).fillna(0.0)


@st.cache_data(max_entries=256, show_spinner=False)
def _project(key: str) -> Run:
    """The one engine call, keyed by the scenario's content (``model_dump_json``)."""
    scenario = Scenario.model_validate_json(key)
    p = project(scenario)
    return Run(p.monthly, p.kpis, list(p.warnings), key=key)


@st.cache_data(max_entries=64, show_spinner=False)
def _people(key: str) -> pd.DataFrame:
    """``_per_person`` of the scenario with this content (its own projection: the
    household lines are computed lazily by ``Projection.people``)."""
    return _per_person(project(Scenario.model_validate_json(key)))


def run(scenario: Scenario) -> Run:
    return _project(scenario.model_dump_json())
