"""The ``uncertainty:`` section of a scenario: tornado bounds, Monte Carlo
distributions and correlations.

```yaml
uncertainty:
  seed: 1
  draws: 10000
  sensitivity:                    # tornado bounds (default ±20 % of the base value)
    - {assumption: "revenue[Siivous].price", low: 20, high: 30}
  distributions:
    - {assumption: "revenue[Siivous].price", kind: triangular, low: 20, mode: 25, high: 30}
    - {assumption: "people[M3].phases[0].hours_per_week", kind: normal, mean: 20, sd: 3, low: 10, high: 30}
    - {assumption: "overheads[Vuokra].amount", kind: uniform, low: 900, high: 1200}
    - assumption: "people[M5].phases[1].start"     # moves to paid work in month 6, 12 or never
      kind: choice
      values: ["2022-06", "2022-12", null]
      probabilities: [0.3, 0.3, 0.4]
  correlations:                   # Gaussian copula, rank-like correlation of the draws
    - {a: "revenue[Siivous].price", b: "overheads[Vuokra].amount", rho: 0.5}
```

Checks that need only this section (low ≤ mode ≤ high, probabilities
summing to one, a positive semi-definite correlation matrix, no assumption
twice) are here; whether each ``assumption`` names a field of the scenario is
checked by ``problems(scenario)`` with the assumption paths, when the
section is used (Monte Carlo, tornado): a renamed or removed item must not
make the whole scenario invalid.
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from simulator.model.schema import VALUE_MAX

PROBABILITY_TOLERANCE = 1e-6
MAX_DRAWS = 200_000


Value = Annotated[float, Field(ge=-VALUE_MAX, le=VALUE_MAX)]   # finite and bounded: never Infinity in a result


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class Bounds(_Strict):
    """Tornado bounds of one assumption."""
    assumption: Annotated[str, Field(min_length=1)]
    low: Value
    high: Value


class Uniform(_Strict):
    assumption: Annotated[str, Field(min_length=1)]
    kind: Literal["uniform"]
    low: Value
    high: Value


class Triangular(_Strict):
    assumption: Annotated[str, Field(min_length=1)]
    kind: Literal["triangular"]
    low: Value
    mode: Value
    high: Value


class Normal(_Strict):
    """Normal, truncated to [low, high] when these are given."""
    assumption: Annotated[str, Field(min_length=1)]
    kind: Literal["normal"]
    mean: Value
    sd: Annotated[float, Field(ge=0, le=VALUE_MAX)]
    low: Value | None = None
    high: Value | None = None


class Choice(_Strict):
    """Discrete values with probabilities; a value may be a number, a month
    ``YYYY-MM`` (a phase start) or null (the phase never happens)."""
    assumption: Annotated[str, Field(min_length=1)]
    kind: Literal["choice"]
    values: Annotated[list[Union[Value, str, None]], Field(min_length=1, max_length=200)]
    probabilities: Annotated[list[Annotated[float, Field(ge=0, le=1)]], Field(min_length=1, max_length=200)]


Distribution = Annotated[Union[Uniform, Triangular, Normal, Choice], Field(discriminator="kind")]


class Correlation(_Strict):
    a: Annotated[str, Field(min_length=1)]
    b: Annotated[str, Field(min_length=1)]
    rho: Annotated[float, Field(ge=-1, le=1)]


class Uncertainty(_Strict):
    seed: Annotated[int, Field(ge=0)] = 1
    draws: Annotated[int, Field(ge=1, le=MAX_DRAWS)] = 10_000
    sensitivity: list[Bounds] = []
    distributions: list[Distribution] = []
    correlations: list[Correlation] = []


def _problem(path, en, fi):
    return (path, en, fi)


def own_problems(u: Uncertainty) -> list[tuple[str, str, str]]:
    """Checks within the section: bounds ordered, probabilities sum to one,
    each assumption once, correlations between given distributions, PSD."""
    probs = []
    for i, b in enumerate(u.sensitivity):
        if b.low > b.high:
            probs.append(_problem(f"uncertainty.sensitivity[{i}].high",
                                  f"high {b.high:g} is below low {b.low:g}",
                                  f"yläraja {b.high:g} on alle alarajan {b.low:g}"))
    seen = {}
    for i, d in enumerate(u.distributions):
        path = f"uncertainty.distributions[{i}]"
        if d.assumption in seen:
            probs.append(_problem(f"{path}.assumption",
                                  f"{d.assumption!r} already has a distribution (distributions[{seen[d.assumption]}])",
                                  f"oletukselle {d.assumption!r} on jo jakauma (distributions[{seen[d.assumption]}])"))
        seen.setdefault(d.assumption, i)
        if d.kind in ("uniform", "triangular") and d.low > d.high:
            probs.append(_problem(f"{path}.high", f"high {d.high:g} is below low {d.low:g}",
                                  f"yläraja {d.high:g} on alle alarajan {d.low:g}"))
        if d.kind == "triangular" and not (d.low <= d.mode <= d.high):
            probs.append(_problem(f"{path}.mode", f"mode {d.mode:g} is not between low {d.low:g} and high {d.high:g}",
                                  f"moodi {d.mode:g} ei ole ala- ja ylärajan välissä"))
        if d.kind == "normal" and d.low is not None and d.high is not None and d.low > d.high:
            probs.append(_problem(f"{path}.high", f"high {d.high:g} is below low {d.low:g}",
                                  f"yläraja {d.high:g} on alle alarajan {d.low:g}"))
        if d.kind == "choice":
            if len(d.values) != len(d.probabilities):
                probs.append(_problem(f"{path}.probabilities",
                                      f"{len(d.probabilities)} probabilities for {len(d.values)} values",
                                      f"{len(d.probabilities)} todennäköisyyttä {len(d.values)} arvolle"))
            total = sum(d.probabilities)
            if abs(total - 1.0) > PROBABILITY_TOLERANCE:
                probs.append(_problem(f"{path}.probabilities", f"probabilities sum to {total:g}, not 1",
                                      f"todennäköisyyksien summa on {total:g}, ei 1"))
    names = [d.assumption for d in u.distributions]
    for i, c in enumerate(u.correlations):
        for side in ("a", "b"):
            if getattr(c, side) not in names:
                probs.append(_problem(f"uncertainty.correlations[{i}].{side}",
                                      f"{getattr(c, side)!r} has no distribution in uncertainty.distributions",
                                      f"oletukselle {getattr(c, side)!r} ei ole jakaumaa (uncertainty.distributions)"))
        if c.a == c.b:
            probs.append(_problem(f"uncertainty.correlations[{i}].b", "a and b are the same assumption",
                                  "a ja b ovat sama oletus"))
    if not probs and u.correlations and not _positive_semidefinite(correlation_matrix(u)):
        probs.append(_problem("uncertainty.correlations",
                              "the correlations cannot all hold at once (the matrix is not positive semi-definite)",
                              "korrelaatiot ovat keskenään ristiriidassa (matriisi ei ole positiivisesti semidefiniitti)"))
    return probs


def correlation_matrix(u: Uncertainty) -> np.ndarray:
    """Correlation matrix in the order of ``u.distributions``."""
    index = {d.assumption: i for i, d in enumerate(u.distributions)}
    m = np.eye(len(u.distributions))
    for c in u.correlations:
        i, j = index[c.a], index[c.b]
        m[i, j] = m[j, i] = c.rho
    return m


def _positive_semidefinite(m: np.ndarray) -> bool:
    return bool(np.linalg.eigvalsh(m).min() >= -1e-10)
