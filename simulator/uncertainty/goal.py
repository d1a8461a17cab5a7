"""Goal seek: the value of one assumption that meets a goal.

Goals and their margins (the goal is met when the margin is ≥ 0):

- ``break_even_by:<YYYY-MM>``: the lowest cumulative result from that month
  to the end of the projection (break-even by M ⇔ the cumulative result
  stays ≥ 0 from M on, the engine's break-even rule);
- ``min_cash_at_least:<amount>``: the lowest closing cash − the floor.

A margin ≥ −1e-9 € counts as met (floating-point noise, as ``kpis.break_even_index``).

Search range: ``lo``…``hi``, by default the assumption's natural bounds,
or 0…5 × the base value where it has none (negative bases: 5 × base…0);
phase starts: the projection's first…last month. The range is scanned on a
grid of ``GRID`` points (plus the base value) to bracket the answer nearest
to the base value, then bisected on the margin to a tolerance of 0.01 in
the unit users see (€, hours, days; shares 0.0001 = 0.01 percentage points);
integers and months to the nearest whole step. The answer is put on that
grid, on the side that meets the goal, so that the answer meets it and one
step back towards the base does not.

If the base value already meets the goal, the result says so and reports the
boundary: how far the assumption can move the unfavourable way and still
meet it (None when it holds over the whole range). If no value in the range
meets the goal, ``NoSolution`` names the best margin reached and where.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from simulator.model.conventions import month_label, month_number
from ..i18n import fmt_eur, fmt_month, fmt_number
from simulator.engine.kpis import break_even_index, organisation_columns
from simulator.model.parameters import ParameterSet
from simulator.model.scenario import Scenario
from simulator.model.paths import Assumption, describe, with_values

GRID = 17
#: a margin this close below zero is floating-point noise and counts as met
#: (the engine's break-even rule uses the same 1e-9 €)
MET_TOL = 1e-9
SHARE_TOL = 1e-4
DEFAULT_TOL = 0.01


class GoalError(ValueError):
    """A bad goal or search range; ``str()`` is "english / suomeksi"."""

    def __init__(self, en: str, fi: str):
        self.en, self.fi = en, fi
        super().__init__(f"{en} / {fi}")


class NoSolution(GoalError):
    """No value in the range meets the goal; ``best_value``/``best_margin``."""

    def __init__(self, en: str, fi: str, best_value, best_margin: float):
        super().__init__(en, fi)
        self.best_value, self.best_margin = best_value, best_margin


@dataclass(frozen=True)
class Goal:
    spec: str
    name: str       # break_even_by | min_cash_at_least
    month: str | None = None
    floor: float | None = None

    def label(self, lang: str = "fi") -> str:
        from ..i18n import label
        arg = fmt_month(self.month, lang) if self.month else fmt_eur(self.floor, 0, lang)
        return label(f"ua.goal.{self.name}", lang).format(arg=arg)


_GOALS = "break_even_by:YYYY-MM, min_cash_at_least:<euros>"


def parse_goal(spec: str, scenario: Scenario | None = None) -> Goal:
    """Parse a goal spec; with ``scenario``, check its month is in the projection."""
    text = spec.strip() if isinstance(spec, str) else ""
    name, _, arg = text.partition(":")
    name, arg = name.strip(), arg.strip()
    if name == "break_even_by":
        try:
            m = month_number(arg)
        except ValueError:
            raise GoalError(f"goal {spec!r}: expected a month YYYY-MM after break_even_by:",
                            f"tavoite {spec!r}: odotettiin kuukautta VVVV-KK (break_even_by:VVVV-KK)") from None
        if scenario is not None and not scenario.first_month <= m <= scenario.last_month:
            span = f"{month_label(scenario.first_month)}–{month_label(scenario.last_month)}"
            raise GoalError(f"goal {spec!r}: month {arg} is outside the projection ({span})",
                            f"tavoite {spec!r}: kuukausi {arg} ei ole laskelmassa ({span})")
        return Goal(text, name, month=arg)
    if name == "min_cash_at_least":
        try:
            floor = float(arg.replace(" ", "").replace("\u202f", ""))
            if not math.isfinite(floor):
                raise ValueError
        except ValueError:
            raise GoalError(f"goal {spec!r}: expected an amount in euros after min_cash_at_least:",
                            f"tavoite {spec!r}: odotettiin euromäärää (min_cash_at_least:summa)") from None
        return Goal(text, name, floor=floor)
    raise GoalError(f"unknown goal {spec!r}; give one of {_GOALS}",
                    f"tuntematon tavoite {spec!r}; anna jokin näistä: {_GOALS}")


def margin(projection, goal: Goal) -> float:
    """≥ 0 exactly when the projection meets the goal (module docstring); the
    months from the organisation's founding month count (kpis.organisation_columns)."""
    col, labels = organisation_columns(projection.columns, projection.month_labels, projection.scenario)
    if goal.name == "break_even_by":
        i = labels.index(goal.month) if goal.month in labels else 0
        return float(np.min(col["cumulative_result"][i:]))
    return float(np.min(col["closing_cash"])) - goal.floor


