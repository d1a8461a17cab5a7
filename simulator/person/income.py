"""The person's money month by month under a scenario, against staying in
the first phase: the view of the engine's person lines.

The lines themselves (pay with lomaraha, työosuusraha, pensions and their
rest above the earnings limit, benefits, the employee's contributions,
income tax, work-activity fees, net income) are computed by the engine,
once per projection (``simulator/engine/household``; docs/rules.md, "The
person's money"): ``Projection.person(person_id)``. This module adds the
checks of the person's inputs, the yearly table and summary, the note
"less than staying" and the JSON of the ``person`` command.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulator.engine.household import baseline_scenario  # noqa: F401 (importable from here too)
from simulator.engine.household.lines import MARGINAL_STEP, RATE_COLUMNS, month_columns
from simulator.engine.projection import Projection, project
from simulator.i18n.messages import Message
from simulator.model.parameters import ParameterSet
from simulator.model.scenario import Person, Scenario
from .checks import find_person


@dataclass
class PersonView:
    """A person's money under one scenario, against staying in the first phase."""
    scenario: Scenario
    person: Person
    municipality: str
    tax_mode: str                      # "estimate" or "withholding"
    months: list
    lines: dict                        # weighted over the person's rows
    baseline: dict                     # the same lines when staying in the first phase
    branches: list
    baseline_branches: list
    notes: list
    parameter_warnings: list

    @property
    def change(self) -> np.ndarray:
        return self.lines["net_income"] - self.baseline["net_income"]

    def monthly(self) -> pd.DataFrame:
        """The person's month (``household.MONTH_COLUMNS``), the engine's lines."""
        df = pd.DataFrame(month_columns(self.lines, self.baseline))
        df.insert(0, "month", self.months)
        return df

    def yearly(self) -> pd.DataFrame:
        m = self.monthly()
        m["year"] = m["month"].str[:4]
        agg = {c: "sum" for c in m.columns if c not in ("month", "year", "hours_per_week", "earnings_limit",
                                                           "kela_pension_rests") + RATE_COLUMNS}
        # the rates: the mean of the months (months without a rise in earnings left out)
        agg.update(hours_per_week="mean", kela_pension_rests="sum", earnings_limit="min",
                   **{c: "mean" for c in RATE_COLUMNS})
        out = m.groupby("year", sort=True).agg(agg).reset_index()
        out.insert(1, "months", m.groupby("year").size().to_numpy())
        return out

    def summary(self) -> dict:
        L, n = self.lines, len(self.months)
        rest_months = float(L["kela_rests"].sum() + L["earnings_related_rests"].sum())
        return {
            "net_income_total": float(L["net_income"].sum()),
            "net_income_per_month": float(L["net_income"].sum() / n),
            "baseline_net_income_total": float(self.baseline["net_income"].sum()),
            "change_total": float(self.change.sum()),
            "change_per_month": float(self.change.sum() / n),
            "gross_pay_total": float(L["gross_pay"].sum()),
            "tax_total": float(L["income_tax"].sum()),
            "contributions_total": float(L["employee_contributions"].sum()),
            "pension_rest_months": rest_months,
            "pension_lost_total": float(L["pension_resting"].sum()),
            "tyel_accrual_total": float(L["tyel_accrual"].sum()),
            "tyel_accrual_per_month": float(L["tyel_accrual"].sum() / 12.0),
            "paid_hours": float(L["paid_hours"].sum()),
            "net_gain_per_paid_hour": (float(self.change.sum() / L["paid_hours"].sum())
                                       if L["paid_hours"].sum() > 0 else None),
            "benefits_total": float(L["benefits"].sum()),
            "baseline_benefits_total": float(self.baseline["benefits"].sum()),
            "client_fee_total": float(L["client_fee"].sum()),
            "marginal_tax_rate_mean": float(np.mean(self.monthly()["marginal_tax_rate"])),
            "participation_tax_rate": self.participation_tax_rate(),
            # the two rates in words: of an extra 100 € (MARGINAL_STEP) how much is kept
            "marginal_kept_per_100": float(np.mean(L["net_income_plus"] - L["net_income"])),
            "participation_kept_per_100": (None if self.participation_tax_rate() is None
                                           else MARGINAL_STEP * (1.0 - self.participation_tax_rate())),
        }

    def participation_tax_rate(self) -> float | None:
        """Over the projection: 1 − Σ change / Σ rise in earnings (pay +
        työosuusraha) against staying; None if earnings do not rise."""
        earn = lambda L: float(L["gross_pay"].sum() + L["tyoosuusraha"].sum())
        d = earn(self.lines) - earn(self.baseline)
        return 1.0 - float(self.change.sum()) / d if d > 0.5 else None

    def all_notes(self) -> list:
        return list(dict.fromkeys(self.notes))

    def first_paid_year(self) -> int | None:
        """The first calendar year with paid work (any branch), for the cliff curve."""
        for m, e in zip(self.months, self.lines["employed"]):
            if e > 0:
                return int(m[:4])
        return None

    def to_dict(self, lang: str = "fi") -> dict:
        """For JSON; warnings as messages with their text in ``lang`` and both languages."""
        s = self.scenario
        cents = lambda v: round(float(v), 2)

        def cell(k, v):
            if not isinstance(v, (float, np.floating)):
                return v
            if np.isnan(v):
                return None
            return round(float(v), 4) if k in RATE_COLUMNS or "tax_rate" in k else cents(v)
        return {
            "scenario": {"name": s.name, "model": s.model, "start": s.start, "horizon_months": s.horizon_months},
            "person": self.person.id,
            "municipality": self.municipality,
            "tax_mode": self.tax_mode,
            "summary": {k: (None if v is None else cell(k, v)) for k, v in self.summary().items()},
            "years": [{k: cell(k, v) for k, v in rec.items()} for rec in self.yearly().to_dict(orient="records")],
            "months": [{k: cell(k, v) for k, v in rec.items()} for rec in self.monthly().to_dict(orient="records")],
            # the annual tax estimate of each row, year by year (a year cut by the
            # projection is annualised: see months_in_year)
            "branches": [{"row": b.row_id, "weight": b.weight, "months_in_year": {str(y): k for y, k in
                                                                                 b.months_in_year.items()},
                          "taxes": {str(y): {k: (cents(v) if isinstance(v, float) else v)
                                             for k, v in res.to_dict().items() if k != "warnings"}
                                    for y, res in b.taxes.items()}} for b in self.branches],
            "warnings": [n.to_dict(lang) for n in self.all_notes()],
            "parameter_warnings": [w.to_dict(lang) for w in sorted(self.parameter_warnings)],
        }


def person_view(scenario: Scenario, person_id: str, params: ParameterSet | None = None,
                projection: Projection | None = None, baseline: Projection | None = None,
                source: str = "<scenario>") -> PersonView:
    """The person's monthly money under ``scenario`` and under staying in the
    first phase: the lines of ``projection.person(person_id)``. Bad input
    raises ``ScenarioError`` (bilingual)."""
    params = params or ParameterSet.load()
    person = find_person(scenario, person_id, source)
    projection = projection or project(scenario, params)
    if baseline is not None:
        projection.use_baseline(baseline)
    pl = projection.person(person_id)
    notes = list(pl.notes)
    change = pl.change
    years = projection.context.roster.months // 12
    for y in np.unique(years):
        d = float(change[years == y].sum())
        if d < -0.5 and pl.lines["paid_hours"][years == y].sum() > 0:
            notes.append(Message.make("less_than_staying", pid=person.id, year=str(int(y)), amount=-d))
    return PersonView(scenario, pl.person, pl.municipality, pl.tax_mode, list(pl.months), pl.lines, pl.baseline,
                      pl.branches, pl.baseline_branches, notes, list(pl.parameter_warnings))
