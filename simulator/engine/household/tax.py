"""Annual income tax of a single person: wage, pension and other taxable
earned income; no church, no capital income.

The algorithm is ``../shared/domain/income-tax.md`` §8, step by step, with
every figure read from ``data/parameters`` for the tax year (the value in
force on 1 January):

1. net earned income ``N = W + E + O − tulonhankkimisvähennys``
   (``T = min(750, W)``);
2. the employee's contributions ``C`` (TyEL, unemployment insurance,
   päivärahamaksu), deductible in both taxations;
3. from 2023 (``income_tax.one_tax_base`` = 1) one base:
   ``B = N − C − ansiotulovähennys − eläketulovähennys``, taxable
   ``X = B − perusvähennys(B)`` for state and municipal tax;
   in 2021–2022 two bases: municipal ``B_m = N − C − A − P_m −
   invalidivähennys``, ``X_m = B_m − perusvähennys(B_m)``; state
   ``X_s = N − C − P_s``;
4. state tax from the scale (minus the state invalidivähennys until 2022),
   municipal tax = town rate × X_m, sairaanhoitomaksu = wage rate × X_m +
   (pension rate − wage rate) × max(0, X_m − W);
5. työtulovähennys off the state tax first, the rest off municipal tax and
   sairaanhoitomaksu in proportion, none below 0;
6. YLE tax on N above the threshold, capped.

``W`` is wage income, ``E`` pension income (Kela and earnings-related
pensions), ``O`` other taxable earned income that is neither wage nor
pension (the taxable excess of työosuusraha): it counts in N, pays the
benefit rate of sairaanhoitomaksu and gets no wage deductions or credit
[simplification: the tax treatment of the excess was not seen in a source].

Simplifications (income-tax.md §8 caveats): no rounding to cents; no
church tax; veronmaksukyvyn alentumisvähennys, travel costs and union fees
are ignored; the child increases of työtulovähennys (2025–) are not
modelled; age steps use the age reached before the tax year (calendar
year − birth year − 1).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from simulator.model.parameters import ParameterError, ParameterSet, gap_message

MUNICIPALITIES = ("varkaus", "mikkeli", "pieksamaki")
#: the pilots' towns by scenario model (the default municipality of a person)
MODEL_TOWN = {"cooperative": "varkaus", "subcontracting": "mikkeli", "salaried": "pieksamaki"}
#: national average rate: for the published worked examples only
CHECK_RATES = ("national_average",)
SCALE_BRACKETS = 6

# short name -> parameter name (value on 1 January of the tax year)
_NAMES = {
    "one_base": "income_tax.one_tax_base",
    "scale_base": "income_tax.state_scale_base",
    "work_expense": "income_tax.work_expense_deduction",
    "atv_lower": "income_tax.ansiotulovahennys_lower",
    "atv_upper": "income_tax.ansiotulovahennys_upper",
    "atv_rate_lower": "income_tax.ansiotulovahennys_rate_lower",
    "atv_rate_upper": "income_tax.ansiotulovahennys_rate_upper",
    "atv_max": "income_tax.ansiotulovahennys_max",
    "atv_phaseout_start": "income_tax.ansiotulovahennys_phaseout_start",
    "atv_phaseout_rate": "income_tax.ansiotulovahennys_phaseout_rate",
    "elv_full": "income_tax.elaketulovahennys_full",
    "elv_rate": "income_tax.elaketulovahennys_rate",
    "elv_knee": "income_tax.elaketulovahennys_knee",
    "elv_rate_above": "income_tax.elaketulovahennys_rate_above_knee",
    "elv_full_state": "income_tax.elaketulovahennys_full_state",
    "elv_rate_state": "income_tax.elaketulovahennys_rate_state",
    "pv_max": "income_tax.perusvahennys_max",
    "pv_rate": "income_tax.perusvahennys_phaseout_rate",
    "inv_municipal": "income_tax.invalidivahennys_municipal",
    "inv_state": "income_tax.invalidivahennys_state",
    "ttv_rate": "income_tax.tyotulovahennys_rate",
    "ttv_floor": "income_tax.tyotulovahennys_wage_floor",
    "ttv_max": "income_tax.tyotulovahennys_max",
    "ttv_inc60": "income_tax.tyotulovahennys_max_increase_60",
    "ttv_inc62": "income_tax.tyotulovahennys_max_increase_62",
    "ttv_inc65": "income_tax.tyotulovahennys_max_increase_65",
    "ttv_start": "income_tax.tyotulovahennys_phaseout_start",
    "ttv_prate": "income_tax.tyotulovahennys_phaseout_rate",
    "ttv_knee": "income_tax.tyotulovahennys_phaseout_knee",
    "ttv_prate_above": "income_tax.tyotulovahennys_phaseout_rate_above_knee",
    "yle_rate": "income_tax.yle_rate",
    "yle_threshold": "income_tax.yle_threshold",
    "yle_max": "income_tax.yle_max",
    "yle_min_age": "income_tax.yle_min_age",
    "inv_min_rating": "income_tax.invalidivahennys_min_rating",
    "prm_rate": "health_insurance.employee_daily_allowance",
    "prm_threshold": "health_insurance.daily_allowance_threshold",
    "shm_wage": "health_insurance.medical_care_wage",
    "shm_pension": "health_insurance.medical_care_pension",
    "tyel": "tyel.employee_share_under_53",
    "tyel_53_62": "tyel.employee_share_53_62",
    "unemployment": "unemployment_insurance.employee",
}
#: the TyEL insurance ages: the employer's contribution's band (``applies_to_ages``
#: of ``tyel.employer_average``, the upper limit by birth year from ``tyel.upper_age``)
TYEL_INSURED = "tyel.employer_average"


class TaxInputError(ValueError):
    """A tax input that cannot be used (unknown municipality, negative amount)."""

    def __init__(self, en: str, fi: str):
        self.en, self.fi = en, fi
        super().__init__(f"{en} / {fi}")


@dataclass(frozen=True)
class TaxRules:
    """Every figure the algorithm needs for one tax year and town."""
    year: int
    municipality: str
    municipal_rate: float
    scale: tuple          # ((lower limit, rate), ...) for the year's brackets
    v: dict               # short name -> value (percentages as fractions)
    ages: dict            # short name -> (lo, hi) age band of a contribution
    warnings: tuple = ()  # gaps and values past known_until used for this year
    tyel_upper: tuple = ()  # ((first birth year, upper age), ...) of ``tyel.upper_age``

    def __getattr__(self, name):
        try:
            return self.__dict__["v"][name]
        except KeyError:
            raise AttributeError(name) from None

    # --- contributions by age (age reached in the calendar year, as the engine)
    def _in(self, key: str, age: int | None, default=(None, None)) -> bool:
        lo, hi = self.ages.get(key) or default
        if age is None:
            return True
        return (lo is None or age >= lo) and (hi is None or age <= hi)

    def tyel_insured(self, age: int | None) -> bool:
        """Inside the TyEL insurance ages (age reached in the calendar year):
        from the employer contribution's lower age to the upper age of the
        person's birth year (``tyel.upper_age``)."""
        if age is None:
            return True
        lo, hi = self.ages.get("tyel_insured") or (None, None)
        birth = self.year - age
        for first, upper in self.tyel_upper:
            if birth >= first:
                hi = upper
        return (lo is None or age >= lo) and (hi is None or age <= hi)

    def tyel_rate(self, age: int | None) -> float:
        if not self.tyel_insured(age):
            return 0.0
        return self.v["tyel_53_62"] if age is not None and self._in("tyel_53_62", age) else self.v["tyel"]

    def unemployment_rate(self, age: int | None) -> float:
        return self.v["unemployment"] if self._in("unemployment", age) else 0.0

    def prm_rate_for(self, age: int | None) -> float:
        return self.v["prm_rate"] if self._in("prm_rate", age) else 0.0