def achieved(projection, goal: Goal):
    """The KPI the goal is about: the break-even month label (None = never) or minimum cash."""
    col, labels = organisation_columns(projection.columns, projection.month_labels, projection.scenario)
    if goal.name == "break_even_by":
        be = break_even_index(col["cumulative_result"])
        return None if be is None else labels[be]
    return float(np.min(col["closing_cash"]))


@dataclass
class GoalResult:
    path: str
    label_fi: str
    label_en: str
    unit: str
    kind: str
    goal: Goal
    base_value: float
    base_margin: float
    already_met: bool
    value: float | None          # the answer (or, already met, the boundary; None = holds everywhere)
    direction: str | None        # "raise" | "lower": the change (already met: the way it may move)
    margin: float | None         # at ``value``
    achieved: object             # the KPI at ``value`` (break-even month or min cash)
    low: float
    high: float
    iterations: int              # engine runs

    def value_text(self, lang: str = "fi", v=None) -> str:
        v = self.value if v is None else v
        if v is None:
            return "–"
        if self.kind == "month":
            return fmt_month(month_label(int(v)), lang)
        if self.unit == "share":
            return f"{fmt_number(100 * v, 2, lang)} %"
        return f"{fmt_number(v, 0 if self.kind == 'integer' else 2, lang)} {unit_label(self.unit, lang)}"

    def scenario_value(self):
        """The answer as it goes into a scenario (a month label for phase starts)."""
        if self.value is None:
            return None
        if self.kind == "month":
            return month_label(int(self.value))
        return int(self.value) if self.kind == "integer" else float(self.value)

    def to_dict(self) -> dict:
        return {"assumption": self.path, "label_fi": self.label_fi, "label_en": self.label_en, "unit": self.unit,
                "goal": self.goal.spec, "base_value": self._out(self.base_value), "base_margin": self.base_margin,
                "already_met": self.already_met, "value": self._out(self.value), "direction": self.direction,
                "margin": self.margin, "achieved": self.achieved, "low": self._out(self.low),
                "high": self._out(self.high), "iterations": self.iterations}

    def _out(self, v):
        if v is None:
            return None
        if self.kind == "month":
            return month_label(int(v))
        return int(v) if self.kind == "integer" else float(v)


def unit_label(unit: str, lang: str = "fi") -> str:
    """A unit as users read it ("h/vko", "kk", "%" …)."""
    from ..i18n import label
    key = f"ua.unit.{unit}"
    text = label(key, lang)
    return unit if text == key else text


def default_range(a: Assumption) -> tuple[float, float]:
    v = float(a.value)
    cap = a.sanity_cap        # the schema's ±10 M€-style cap is no limit of the field: not searched to
    lo = a.minimum if a.minimum is not None and (cap is None or a.minimum != -cap) else min(0.0, 5 * v)
    hi = a.maximum if a.maximum is not None and (cap is None or a.maximum != cap) else max(0.0, 5 * v)
    return lo, hi


