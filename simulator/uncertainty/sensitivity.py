"""Sensitivity: the tornado (one assumption at a time) and a two-way table.

Tornado rule: each numeric assumption is moved to a low and a high value
while everything else stays at its base value, and the KPI is measured with
one deterministic ``engine.project`` run per bar end. Bounds:

- from the scenario's ``uncertainty.sensitivity`` when it lists the
  assumption (used as given, also for zero values);
- otherwise base ∓ ``rel`` × |base| (default ±20 %), clipped to the
  assumption's natural bounds (e.g. hours 0–60, shares 0–1); integer
  assumptions are rounded and moved at least one step;
- assumptions whose base value is zero and that have no bounds in the
  scenario are SKIPPED (a relative move of zero is zero; they are listed in
  ``skipped``), as are bounds that collapse onto the base value.

Phase starts (kind "month") are not in the tornado (use Monte Carlo choices
or goal seek). The person's-view fields (pensions, tax rate …) are included
only for ``net_income:<that person>``. ``swing`` = |KPI at high − KPI at
low|; bars are sorted by swing, largest first. For ``break_even_month`` a
KPI of None (never) counts as ``horizon_months`` in the swing.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np

from simulator.model.parameters import ParameterSet
from simulator.model.scenario import Scenario
from simulator.model.paths import Assumption, AssumptionError, check_path, describe, numeric_assumptions, with_values
from .measures import Kpi, check_kpi, measure


@dataclass(frozen=True)
class Bar:
    """One tornado bar."""
    path: str
    label_fi: str
    label_en: str
    unit: str
    base: float
    low: float
    high: float
    kpi_low: float | None
    kpi_high: float | None
    swing: float
    bounds_from: str  # "scenario" | "relative"
    integer: bool = False

    def label(self, lang: str = "fi") -> str:
        return self.label_fi if lang == "fi" else self.label_en


@dataclass
class Tornado:
    kpi: Kpi
    base_kpi: float | None
    rel: float
    bars: list[Bar]
    skipped: list[str] = field(default_factory=list)
    runs: int = 0

    def to_dict(self) -> dict:
        return {"kpi": self.kpi.spec, "kpi_label": {"fi": self.kpi.label("fi"), "en": self.kpi.label("en")},
                "base_kpi": self.base_kpi, "rel": self.rel, "runs": self.runs,
                "bars": [asdict(b) for b in self.bars], "skipped": self.skipped}


@dataclass
class TwoWay:
    kpi: Kpi
    base_kpi: float | None
    a: Assumption
    b: Assumption
    values_a: list[float]
    values_b: list[float]
    table: np.ndarray  # len(values_a) × len(values_b); NaN where the KPI is None

    def to_dict(self) -> dict:
        return {"kpi": self.kpi.spec, "base_kpi": self.base_kpi,
                "a": {"path": self.a.path, "label_fi": self.a.label_fi, "label_en": self.a.label_en,
                      "unit": self.a.unit, "base": self.a.value, "values": list(self.values_a)},
                "b": {"path": self.b.path, "label_fi": self.b.label_fi, "label_en": self.b.label_en,
                      "unit": self.b.unit, "base": self.b.value, "values": list(self.values_b)},
                "table": [[None if math.isnan(v) else float(v) for v in row] for row in self.table]}


class SensitivityError(ValueError):
    """Bad sensitivity input; ``str()`` is "english / suomeksi"."""

    def __init__(self, en: str, fi: str):
        self.en, self.fi = en, fi
        super().__init__(f"{en} / {fi}")


def scenario_bounds(scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Canonical path -> (low, high) from the scenario's ``uncertainty.sensitivity``."""
    u = getattr(scenario, "uncertainty", None)
    out = {}
    for i, b in enumerate(u.sensitivity if u is not None else []):
        try:
            out[check_path(scenario, b.assumption)] = (float(b.low), float(b.high))
        except AssumptionError as exc:   # a renamed or removed item
            en, _, fi = str(exc).partition(" / ")
            where = f"uncertainty.sensitivity[{i}].assumption"
            raise SensitivityError(f"{where}: {en}", f"{where}: {fi or en}") from None
    return out


def bounds_for(a: Assumption, rel: float, given: tuple[float, float] | None = None) -> tuple[float, float] | None:
    """(low, high) of one assumption by the module rule; None when it is skipped."""
    if given is not None:
        lo, hi = given
        if a.integer:
            lo, hi = float(round(lo)), float(round(hi))
        return lo, hi
    v = float(a.value)
    if v == 0:
        return None
    lo, hi = v - rel * abs(v), v + rel * abs(v)
    if a.integer:
        lo, hi = float(math.floor(lo + 0.5)), float(math.floor(hi + 0.5))
        lo, hi = min(lo, v - 1), max(hi, v + 1)
    if a.minimum is not None:
        lo, hi = max(lo, a.minimum), max(hi, a.minimum)
    if a.maximum is not None:
        lo, hi = min(lo, a.maximum), min(hi, a.maximum)
    if lo == v and hi == v:
        return None
    return lo, hi


