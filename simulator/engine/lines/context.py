"""What every line function receives: the compiled roster, the parameters,
the assumptions and a set that collects warnings."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

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

    def age_mask(self, name: str) -> np.ndarray:
        """Rows × months: True where the parameter applies at the person's age."""
        ages = self.params.get(name).ages
        if not ages:
            return np.ones_like(self.roster.age, dtype=bool)
        lo, hi = ages
        mask = np.ones_like(self.roster.age, dtype=bool)
        if lo is not None:
            mask &= self.roster.age >= lo
        if hi is not None:
            mask &= self.roster.age <= hi
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