def rules_for_year(params: ParameterSet, year: int, municipality: str) -> TaxRules:
    """Load the tax figures in force on 1 January of ``year``.

    A value that is a gap in the sources, or a year past a parameter's
    ``known_until``, is used (the last value carried forward) and named in
    ``warnings`` as the engine's parameter warnings (``parameter_gap`` messages).
    """
    if municipality not in MUNICIPALITIES + CHECK_RATES:
        raise TaxInputError(
            f"unknown municipality {municipality!r} (known: {', '.join(MUNICIPALITIES)})",
            f"tuntematon kunta {municipality!r} (tunnetut: {', '.join(MUNICIPALITIES)})")
    day = dt.date(year, 1, 1)
    warnings = []

    def get(name):
        p = params.get(name)
        e = p.entry_at(day)
        if e.status == "gap" or day > p.known_until:
            warnings.append(gap_message(p, [year]))
        return e.value * p.scale

    v = {k: get(n) for k, n in _NAMES.items()}
    ages = {k: params.get(n).ages for k, n in _NAMES.items() if params.get(n).ages}
    insured = params.get(TYEL_INSURED)
    ages["tyel_insured"] = insured.ages
    upper = params.get(insured.upper_age_by_birth_year).entries if insured.upper_age_by_birth_year else ()
    tyel_upper = tuple((e.valid_from.year, int(e.value)) for e in upper)
    rate = get(f"income_tax.municipal_rate_{municipality}")
    brackets = []
    for k in range(1, SCALE_BRACKETS + 1):
        lo, r = get(f"income_tax.state_scale_lower_{k}"), get(f"income_tax.state_scale_rate_{k}")
        if brackets and lo == brackets[-1][0] and r == brackets[-1][1]:
            continue  # a repeated top bracket: the year has fewer brackets
        brackets.append((lo, r))
    return TaxRules(year, municipality, rate, tuple(brackets), v, ages, tuple(dict.fromkeys(warnings)), tyel_upper)


