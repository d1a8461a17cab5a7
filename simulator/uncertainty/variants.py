"""Monte Carlo's distributions sorted by what they change: the structure of
the projection (a phase start, "never", whole-month counts, a palkkatuki
rate or cap: each combination is a variant of the scenario, checked once)
or a continuous amount (enters the engine as an array over draws)."""
from __future__ import annotations

import numpy as np

from simulator.model.paths import describe, with_values
from simulator.model.uncertainty_spec import Choice


class MonteCarloError(ValueError):
    """A problem with the distributions, in English and Finnish, naming the field."""

    def __init__(self, path: str, en: str, fi: str):
        super().__init__(f"{path}: {en} / {fi}")
        self.path, self.en, self.fi = path, en, fi



_GROUPED = (".palkkatuki.rate", ".palkkatuki.monthly_cap")   # read per phase when the roster is built


def check_numbers(i: int, d) -> None:
    """A choice over a number takes numbers only."""
    for j, v in enumerate(d.values):
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            raise MonteCarloError(f"uncertainty.distributions[{i}].values[{j}]",
                                  f"expected a number for {d.assumption}, got {v!r}",
                                  f"odotettiin lukua oletukselle {d.assumption}, saatiin {v!r}")


def classify(scenario, u):
    """(structural, continuous) lists of (index, distribution, kind) and the
    description (canonical path, limits) of each distribution's assumption."""
    structural, continuous, metas = [], [], {}
    for i, d in enumerate(u.distributions):
        meta = describe(scenario, d.assumption)   # raises AssumptionError for an unknown name
        metas[i] = meta
        if not meta.affects_engine:
            raise MonteCarloError(f"uncertainty.distributions[{i}].assumption",
                                  f"{meta.path} changes no line of the cash flow, only the person's own net "
                                  f"income, which Monte Carlo does not compute (use the tornado with net_income:<person>)",
                                  f"{meta.path} ei muuta kassavirtaa, vain henkilön omia nettotuloja, joita Monte Carlo ei laske "
                                  f"(käytä herkkyysanalyysia tunnusluvulla net_income:<henkilö>)")
        if meta.kind == "month":
            if not isinstance(d, Choice):
                raise MonteCarloError(f"uncertainty.distributions[{i}].kind",
                                      "a start month takes kind: choice (months or null for never)",
                                      "alkukuukaudelle käy vain kind: choice (kuukausia tai null = ei koskaan)")
            for j, v in enumerate(d.values):
                if v is not None and not isinstance(v, str):
                    raise MonteCarloError(f"uncertainty.distributions[{i}].values[{j}]",
                                          f"expected a month YYYY-MM or null, got {v!r}",
                                          f"odotettiin kuukautta VVVV-KK tai null, saatiin {v!r}")
            structural.append((i, d, "month"))
            continue
        if isinstance(d, Choice):
            check_numbers(i, d)
        if meta.path.endswith(_GROUPED):
            if not isinstance(d, Choice):
                raise MonteCarloError(f"uncertainty.distributions[{i}].kind",
                                      "a palkkatuki rate or cap takes kind: choice (a few values with probabilities)",
                                      "palkkatuen osuudelle tai katolle käy vain kind: choice (muutama arvo "
                                      "todennäköisyyksineen)")
            structural.append((i, d, "value"))
        elif meta.integer:
            structural.append((i, d, "integer"))
        else:
            continuous.append((i, d, "continuous"))
    return structural, continuous, metas


def within_limits(meta, values: np.ndarray) -> np.ndarray:
    """Draws beyond the field's own limits (negative hours, a share above 1)
    are set to the limit, as the scenario file itself could not hold them."""
    lo = -np.inf if meta.minimum is None else meta.minimum
    hi = np.inf if meta.maximum is None else meta.maximum
    return np.clip(values, lo, hi)


def structural_code(d, drawn: np.ndarray) -> np.ndarray:
    """What identifies a draw's variant: the chosen index, or the whole number."""
    return drawn.astype(float) if isinstance(d, Choice) else np.round(drawn)


def structural_value(scenario, d, kind: str, code: float):
    if kind == "month":
        return d.values[int(code)]   # None: "never" (the phase is dropped, the one before goes on)
    if kind == "value":
        return float(d.values[int(code)])
    return int(round(float(d.values[int(code)]))) if isinstance(d, Choice) else int(code)


def continuous_values(d, drawn: np.ndarray) -> np.ndarray:
    if isinstance(d, Choice):
        return np.asarray(d.values, dtype=float)[drawn.astype(int)]
    return drawn


def check_variant(scenario, changes: dict) -> None:
    """Check that one combination of structural values gives a valid scenario."""
    from simulator.model.problems import ScenarioError, validate
    sc = with_values(scenario, changes).model_copy(update={"uncertainty": None})
    try:
        validate(sc.model_dump(mode="python"), "<Monte Carlo>")
    except ScenarioError as exc:
        first = exc.problems[0] if getattr(exc, "problems", None) else ("", str(exc), str(exc))
        which = ", ".join(f"{p} = {v}" for p, v in changes.items())
        raise MonteCarloError("uncertainty.distributions",
                              f"the draw {which} makes the scenario invalid: {first[0]}: {first[1]}",
                              f"arvonta {which} tekee skenaariosta virheellisen: {first[0]}: {first[2]}") from None
