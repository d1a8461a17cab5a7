"""The pension cliff: net monthly income against hours worked a week.

A Kela disability pension stops whole, not gradually, when monthly pay
passes the earnings limit (employment-models.md §0). For a chosen year the
person is taken to work all year at ``h`` hours a week (0–37.5) at the
hourly wage the engine pays them month by month (the entered wage raised by
the employment's ``pay_basis``: the scenario's wage growth each January, or
a collective agreement's dated raises; ``engine.lines.pay.basis_index``, the
one source of it); each point is the year's net income / 12 computed by the same rules as the
monthly view (``income.py``: pension rest month by month against the
limit of the month, every benefit — hoitotuki/vammaistuki, the income-tested
housing allowances, labour-market support, basic social assistance — the
client fee, contributions, annual tax), so the benefits' plateaus show
beside the pension cliff. The pay is steady monthly pay without lomaraha.

Marked:
- ``limit_hours``: the hours at which pay first reaches the earnings limit
  in some month of the year (the month with the lowest limit / hourly wage;
  with a steady wage, the year's lowest limit); up to them the pension is
  paid all year;
- ``break_even_hours``: the first hours above the limit at which net income
  is back at its level just under the limit ("working more starts to pay
  again"), None if not reached by full time (37.5 h);
- by year of the projection, the hours that keep pay just under the limit
  in every month as the wage rises (``limits_by_year``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.model.conventions import WEEKS_PER_MONTH, first_day, month_number
from simulator.engine.lines.context import Context
from simulator.engine.lines.pay import basis_index
from simulator.engine.lines.subsidies import pay_subsidy_decisions, pay_subsidy_rules
from simulator.engine.projection import project
from simulator.engine.roster import build
from simulator.model.parameters import ParameterSet
from simulator.model.scenario import AvotyoPhase, EmploymentPhase, Person, Scenario
from simulator.model.problems import ScenarioError
from simulator.engine.household import tax as taxmod

FULL_TIME = 37.5
GRID_STEP = 0.5


def _hourly(phase, fallback_hours=None) -> float | None:
    if phase.hourly_wage is not None:
        return phase.hourly_wage
    hours = phase.hours_per_week or fallback_hours
    if phase.monthly_pay is not None and hours:
        return phase.monthly_pay / (hours * WEEKS_PER_MONTH)
    return None


def hourly_wage_for_year(scenario: Scenario, person: Person, year: int) -> tuple[float | None, float, str]:
    """(hourly wage as entered (the scenario's first-month terms), scenario hours
    a week, pay_basis) of the person's pay in ``year``: the employment phase
    running that year, else the pipeline's paid job for a time-limited avotyö
    (wage growth), else the first employment."""
    emp = [ph for ph in person.phases if isinstance(ph, EmploymentPhase)]
    spans = []
    ordered = sorted(person.phases, key=lambda ph: month_number(ph.start))
    for k, ph in enumerate(ordered):
        a = month_number(ph.start)
        nxt = month_number(ordered[k + 1].start) - 1 if k + 1 < len(ordered) else scenario.last_month
        b = month_number(ph.end) if ph.end else nxt
        spans.append((a, b, ph))
    for a, b, ph in spans:
        if isinstance(ph, EmploymentPhase) and a // 12 <= year <= b // 12 and _hourly(ph):
            return _hourly(ph), ph.hours_per_week, ph.pay_basis
    pipe = scenario.pipeline
    if pipe and any(isinstance(ph, AvotyoPhase) and ph.time_limited for ph in person.phases):
        ac = pipe.after_conversion
        if _hourly(ac):
            return _hourly(ac), ac.hours_per_week, "wage_growth"
    for ph in emp:
        if _hourly(ph):
            return _hourly(ph), ph.hours_per_week, ph.pay_basis
    return None, 0.0, "wage_growth"


def _pay_context(scenario: Scenario, params: ParameterSet, start: int, months: int) -> Context:
    """An engine context of ``scenario``'s assumptions over ``months`` months
    from month number ``start`` (no people): for ``pay.basis_index``."""
    s = scenario.model_copy(update={
        "start": f"{start // 12:04d}-{start % 12 + 1:02d}", "horizon_months": months, "people": [], "staff": [],
        "revenue": [], "overheads": [], "grants": [], "pipeline": None, "organisation_founded": None})
    return Context(s, build(s, pay_subsidy_rules(params), pay_subsidy_decisions), params)


class _Wages:
    """The hourly wage a month of the scenario's entered wages, as the engine
    pays them (``pay.basis_index`` relative to the scenario's first month),
    for every month from January of the first year to December of ``last_year``."""

    def __init__(self, scenario: Scenario, params: ParameterSet, last_year: int, warnings: set):
        self.m0 = scenario.first_month // 12 * 12
        self.first = scenario.first_month
        self.ctx = _pay_context(scenario, params, self.m0, max(last_year * 12 + 12 - self.m0, 12))
        self.warnings = warnings

    def year(self, entered: float, basis: str, year: int) -> np.ndarray:
        """The hourly wage in each month of ``year`` (12 values) of a wage
        entered in the scenario's first month's terms; before the first year
        the entered wage."""
        if year * 12 < self.m0:
            return np.full(12, float(entered))
        idx = basis_index(self.ctx, basis)
        self.warnings.update(self.ctx.warnings)
        a = year * 12 - self.m0
        return entered * idx[a:a + 12] / idx[self.first - self.m0]


@dataclass
class Cliff:
    person_id: str
    year: int
    hourly_wage: float                 # €/h in the month where the limit binds (the year's, if steady)
    hours: np.ndarray
    net: np.ndarray                    # net income a month (year / 12)
    gross: np.ndarray
    pension: np.ndarray
    tax: np.ndarray
    contributions: np.ndarray
    limit_hours: float | None
    net_at_limit: float | None
    break_even_hours: float | None
    limit: float                       # that month's earnings limit €/month (the year's lowest, if steady)
    staying_net: float | None          # net a month staying in the first phase, that year
    limits_by_year: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    benefits: np.ndarray | None = None     # every benefit a month (household.BENEFIT_LINES)
    fees: np.ndarray | None = None         # work-activity and client fees a month

    def _or0(self, a):
        return np.zeros(len(self.hours)) if a is None else a

    def to_dict(self, lang: str = "fi") -> dict:
        r2 = lambda v: None if v is None else round(float(v), 2)
        return {
            "person": self.person_id, "year": self.year, "hourly_wage": r2(self.hourly_wage),
            "earnings_limit": r2(self.limit), "limit_hours": r2(self.limit_hours),
            "net_at_limit": r2(self.net_at_limit), "break_even_hours": r2(self.break_even_hours),
            "staying_net_per_month": r2(self.staying_net),
            "curve": [{"hours_per_week": r2(h), "net_per_month": r2(n), "gross_per_month": r2(g),
                       "pension_per_month": r2(p), "tax_per_month": r2(t), "contributions_per_month": r2(c),
                       "benefits_per_month": r2(b), "fees_per_month": r2(f)}
                      for h, n, g, p, t, c, b, f in zip(self.hours, self.net, self.gross, self.pension, self.tax,
                                                        self.contributions, self._or0(self.benefits),
                                                        self._or0(self.fees))],
            "limits_by_year": self.limits_by_year,
            "parameter_warnings": [w.to_dict(lang) for w in self.warnings],
        }


class _Year:
    """Net income of one person working all of one year at given hours: from
    January at ``hourly`` €/h (that month's wage), raised within the year by
    ``basis`` as the engine raises pay (``path``: the hourly wage a month)."""

    def __init__(self, scenario: Scenario, person: Person, year: int, hourly: float, params: ParameterSet,
                 basis: str = "wage_growth"):
        self.params = params
        first_year = scenario.first_month // 12
        self.wage, self.basis = hourly, basis
        birth = person.birth_year if person.birth_year is not None else first_year - person.age
        pension = person.disability_pension
        if pension:
            takuu = "pension.takuuelake_full"
            ratio = (params.value(takuu, first_day(year * 12)) / params.value(takuu, first_day(scenario.first_month)))
            pension = pension * ratio
        self.person = person.model_copy(update={
            "birth_year": birth, "age": None, "disability_pension": pension,
            "municipality": person.municipality or taxmod.MODEL_TOWN[scenario.model], "phases": []})
        self.scenario = scenario.model_copy(update={
            "start": f"{year:04d}-01", "horizon_months": 12, "people": [], "staff": [], "revenue": [],
            "overheads": [], "grants": [], "pipeline": None,
            "financing": scenario.financing.model_copy(update={"share_capital": [], "loans": []})})
        self.cache = {}
        self.warnings: set = set()
        ctx = _pay_context(self.scenario, params, year * 12, 12)
        self.path = hourly * basis_index(ctx, basis)     # the engine's pay of the year-scenario's phase
        self.warnings.update(ctx.warnings)

    def at(self, hours: float) -> dict:
        key = round(float(hours), 6)
        if key in self.cache:
            return self.cache[key]
        s = self.scenario
        phase = EmploymentPhase(kind="employment", start=s.start, employer="company", pay_basis=self.basis,
                                hours_per_week=float(hours), monthly_pay=self.wage * hours * WEEKS_PER_MONTH)
        person = self.person.model_copy(update={"phases": [phase]})
        p = project(s.model_copy(update={"people": [person]}), self.params)
        pl = p.person(person.id, baseline=False)      # the engine's person lines
        self.warnings.update(pl.parameter_warnings)
        L = pl.lines
        out = {"net": L["net_income"].sum() / 12, "gross": L["gross_pay"].sum() / 12,
               "pension": (L["kela_pension"].sum() + L["earnings_related_pension"].sum()) / 12,
               "tax": L["income_tax"].sum() / 12,
               "contributions": (L["employee_pension"].sum() + L["employee_unemployment"].sum()
                                 + L["daily_allowance_contribution"].sum()) / 12,
               "rest_months": float(L["kela_rests"].sum() + L["earnings_related_rests"].sum()),
               "benefits": L["benefits"].sum() / 12,
               "fees": (L["work_activity_fees"].sum() + L["client_fee"].sum()) / 12,
               "limit": float(L["earnings_limit"].min()),
               "limits": np.asarray(L["earnings_limit"], dtype=float)}
        self.cache[key] = out
        return out


def pension_cliff(scenario: Scenario, person: Person, year: int | None = None,
                  params: ParameterSet | None = None, hourly_wage: float | None = None,
                  staying: dict | None = None, source: str = "<scenario>") -> Cliff:
    """The net-income-by-hours curve of ``person`` in ``year`` (default: the
    first year the person is employed in the scenario, else its first year).
    ``hourly_wage`` (€/h all that year) overrides the scenario's pay;
    ``staying`` is the baseline lines of ``income.person_view`` for the
    reference level of staying in the first phase."""
    params = params or ParameterSet.load()
    first_year, last_year = scenario.first_month // 12, scenario.last_month // 12
    if year is None:
        emp = [month_number(ph.start) // 12 for ph in person.phases if isinstance(ph, EmploymentPhase)]
        year = min([y for y in emp if first_year <= y <= last_year], default=first_year)
    entered, _, basis = hourly_wage_for_year(scenario, person, year)
    warnings: set = set()
    wages = _Wages(scenario, params, max(year, last_year), warnings)
    if hourly_wage is not None:
        entered, basis = hourly_wage, "wage_growth"
    if not entered:
        raise ScenarioError(source, [(f"people[{scenario.people.index(person)}]",
                                      f"{person.id} has no employment phase to take the hourly wage from; "
                                      "give an hourly wage for the curve",
                                      f"henkilöllä {person.id} ei ole palkkatyövaihetta, josta tuntipalkka "
                                      "otettaisiin; anna tuntipalkka käyrää varten")])
    january = entered if hourly_wage is not None else wages.year(entered, basis, year)[0]
    calc = _Year(scenario, person, year, january, params, basis)
    calc.warnings.update(warnings)
    hours = np.round(np.arange(0.0, FULL_TIME + 1e-9, GRID_STEP), 4)
    pts = [calc.at(h) for h in hours]
    # the month where pay first reaches the limit as hours rise: the lowest limit / wage
    k = int(np.argmin(pts[0]["limits"] / calc.path))
    limit, wage = float(pts[0]["limits"][k]), float(calc.path[k])
    has_pension = (person.disability_pension or 0) > 0 or (person.earnings_related_pension or 0) > 0
    limit_hours = net_at_limit = break_even = None
    if has_pension:
        limit_hours = limit / (wage * WEEKS_PER_MONTH)
        net_at_limit = calc.at(limit_hours)["net"]
        if limit_hours < FULL_TIME:
            # coarse scan above the limit, then bisection on the first crossing
            grid = np.arange(limit_hours, FULL_TIME + 1e-9, 0.25)[1:]
            prev = limit_hours
            for h in list(grid) + ([FULL_TIME] if not len(grid) or grid[-1] < FULL_TIME else []):
                if calc.at(h)["net"] >= net_at_limit - 1e-9:
                    lo, hi = prev, h
                    for _ in range(30):
                        mid = 0.5 * (lo + hi)
                        if calc.at(mid)["net"] >= net_at_limit - 1e-9:
                            hi = mid
                        else:
                            lo = mid
                    break_even = hi
                    break
                prev = h
    staying_net = None
    if staying is not None:
        sel = [i for i, m in enumerate(range(scenario.first_month, scenario.last_month + 1)) if m // 12 == year]
        if sel:
            staying_net = float(np.asarray(staying["net_income"])[sel].sum() / len(sel))
    by_year = []
    for y in range(first_year, last_year + 1):
        if hourly_wage is not None:     # the given wage that year, wage growth in the others
            path = np.full(12, hourly_wage * (1.0 + scenario.assumptions.wage_growth) ** (y - year))
        else:
            e_y, _, b_y = hourly_wage_for_year(scenario, person, y)
            path = wages.year(e_y, b_y, y) if e_y else wages.year(entered, basis, y)
        worked, worked_months = _scenario_work(scenario, person, y)
        # the months worked (the whole year if none): the month with the lowest limit / wage binds
        months = np.array(worked_months) if worked_months else \
            np.arange(max(y * 12, scenario.first_month), min(y * 12 + 11, scenario.last_month) + 1)
        lims = params.series("pension.earnings_limit", months, calc.warnings)
        w_m = path[months - y * 12]
        k = int(np.argmin(lims / w_m))
        lim, w_y = float(lims[k]), float(w_m[k])
        max_hours = lim / (w_y * WEEKS_PER_MONTH)
        by_year.append({"year": y, "hourly_wage": round(w_y, 2), "earnings_limit": round(lim, 2),
                        "max_hours_under_limit": round(max_hours, 4),
                        "scenario_hours": round(worked, 2) if worked is not None else None,
                        "over_limit": bool(worked is not None and worked > max_hours + 1e-9)})
    return Cliff(person.id, year, wage, hours, np.array([p["net"] for p in pts]),
                 np.array([p["gross"] for p in pts]), np.array([p["pension"] for p in pts]),
                 np.array([p["tax"] for p in pts]), np.array([p["contributions"] for p in pts]),
                 limit_hours, net_at_limit, break_even, limit, staying_net, by_year, sorted(calc.warnings),
                 np.array([p["benefits"] for p in pts]), np.array([p["fees"] for p in pts]))


def _scenario_work(scenario: Scenario, person: Person, year: int) -> tuple[float | None, list]:
    """(most hours a week, months worked) of the person in ``year`` in the
    scenario, the paid job after a time-limited avotyö included; hours None
    if not employed that year."""
    ordered = sorted(person.phases, key=lambda ph: month_number(ph.start))
    best, months = None, set()
    lo, hi = max(year * 12, scenario.first_month), min(year * 12 + 11, scenario.last_month)

    def take(a, b, hours):
        nonlocal best
        a, b = max(a, lo), min(b, hi)
        if a <= b:
            best = max(best or 0.0, hours)
            months.update(range(a, b + 1))

    pipe = scenario.pipeline
    for k, ph in enumerate(ordered):
        nxt = month_number(ordered[k + 1].start) - 1 if k + 1 < len(ordered) else scenario.last_month
        b = month_number(ph.end) if ph.end else nxt
        if isinstance(ph, EmploymentPhase):
            take(month_number(ph.start), b, ph.hours_per_week)
        elif pipe is not None and isinstance(ph, AvotyoPhase) and ph.time_limited:
            take(month_number(ph.start) + pipe.avotyo_time_limit_months, b, pipe.after_conversion.hours_per_week)
    return best, sorted(months)