def state_scale_tax(rules: TaxRules, income: float) -> float:
    """Tax from the state scale: base at the first limit + marginal rates; 0 below it."""
    scale = rules.scale
    if income < scale[0][0]:
        return 0.0
    tax = rules.scale_base
    for k, (lo, rate) in enumerate(scale):
        hi = scale[k + 1][0] if k + 1 < len(scale) else float("inf")
        if income > lo:
            tax += rate * (min(income, hi) - lo)
    return tax


@dataclass
class TaxResult:
    """Every step of the annual calculation (euros a year, unrounded)."""
    year: int
    municipality: str
    wage: float
    pension: float
    other: float
    work_expense_deduction: float = 0.0
    net_earned_income: float = 0.0
    tyel: float = 0.0
    unemployment: float = 0.0
    daily_allowance: float = 0.0           # päivärahamaksu
    ansiotulovahennys: float = 0.0
    elaketulovahennys: float = 0.0         # municipal (2021–22) or the one deduction
    elaketulovahennys_state: float = 0.0
    invalidivahennys: float = 0.0          # municipal, from income
    invalidivahennys_state: float = 0.0    # off the state tax
    perusvahennys: float = 0.0
    taxable_municipal: float = 0.0
    taxable_state: float = 0.0
    state_tax_gross: float = 0.0
    municipal_tax_gross: float = 0.0
    medical_care_gross: float = 0.0        # sairaanhoitomaksu before the credit
    tyotulovahennys: float = 0.0
    state_tax: float = 0.0
    municipal_tax: float = 0.0
    medical_care: float = 0.0              # sairaanhoitomaksu after the credit
    yle_tax: float = 0.0
    warnings: tuple = field(default=())

    @property
    def contributions(self) -> float:
        return self.tyel + self.unemployment + self.daily_allowance

    @property
    def total(self) -> float:
        """Income tax: state + municipal + sairaanhoitomaksu + YLE (church 0)."""
        return self.state_tax + self.municipal_tax + self.medical_care + self.yle_tax

    @property
    def total_with_contributions(self) -> float:
        return self.total + self.contributions

    def to_dict(self) -> dict:
        d = asdict(self)
        d["warnings"] = [w.to_dict() for w in self.warnings]
        d.update(contributions=self.contributions, total=self.total,
                 total_with_contributions=self.total_with_contributions)
        return d