def _as_number(a: Assumption, x, which: str) -> float:
    if a.kind == "month":
        if isinstance(x, (int, float)) and not isinstance(x, bool) and float(x).is_integer():
            return float(x)
        if isinstance(x, str):
            try:
                return float(month_number(x))
            except ValueError:
                pass
        raise GoalError(f"--{which} for {a.path} must be a month YYYY-MM, got {x!r}",
                        f"--{which} oletukselle {a.path} pitää olla kuukausi VVVV-KK, annettu {x!r}")
    try:
        v = float(x)
        if not math.isfinite(v):
            raise ValueError
        return v
    except (TypeError, ValueError):
        raise GoalError(f"--{which} for {a.path} must be a number, got {x!r}",
                        f"--{which} oletukselle {a.path} pitää olla luku, annettu {x!r}") from None


def solve(scenario: Scenario, path: str, goal: str | Goal, lo=None, hi=None, tol: float | None = None,
          params: ParameterSet | None = None) -> GoalResult:
    """Find the value of ``path`` nearest its base value that meets ``goal``
    in ``lo``…``hi`` (module docstring). Raises GoalError, NoSolution,
    AssumptionError."""
    from simulator.engine.projection import project
    a = describe(scenario, path)
    g = goal if isinstance(goal, Goal) else parse_goal(goal, scenario)
    if g.month is not None:
        parse_goal(g.spec, scenario)
    if a.kind == "month":
        d_lo, d_hi = float(scenario.first_month), float(scenario.last_month)
    else:
        d_lo, d_hi = default_range(a)
    lo = d_lo if lo is None else _as_number(a, lo, "low")
    hi = d_hi if hi is None else _as_number(a, hi, "high")
    for which, v in (("low", lo), ("high", hi)):
        if a.kind != "month" and a.minimum is not None and v < a.minimum:
            raise GoalError(f"--{which} {v:g} is below the smallest possible value {a.minimum:g} of {a.path}",
                            f"--{which} {v:g} on alle oletuksen {a.path} pienimmän mahdollisen arvon {a.minimum:g}")
        if a.kind != "month" and a.maximum is not None and v > a.maximum:
            raise GoalError(f"--{which} {v:g} is above the largest possible value {a.maximum:g} of {a.path}",
                            f"--{which} {v:g} on yli oletuksen {a.path} suurimman mahdollisen arvon {a.maximum:g}")
    if lo > hi:
        raise GoalError(f"the search range is empty: low {lo:g} is above high {hi:g}",
                        f"hakuväli on tyhjä: alaraja {lo:g} on ylärajaa {hi:g} suurempi")
    step_int = a.integer or a.kind == "month"
    if step_int:
        lo, hi = float(math.ceil(lo)), float(math.floor(hi))
        if lo > hi:
            raise GoalError(f"no whole number between low and high for {a.path}",
                            f"ala- ja ylärajan välissä ei ole kokonaislukua oletukselle {a.path}")
    if lo == hi and lo == 0 and a.kind != "month" and float(a.value) == 0:
        raise GoalError(f"{a.path} is 0: give the search range with --low and --high",
                        f"{a.path} on 0: anna hakuväli (--low ja --high)")
    params = params or ParameterSet.load()
    tol = tol if tol is not None else (1.0 if step_int else SHARE_TOL if a.unit == "share" else DEFAULT_TOL)
    runs = 0
    cache: dict[float, tuple[float, object]] = {}

    def evaluate(x: float):
        nonlocal runs
        x = float(x)
        if x not in cache:
            v = month_label(int(x)) if a.kind == "month" else x
            p = project(with_values(scenario, {a.path: v}), params)
            runs += 1
            cache[x] = (margin(p, g), achieved(p, g))
        return cache[x]

    def ok_margin(m: float) -> bool:
        return m >= -MET_TOL

    base = float(a.value)
    base_m = evaluate(base)[0]
    grid = np.linspace(lo, hi, GRID)
    if step_int:
        grid = np.unique(np.round(grid))
    points = sorted(set(float(x) for x in grid) | ({base} if lo <= base <= hi else set()))
    margins = [evaluate(x)[0] for x in points]

    def refine(fail: float, ok: float) -> float:
        """Bisect between a failing and a meeting value; return the meeting end on the tol grid."""
        while abs(ok - fail) > (1.0 if step_int else tol / 4):
            mid = (ok + fail) / 2
            if step_int:
                mid = float(math.floor(mid)) if ok < fail else float(math.ceil(mid))
                if mid in (ok, fail):
                    break
            if ok_margin(evaluate(mid)[0]):
                ok = mid
            else:
                fail = mid
        up = ok > fail
        r = ok if step_int else (math.ceil(ok / tol - 1e-9) if up else math.floor(ok / tol + 1e-9)) * tol
        r = min(max(r, lo), hi)   # a base outside lo…hi: the bracket starts outside the range
        if not ok_margin(evaluate(r)[0]):
            return ok
        if step_int:
            return r
        for _ in range(3):  # one step back towards the failing side must fail
            back = r - tol if up else r + tol
            if not lo <= back <= hi or not ok_margin(evaluate(back)[0]):
                break
            r = back
        return r

    def side(direction: int, want_ok: bool):
        """The first grid point from the base in ``direction`` whose margin meets (or fails) the goal."""
        seq = [(x, m) for x, m in zip(points, margins) if (x - base) * direction > 0]
        seq.sort(key=lambda xm: abs(xm[0] - base))
        prev = base
        for x, m in seq:
            if ok_margin(m) == want_ok:
                return prev, x
            prev = x
        return None

    if ok_margin(base_m):
        # already met: the boundary on the unfavourable side nearest to the base
        found = [(s, side(s, want_ok=False)) for s in (-1, 1)]
        found = [(s, f) for s, f in found if f is not None]
        if not found:
            return GoalResult(a.path, a.label_fi, a.label_en, a.unit, a.kind, g, base, base_m, True, None, None,
                              None, evaluate(base)[1], lo, hi, runs)
        s, (ok, fail) = min(found, key=lambda sf: abs(sf[1][1] - base))
        value = refine(fail, ok)
        m, ach = evaluate(value)
        return GoalResult(a.path, a.label_fi, a.label_en, a.unit, a.kind, g, base, base_m, True, value,
                          "raise" if s > 0 else "lower", m, ach, lo, hi, runs)
    found = [(s, side(s, want_ok=True)) for s in (-1, 1)]
    found = [(s, f) for s, f in found if f is not None]
    if not found:
        i = int(np.argmax(margins))
        best_x, best_m = points[i], margins[i]
        shown = month_label(int(best_x)) if a.kind == "month" else f"{best_x:g}"
        lo_s = month_label(int(lo)) if a.kind == "month" else f"{lo:g}"
        hi_s = month_label(int(hi)) if a.kind == "month" else f"{hi:g}"
        what_en = ("the lowest cumulative result from " + g.month if g.name == "break_even_by"
                   else "minimum cash minus the floor")
        what_fi = ("pienin kertynyt tulos kuukaudesta " + g.month + " alkaen" if g.name == "break_even_by"
                   else "pienin kassa miinus alaraja")
        raise NoSolution(
            f"no value of {a.path} between {lo_s} and {hi_s} meets the goal {g.spec}; best reached: "
            f"{what_en} {best_m:,.0f} € at {shown}",
            f"mikään oletuksen {a.path} arvo väliltä {lo_s}–{hi_s} ei täytä tavoitetta {g.spec}; paras "
            f"saavutettu: {what_fi} {fmt_number(best_m, 0, 'fi')} € arvolla {shown}",
            best_x, best_m)
    s, (fail, ok) = min(found, key=lambda sf: abs(sf[1][1] - base))
    value = refine(fail, ok)
    m, ach = evaluate(value)
    return GoalResult(a.path, a.label_fi, a.label_en, a.unit, a.kind, g, base, base_m, False, value,
                      "raise" if value > base else "lower", m, ach, lo, hi, runs)