def _swing_value(v: float | None, scenario: Scenario) -> float:
    if v is None:
        return float(scenario.horizon_months)
    return float(v)


def tornado(scenario: Scenario, kpi: str | Kpi, rel: float = 0.2, assumptions: list[str] | None = None,
            params: ParameterSet | None = None) -> Tornado:
    """The tornado of ``kpi`` over ``assumptions`` (default: every numeric
    assumption but phase starts), bars sorted by swing (module docstring)."""
    if not (isinstance(rel, (int, float)) and 0 < rel < 10):
        raise SensitivityError(f"--rel must be a share between 0 and 10 (0.2 = ±20 %), got {rel!r}",
                               f"--rel pitää olla osuus väliltä 0–10 (0.2 = ±20 %), annettu {rel!r}")
    k = check_kpi(scenario, kpi)
    params = params or ParameterSet.load()
    given = scenario_bounds(scenario)
    if assumptions is None:
        items = [a for a in numeric_assumptions(scenario, months=False)
                 if a.affects_engine or (k.name == "net_income" and a.path.startswith(f"people[{k.arg}]."))]
        listed = {a.path for a in items}
        items += [a for a in (describe(scenario, p) for p in given if p not in listed) if a.kind != "month"]
    else:
        items = [describe(scenario, p) for p in dict.fromkeys(check_path(scenario, p) for p in assumptions)]
        months = [a.path for a in items if a.kind == "month"]
        if months:
            raise SensitivityError(f"{months[0]}: a phase start is not a tornado assumption (use solve or "
                                   f"Monte Carlo choices)",
                                   f"{months[0]}: vaiheen alkukuukausi ei käy herkkyysanalyysiin (käytä "
                                   f"tavoitehakua tai Monte Carlon vaihtoehtoja)")
    base_kpi = measure(scenario, k, params)
    bars, skipped, runs = [], [], 1
    for a in items:
        b = bounds_for(a, rel, given.get(a.path))
        if b is None:
            skipped.append(a.path)
            continue
        lo, hi = b
        k_lo = measure(with_values(scenario, {a.path: lo}), k, params)
        k_hi = measure(with_values(scenario, {a.path: hi}), k, params)
        runs += 2
        swing = abs(_swing_value(k_hi, scenario) - _swing_value(k_lo, scenario))
        bars.append(Bar(a.path, a.label_fi, a.label_en, a.unit, float(a.value), lo, hi, k_lo, k_hi, swing,
                        "scenario" if a.path in given else "relative", a.integer))
    order = sorted(range(len(bars)), key=lambda i: (-bars[i].swing, i))
    return Tornado(k, base_kpi, float(rel), [bars[i] for i in order], skipped, runs)


def default_values(scenario: Scenario, path: str, rel: float = 0.2, steps: int = 5) -> list[float]:
    """``steps`` evenly spaced values across an assumption's tornado bounds
    (integers: rounded and without repeats); the base value when it has none."""
    a = describe(scenario, path)
    if a.kind == "month":
        raise SensitivityError(f"{a.path}: a phase start is not a sensitivity assumption",
                               f"{a.path}: vaiheen alkukuukausi ei käy herkkyysanalyysiin")
    b = bounds_for(a, rel, scenario_bounds(scenario).get(a.path))
    if b is None:
        return [float(a.value)]
    vals = np.linspace(b[0], b[1], max(int(steps), 1)) if steps > 1 else np.array([a.value])
    out = [float(round(v)) if a.integer else float(v) for v in vals]
    return list(dict.fromkeys(out))


def two_way(scenario: Scenario, kpi: str | Kpi, path_a: str, values_a, path_b: str, values_b,
            params: ParameterSet | None = None) -> TwoWay:
    """KPI for every pair (a, b): rows are ``values_a``, columns ``values_b``."""
    k = check_kpi(scenario, kpi)
    a, b = describe(scenario, path_a), describe(scenario, path_b)
    if a.path == b.path:
        raise SensitivityError(f"two-way: both assumptions are {a.path}",
                               f"kaksisuuntainen: molemmat oletukset ovat {a.path}")
    for x, vals in ((a, values_a), (b, values_b)):
        if x.kind == "month":
            raise SensitivityError(f"{x.path}: a phase start is not a sensitivity assumption",
                                   f"{x.path}: vaiheen alkukuukausi ei käy herkkyysanalyysiin")
        if len(vals) == 0:
            raise SensitivityError(f"{x.path}: no values given", f"{x.path}: arvoja ei annettu")
    params = params or ParameterSet.load()
    table = np.full((len(values_a), len(values_b)), np.nan)
    for i, va in enumerate(values_a):
        for j, vb in enumerate(values_b):
            v = measure(with_values(scenario, {a.path: va, b.path: vb}), k, params)
            table[i, j] = np.nan if v is None else v
    return TwoWay(k, measure(scenario, k, params), a, b, [float(v) for v in values_a],
                  [float(v) for v in values_b], table)


__all__ = ["Bar", "Tornado", "TwoWay", "SensitivityError", "AssumptionError", "bounds_for", "default_values",
           "scenario_bounds", "tornado", "two_way"]