def _perusvahennys(r: TaxRules, income: float) -> float:
    if income <= r.pv_max:
        return max(income, 0.0)
    return max(r.pv_max - r.pv_rate * (income - r.pv_max), 0.0)


def _ansiotulovahennys(r: TaxRules, wage: float, net: float) -> float:
    if r.atv_max <= 0:
        return 0.0
    amount = (r.atv_rate_lower * min(max(wage - r.atv_lower, 0.0), r.atv_upper - r.atv_lower)
              + r.atv_rate_upper * max(wage - r.atv_upper, 0.0))
    amount = min(amount, r.atv_max) - r.atv_phaseout_rate * max(net - r.atv_phaseout_start, 0.0)
    return max(amount, 0.0)


def _elaketulovahennys(full, rate, knee, rate_above, net, pension) -> float:
    if pension <= 0:
        return 0.0
    cut = rate * max(min(net, knee) - full, 0.0) + rate_above * max(net - knee, 0.0)
    return min(max(full - cut, 0.0), pension)


def _tyotulovahennys(r: TaxRules, wage: float, net: float, age: int | None) -> float:
    if wage <= 0:
        return 0.0
    before_year = None if age is None else age - 1
    inc = 0.0
    if before_year is not None:
        # the highest age step reached (applies_to_ages of each increase)
        for key in ("ttv_inc60", "ttv_inc62", "ttv_inc65"):
            if before_year >= r.ages[key][0]:
                inc = r.v[key]
    amount = min(r.ttv_rate * max(wage - r.ttv_floor, 0.0), r.ttv_max + inc)
    cut = (r.ttv_prate * max(min(net, r.ttv_knee) - r.ttv_start, 0.0)
           + r.ttv_prate_above * max(net - max(r.ttv_knee, r.ttv_start), 0.0))
    return max(amount - cut, 0.0)


