"""What every person line receives: one roster row of the person (the
person's only row, or a branch of the avotyö pipeline), the engine's
context and the person's inputs, with the intermediates the lines share
computed once (``memo``)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.model.conventions import month_label
from simulator.model.parameters import ParameterSet
from simulator.model.scenario import Person, Scenario
from simulator.engine.lines.context import Context


@dataclass
class Row:
    ctx: Context
    i: int                       # the row of the roster
    person: Person
    municipality: str
    lomaraha: np.ndarray         # lomaraha paid by this organisation, a month (the engine's holiday_bonus_paid)
    warn: set                    # parameter warnings (engine-style strings)
    cache: dict = field(default_factory=dict)

    @property
    def scenario(self) -> Scenario:
        return self.ctx.scenario

    @property
    def params(self) -> ParameterSet:
        return self.ctx.params

    @property
    def months(self) -> np.ndarray:
        return self.ctx.roster.months

    @property
    def n(self) -> int:
        return len(self.months)

    @property
    def age(self) -> np.ndarray:
        """Age reached in the calendar year, a month."""
        return self.ctx.roster.age[self.i]

    @property
    def employed(self) -> np.ndarray:
        """Employed here or by a company (bool, a month)."""
        r = self.ctx.roster
        return r.employed_here[self.i] | r.employed_company[self.i]

    @property
    def branch(self) -> str:
        """The pipeline branch of the row ("" for a person's only row)."""
        rid = self.ctx.roster.ids[self.i]
        return rid.split(":", 1)[1] if ":" in rid else ""

    def labels(self, mask: np.ndarray) -> list:
        return [month_label(int(self.months[t])) for t in np.nonzero(mask)[0]]

    def series(self, name: str) -> np.ndarray:
        """A parameter's value a month (gaps and values past known_until are named in ``warn``)."""
        return self.params.series(name, self.months, self.warn)

    def memo(self, key, fn):
        if key not in self.cache:
            self.cache[key] = fn()
        return self.cache[key]

    def age_band(self, name: str) -> np.ndarray:
        """True in the months the parameter's ``applies_to_ages`` covers the
        person (the upper limit by birth year where the file says so)."""
        return self.ctx.memo(("age_mask", name), lambda: self.ctx.age_mask(name))[self.i]
