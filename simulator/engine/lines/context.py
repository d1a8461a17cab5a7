"""What every line function receives: the compiled roster, the parameters,
the assumptions and a set that collects warnings."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.i18n.messages import Message, Text
from simulator.model.conventions import growth_index
from simulator.model.parameters import ParameterSet
from simulator.engine.roster import Roster
from simulator.model.scenario import Scenario


@dataclass
class Context:
    scenario: Scenario
    roster: Roster
    params: ParameterSet
    warnings: set = field(default_factory=set)
    cache: dict = field(default_factory=dict)

    @property
    def months(self) -> np.ndarray:
        return self.roster.months

    @property
    def a(self):
        return self.scenario.assumptions

    @property
    def base_year(self) -> int:
        return self.scenario.first_month // 12

    def rate(self, name: str) -> np.ndarray:
        """A parameter's monthly series (1-D, one value a month)."""
        return self.params.series(name, self.months, self.warnings)

    def flag_estimates(self, name: str) -> None:
        """Warn where a parameter value used in the projection is an
        unconfirmed estimate (status ``unconfirmed``, note marked [check])."""
        years = list(self.params.estimate_years(name, self.months))
        if years:
            p = self.params.get(name)
            self.warnings.add(Message.make("parameter_estimate", name=name, years=years,
                                           label=Text(p.description_fi, p.description)))

    def age_mask(self, name: str) -> np.ndarray:
        """Rows × months: True where the parameter applies at the person's age
        (age reached in the calendar year; the upper limit by birth year where
        the parameter says so, see ParameterSet.age_band)."""
        age = self.roster.age
        mask = np.ones_like(age, dtype=bool)
        if not self.params.get(name).ages:
            return mask
        births = self.roster.months[0] // 12 - age[:, 0]
        bands = np.array([[np.nan if v is None else v for v in self.params.age_band(name, int(b))]
                          for b in births]).reshape(len(births), 2)
        lo, hi = bands[:, :1], bands[:, 1:]
        mask &= np.isnan(lo) | (age >= lo)
        mask &= np.isnan(hi) | (age <= hi)
        return mask

    def index(self, annual) -> np.ndarray:
        """Growth index a month; ``(draws, months)`` when ``annual`` is a batch."""
        return growth_index(self.months, self.base_year, annual)

    def row_index(self, annual) -> np.ndarray:
        """The growth index shaped to multiply rows × months arrays."""
        return self.index(annual)[..., None, :]

    def memo(self, key, fn):
        """Compute a shared intermediate once per projection."""
        if key not in self.cache:
            self.cache[key] = fn()
        return self.cache[key]

    def total(self, per_row: np.ndarray) -> np.ndarray:
        """Weighted sum over rows -> one value a month (per draw, when the
        rows × months array or the weights carry a leading draws axis)."""
        w = self.roster.weight
        if w.ndim == 1 and per_row.ndim == 2:
            return w @ per_row
        return np.matmul(w[..., None, :], per_row)[..., 0, :]