def income_tax(rules: TaxRules, wage: float, pension: float = 0.0, other: float = 0.0, *,
               age: int | None = None, disability_rating: float = 0.0,
               tyel: float | None = None, unemployment: float | None = None,
               daily_allowance: float | None = None) -> TaxResult:
    """Annual income tax (income-tax.md §8) of wage ``W``, pension ``E`` and
    other taxable earned income ``O``.

    ``age`` is the age reached in the calendar year (None: an adult under 53).
    ``disability_rating`` (0–1) gives invalidivähennys in 2021–2022 from
    0.3 up. ``tyel``, ``unemployment`` and ``daily_allowance`` override the
    contributions computed from the year's rates (e.g. summed month by month).
    """
    W, E, O = float(wage), float(pension), float(other)
    if min(W, E, O) < 0:
        raise TaxInputError("income amounts must not be negative", "tulot eivät voi olla negatiivisia")
    r = rules
    res = TaxResult(r.year, r.municipality, W, E, O, warnings=r.warnings)
    res.work_expense_deduction = T = min(r.work_expense, W)
    res.net_earned_income = N = W + E + O - T
    res.tyel = r.tyel_rate(age) * W if tyel is None else float(tyel)
    res.unemployment = r.unemployment_rate(age) * W if unemployment is None else float(unemployment)
    if daily_allowance is None:
        daily_allowance = r.prm_rate_for(age) * W if W >= r.prm_threshold else 0.0
    res.daily_allowance = float(daily_allowance)
    C = res.contributions
    res.ansiotulovahennys = A = _ansiotulovahennys(r, W, N)
    res.elaketulovahennys = P = _elaketulovahennys(r.elv_full, r.elv_rate, r.elv_knee, r.elv_rate_above, N, E)
    if r.one_base >= 0.5:
        B = max(N - C - A - P, 0.0)
        res.perusvahennys = _perusvahennys(r, B)
        res.taxable_municipal = res.taxable_state = max(B - res.perusvahennys, 0.0)
        inv_state = 0.0
    else:
        rating = disability_rating if disability_rating >= r.inv_min_rating - 1e-12 else 0.0
        own_net = max(W + O - T, 0.0)  # municipal invalidivähennys: non-pension net income only
        res.invalidivahennys = min(r.inv_municipal * rating, own_net)
        B_m = max(N - C - A - P - res.invalidivahennys, 0.0)
        res.perusvahennys = _perusvahennys(r, B_m)
        res.taxable_municipal = max(B_m - res.perusvahennys, 0.0)
        res.elaketulovahennys_state = P_s = (
            min(max(r.elv_full_state - r.elv_rate_state * max(N - r.elv_full_state, 0.0), 0.0), E)
            if E > 0 else 0.0)
        res.taxable_state = max(N - C - P_s, 0.0)
        inv_state = r.inv_state * rating
    X_m, X_s = res.taxable_municipal, res.taxable_state
    scale_tax = state_scale_tax(r, X_s)
    res.invalidivahennys_state = min(inv_state, scale_tax)
    res.state_tax_gross = scale_tax - res.invalidivahennys_state
    res.municipal_tax_gross = r.municipal_rate * X_m
    res.medical_care_gross = r.shm_wage * X_m + (r.shm_pension - r.shm_wage) * max(X_m - W, 0.0)
    # työtulovähennys: state tax first, then municipal tax and sairaanhoitomaksu in proportion
    res.tyotulovahennys = credit = _tyotulovahennys(r, W, N, age)
    res.state_tax = max(res.state_tax_gross - credit, 0.0)
    rest = credit - (res.state_tax_gross - res.state_tax)
    others = res.municipal_tax_gross + res.medical_care_gross
    share = min(rest / others, 1.0) if others > 0 and rest > 0 else 0.0
    res.municipal_tax = res.municipal_tax_gross * (1.0 - share)
    res.medical_care = res.medical_care_gross * (1.0 - share)
    adult = age is None or age - 1 >= r.yle_min_age
    res.yle_tax = min(r.yle_max, r.yle_rate * max(N - r.yle_threshold, 0.0)) if adult else 0.0
    return res


def estimate(params: ParameterSet, year: int, municipality: str, wage: float, pension: float = 0.0,
             other: float = 0.0, **kw) -> TaxResult:
    """Convenience: load the year's rules and compute the tax."""
    try:
        rules = rules_for_year(params, year, municipality)
    except ParameterError as exc:
        raise TaxInputError(f"no tax parameters for {year}: {exc}",
                            f"vuodelle {year} ei ole veroparametreja: {exc}") from None
    return income_tax(rules, wage, pension, other, **kw)


def withholding(rate: float, wage: float, pension: float = 0.0, other: float = 0.0) -> float:
    """Income tax at a given withholding rate (veroprosentti) on all taxable
    income. The rate is taken to cover state, municipal and YLE tax,
    sairaanhoitomaksu and päivärahamaksu; TyEL and unemployment insurance are
    withheld separately [assumption]."""
    if not 0 <= rate <= 1:
        raise TaxInputError(f"withholding rate must be 0–1, got {rate}",
                            f"ennakonpidätysprosentin pitää olla 0–1, annettu {rate}")
    return rate * (wage + pension + other)
