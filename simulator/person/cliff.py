"""The pension cliff: net monthly income against hours worked a week.

A Kela disability pension stops whole, not gradually, when monthly pay
passes the earnings limit (employment-models.md §0). For a chosen year the
person is taken to work all year at ``h`` hours a week (0–37.5) at the
hourly wage the scenario gives them in that year (wage growth included);
each point is the year's net income / 12 computed by the same rules as the
monthly view (``income.py``: pension rest month by month against the
limit of the month, every benefit — hoitotuki/vammaistuki, the income-tested
housing allowances, labour-market support, basic social assistance — the
client fee, contributions, annual tax), so the benefits' plateaus show
beside the pension cliff. The pay is steady monthly pay without lomaraha.

Marked:
- ``limit_hours``: the hours at which pay reaches the year's (lowest)
  earnings limit; up to them the pension is paid all year;
- ``break_even_hours``: the first hours above the limit at which net income
  is back at its level just under the limit ("working more starts to pay
  again"), None if not reached by full time (37.5 h);
- by year of the projection, the hours that keep pay just under the limit
  as the wage rises (``limits_by_year``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.model.conventions import WEEKS_PER_MONTH, first_day, month_number
from simulator.engine.projection import project
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


def hourly_wage_for_year(scenario: Scenario, person: Person, year: int) -> tuple[float | None, float]:
    """(hourly wage in first-year prices, scenario hours a week) of the person's
    pay in ``year``: the employment phase running that year, else the
    pipeline's paid job for a time-limited avotyö, else the first employment."""
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
            return _hourly(ph), ph.hours_per_week
    pipe = scenario.pipeline
    if pipe and any(isinstance(ph, AvotyoPhase) and ph.time_limited for ph in person.phases):
        ac = pipe.after_conversion
        if _hourly(ac):
            return _hourly(ac), ac.hours_per_week
    for ph in emp:
        if _hourly(ph):
            return _hourly(ph), ph.hours_per_week
    return None, 0.0


@dataclass
class Cliff:
    person_id: str
    year: int
    hourly_wage: float                 # in the year's terms
    hours: np.ndarray
    net: np.ndarray                    # net income a month (year / 12)
    gross: np.ndarray
    pension: np.ndarray
    tax: np.ndarray
    contributions: np.ndarray
    limit_hours: float | None
    net_at_limit: float | None
    break_even_hours: float | None
    limit: float                       # the year's lowest earnings limit €/month
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
    """Net income of one person working all of one year at given hours."""

    def __init__(self, scenario: Scenario, person: Person, year: int, hourly: float, params: ParameterSet):
        self.params = params
        first_year = scenario.first_month // 12
        self.wage = hourly * (1.0 + scenario.assumptions.wage_growth) ** max(year - first_year, 0)
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

    def at(self, hours: float) -> dict:
        key = round(float(hours), 6)
        if key in self.cache:
            return self.cache[key]
        s = self.scenario
        phase = EmploymentPhase(kind="employment", start=s.start, employer="company",
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
               "limit": float(L["earnings_limit"].min())}
        self.cache[key] = out
        return out


def pension_cliff(scenario: Scenario, person: Person, year: int | None = None,
                  params: ParameterSet | None = None, hourly_wage: float | None = None,
                  staying: dict | None = None, source: str = "<scenario>") -> Cliff:
    """The net-income-by-hours curve of ``person`` in ``year`` (default: the
    first year the person is employed in the scenario, else its first year).
    ``hourly_wage`` (in the year's terms) overrides the scenario's pay;
    ``staying`` is the baseline lines of ``income.person_view`` for the
    reference level of staying in the first phase."""
    params = params or ParameterSet.load()
    first_year, last_year = scenario.first_month // 12, scenario.last_month // 12
    if year is None:
        emp = [month_number(ph.start) // 12 for ph in person.phases if isinstance(ph, EmploymentPhase)]
        year = min([y for y in emp if first_year <= y <= last_year], default=first_year)
    hourly, _ = hourly_wage_for_year(scenario, person, year)
    growth = (1.0 + scenario.assumptions.wage_growth) ** max(year - first_year, 0)
    if hourly_wage is not None:
        hourly = hourly_wage / growth
    if not hourly:
        raise ScenarioError(source, [(f"people[{scenario.people.index(person)}]",
                                      f"{person.id} has no employment phase to take the hourly wage from; "
                                      "give an hourly wage for the curve",
                                      f"henkilöllä {person.id} ei ole palkkatyövaihetta, josta tuntipalkka "
                                      "otettaisiin; anna tuntipalkka käyrää varten")])
    calc = _Year(scenario, person, year, hourly, params)
    hours = np.round(np.arange(0.0, FULL_TIME + 1e-9, GRID_STEP), 4)
    pts = [calc.at(h) for h in hours]
    limit = pts[0]["limit"]
    has_pension = (person.disability_pension or 0) > 0 or (person.earnings_related_pension or 0) > 0
    limit_hours = net_at_limit = break_even = None
    if has_pension:
        limit_hours = limit / (calc.wage * WEEKS_PER_MONTH)
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
        h_y, scen_hours = hourly_wage_for_year(scenario, person, y)
        if hourly_wage is not None or not h_y:
            h_y = hourly
        w_y = h_y * (1.0 + scenario.assumptions.wage_growth) ** (y - first_year)
        worked, worked_months = _scenario_work(scenario, person, y)
        # the lowest limit of the months worked (of the whole year if none)
        months = np.array(worked_months) if worked_months else \
            np.arange(max(y * 12, scenario.first_month), min(y * 12 + 11, scenario.last_month) + 1)
        lim = float(params.series("pension.earnings_limit", months, calc.warnings).min())
        max_hours = lim / (w_y * WEEKS_PER_MONTH)
        by_year.append({"year": y, "hourly_wage": round(w_y, 2), "earnings_limit": round(lim, 2),
                        "max_hours_under_limit": round(max_hours, 4),
                        "scenario_hours": round(worked, 2) if worked is not None else None,
                        "over_limit": bool(worked is not None and worked > max_hours + 1e-9)})
    return Cliff(person.id, year, calc.wage, hours, np.array([p["net"] for p in pts]),
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
