"""The scenario: the strict data model of one model's assumptions (pydantic).

Unknown keys are errors and types are strict (a quoted "12" is not a
number). Checking a whole file is ``problems.py``, reading YAML ``loader.py``
and merging a scenario on its base ``overrides.py``.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simulator.model.conventions import month_number
from simulator.model.schema import MONEY_MAX, UPPER_BOUNDS, classes_in, meta as M
from simulator.model.uncertainty_spec import Uncertainty

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"

NonNeg = Annotated[float, Field(ge=0)]
Share = Annotated[float, Field(ge=0, le=1)]
Month = Annotated[str, Field(description="YYYY-MM")]
Start = Annotated[Month, M("month", "f.start", "h.start")]
End = Annotated[Month | None, M("month", "f.end", "h.end")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


def normal_description(v):
    """A description as stored: ``{fi, en}`` when the two texts differ and both
    are given, otherwise the one text (so a file and its workbook agree)."""
    if isinstance(v, str):
        return v
    if not isinstance(v, dict) or set(v) - {"fi", "en"} or not all(isinstance(x, str) for x in v.values()):
        raise ValueError("expected a text or {fi: text, en: text}")
    fi, en = v.get("fi") or "", v.get("en") or ""
    return {"fi": fi, "en": en} if fi and en and fi != en else (fi or en)


def description_text(v, lang: str = "fi") -> str:
    """The text of a description (a string or ``{fi, en}``) in ``lang``."""
    if isinstance(v, dict):
        return v.get(lang) or v.get("fi") or v.get("en") or ""
    return v or ""


def with_description(old, lang: str, text: str):
    """A description after the text in ``lang`` was edited: a ``{fi, en}``
    description keeps the other language; a single text is replaced."""
    if isinstance(old, dict):
        return normal_description({**old, lang: text})
    return text


def _check_month(v):
    if v is None:
        return v
    month_number(v)  # raises ValueError with a clear message
    return v


class Assumptions(Strict):
    """General assumptions; rates are fractions a year (0.02 = 2 %)."""
    wage_growth: Annotated[float, Field(ge=-0.5, le=1),
                           M("share_year", "f.wage_growth", "h.percent", kind="pct", short="ua.wage_growth")] = 0.02
    price_growth: Annotated[float, Field(ge=-0.5, le=1),
                            M("share_year", "f.price_growth", "h.percent", kind="pct", short="ua.price_growth")] = 0.02
    cost_inflation: Annotated[float, Field(ge=-0.5, le=1),
                              M("share_year", "f.cost_inflation", "h.percent", kind="pct",
                                short="ua.cost_inflation")] = 0.02
    discount_rate: Annotated[float, Field(ge=-0.5, le=1),
                             M("share_year", "f.discount_rate", "h.percent", kind="pct",
                               short="ua.discount_rate")] = 0.03
    accident_insurance_rate: Annotated[Share | None, M("share_pay", "f.accident_insurance_rate", "h.optional_rate",
                                                       kind="pct", short="ua.accident_insurance_rate")] = None  # None = by accident_insurance_class
    # average = the national average (accident_insurance.average); cleaning =
    # an estimate for cleaning and property work (accident_insurance.cleaning_estimate, warned)
    accident_insurance_class: Annotated[Literal["average", "cleaning"],
                                        M("", "f.accident_insurance_class", "h.accident_insurance_class")] = "average"
    # the employer's pension insurance: TyEL employers' average share, the TyEL
    # basic rate of a small employer (tyel.basic_rate), or Keva's pay-based
    # contribution of a public employer (keva.pay_based_contribution)
    pension_scheme: Annotated[Literal["tyel_average", "tyel_basic", "keva"],
                              M("", "f.pension_scheme", "h.pension_scheme")] = "tyel_average"
    sick_days_per_year: Annotated[float, Field(ge=0, le=250),
                                  M("days_year", "f.sick_days_per_year", "h.sick_days_per_year")] = 0.0  # expected paid sick days a person a year
    occupational_health_per_person: Annotated[NonNeg, M("eur_person_year", "f.occupational_health_per_person",
                                                        "h.occupational_health_per_person")] = 0.0  # €/person/year, preventive care, gross, first-year prices
    group_life_insurance_rate: Annotated[Share | None,
                                         M("share_pay", "f.group_life_insurance_rate", "h.optional_rate",
                                           kind="pct", short="ua.group_life_insurance_rate")] = None
    customer_payment_term_days: Annotated[int, Field(ge=0, le=365),
                                          M("days", "f.customer_payment_term_days", "h.customer_payment_term_days",
                                            short="ua.customer_payment_term_days")] = 14
    palkkatuki_payment_delay_months: Annotated[int, Field(ge=0, le=24),
                                               M("months", "f.palkkatuki_payment_delay_months",
                                                 "h.palkkatuki_payment_delay_months",
                                                 short="ua.palkkatuki_payment_delay_months")] = 2
    # chance that a new palkkatuki decision follows one on the reduced-work-capacity route (expected value)
    palkkatuki_renewal_probability: Annotated[Share, M("share", "f.palkkatuki_renewal_probability",
                                                       "h.palkkatuki_renewal_probability", kind="pct",
                                                       short="ua.palkkatuki_renewal_probability")] = 0.0
    # share of the pay cost of staff paid_by: project_grant that the grant covers (own financing the rest)
    project_grant_share: Annotated[Share, M("share", "f.project_grant_share", "h.project_grant_share", kind="pct",
                                            short="ua.project_grant_share")] = 1.0
    holiday_pay_month: Annotated[int, Field(ge=1, le=12),
                                 M("calendar_month", "f.holiday_pay_month", "h.holiday_pay_month",
                                   kind="calendar_month")] = 7
    vat_registered: Annotated[bool, M("", "f.vat_registered", "h.vat_registered")] = True
    pays_income_tax: Annotated[bool, M("", "f.pays_income_tax", "h.pays_income_tax")] = False
    income_tax_payment_month: Annotated[int, Field(ge=1, le=12),
                                        M("calendar_month", "f.income_tax_payment_month", "h.income_tax_payment_month",
                                          kind="calendar_month")] = 5


class ExplicitPalkkatuki(Strict):
    rate: Annotated[Share, M("share", "f.pt_rate", "h.pt_rate", kind="pct", short="ua.palkkatuki.rate")]
    months: Annotated[int, Field(ge=1, le=120), M("months", "f.pt_months", "h.pt_rate", short="ua.palkkatuki.months")]
    monthly_cap: Annotated[NonNeg | None, M("eur_month", "f.pt_cap", "h.pt_rate",
                                            short="ua.palkkatuki.monthly_cap")] = None  # None = the statutory cap for the route


PalkkatukiChoice = Union[Literal["auto", "none"], ExplicitPalkkatuki]
# how pay rises: the scenario's wage_growth, or a collective agreement's raises (data/parameters/tes/<name>_raise.yaml)
PayBasis = Literal["wage_growth", "tes_kiinteistopalvelu", "tes_kauppa", "ttes"]


class WorkActivityPhase(Strict):
    """Work activity (työtoiminta) arranged by this unit or by another."""
    kind: Annotated[Literal["work_activity"], M("", "f.phase_kind", "h.phase_kind")]
    start: Start
    end: End = None
    days_per_month: Annotated[float, Field(ge=0, le=23),
                              M("days_month", "f.days_per_month", "h.days_per_month", short="ua.days_per_month")]
    tyoosuusraha_per_day: Annotated[NonNeg, M("eur_day", "f.tyoosuusraha_per_day", "h.tyoosuusraha_per_day",
                                             short="ua.tyoosuusraha_per_day")] = 0.0
    day_price: Annotated[NonNeg, M("eur_day", "f.day_price", "h.day_price",
                                  short="ua.day_price")] = 0.0          # what the municipality/county pays the arranger a day
    # True: the day price of this work activity is not known (day_price then 0); named in every comparison
    day_price_unknown: Annotated[bool, M("", "f.day_price_unknown", "h.day_price_unknown")] = False
    cost_per_day: Annotated[NonNeg, M("eur_day", "f.cost_per_day", "h.cost_per_day",
                                     short="ua.cost_per_day")] = 0.0       # the unit's own direct cost a day
    meal_fee_per_day: Annotated[NonNeg, M("eur_day", "f.meal_fee_per_day", "h.meal_fee_per_day",
                                         short="ua.meal_fee_per_day")] = 0.0   # client fee the person pays the unit a day
    arranged_by: Annotated[Literal["this", "other"], M("", "f.arranged_by", "h.arranged_by")] = "this"

    _m = field_validator("start", "end")(_check_month)


class AvotyoPhase(WorkActivityPhase):
    """Avotyö: work activity placed at a company, which may pay the unit."""
    kind: Annotated[Literal["avotyo"], M("", "f.phase_kind", "h.phase_kind")]  # type: ignore[assignment]
    company_fee_per_day: Annotated[NonNeg, M("eur_day", "f.company_fee_per_day", "h.company_fee_per_day",
                                             short="ua.company_fee_per_day")] = 0.0
    company_fee_vat: Annotated[Literal["standard", "exempt"],
                               M("", "f.company_fee_vat", "h.company_fee_vat")] = "standard"
    time_limited: Annotated[bool, M("", "f.time_limited", "h.time_limited")] = False


Employer = Annotated[Literal["this", "company"], M("", "f.employer", "h.employer")]
Palkkatuki = Annotated[PalkkatukiChoice, M("", "f.palkkatuki", "h.palkkatuki", kind="palkkatuki")]


class PaidWork(Strict):
    """The terms of paid work, declared once: an employment phase's and the
    pipeline's paid job after conversion (``AfterConversion``, other defaults)."""
    employer: Employer = "this"
    hours_per_week: Annotated[float, Field(ge=0, le=60),
                              M("hours_week", "f.hours_per_week", "h.hours_per_week", short="ua.hours_per_week")]
    hourly_wage: Annotated[NonNeg | None, M("eur_hour", "f.hourly_wage", "h.hourly_wage",
                                            short="ua.hourly_wage")] = None
    monthly_pay: Annotated[NonNeg | None, M("eur_month", "f.monthly_pay", "h.monthly_pay",
                                            short="ua.monthly_pay")] = None
    palkkatuki: Palkkatuki = "none"


class EmploymentSpan(Strict):
    """The kind and months of an employment phase (fields first in ``EmploymentPhase``)."""
    kind: Annotated[Literal["employment"], M("", "f.phase_kind", "h.phase_kind")]
    start: Start
    end: End = None

    _m = field_validator("start", "end")(_check_month)


class EmploymentPhase(PaidWork, EmploymentSpan):
    """Paid employment by this organisation or by an outside company."""
    # fields: kind, start, end (EmploymentSpan, the last base comes first), the pay terms (PaidWork), pay_basis
    # wage_growth = the flat rate each 1 January; else a collective agreement's dated raises (data/parameters/tes/)
    pay_basis: Annotated[PayBasis, M("", "f.pay_basis", "h.pay_basis")] = "wage_growth"


Phase = Annotated[Union[WorkActivityPhase, AvotyoPhase, EmploymentPhase],
                  Field(discriminator="kind")]


class Person(Strict):
    id: Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_-]+$"), M("", "f.id", "h.id")]
    birth_year: Annotated[Annotated[int, Field(ge=1900, le=2100)] | None,
                          M("year", "f.birth_year", "h.birth_year")] = None
    # age at the scenario start
    age: Annotated[Annotated[int, Field(ge=0, le=120)] | None,
                   M("years", "f.age", "h.age")] = None
    reduced_work_capacity: Annotated[bool, M("", "f.reduced_work_capacity", "h.reduced_work_capacity")] = False
    # a registered jobseeker (palkkatuki auto needs it; a disability pensioner can register)
    jobseeker: Annotated[bool, M("", "f.jobseeker", "h.jobseeker")] = True
    # €/month, for the person's view
    disability_pension: Annotated[NonNeg | None,
                                  M("eur_month", "f.disability_pension", "h.disability_pension", short="ua.disability_pension")] = None
    phases: Annotated[list[Phase], M("", "f.phases", "h.phases")] = []
    # --- the person's view (simulator/person); all optional, none affects the engine.
    # disability_pension above is the Kela disability pension incl. takuueläke
    # (€/month in the first month's terms; follows the Kela index).
    # €/month, työeläke (disability), nominal
    earnings_related_pension: Annotated[NonNeg | None,
                                        M("eur_month", "f.earnings_related_pension", "h.earnings_related_pension", short="ua.earnings_related_pension")] = None
    # who pays the earnings-related pension: Keva (public sector) or a TyEL pension company
    pension_institution: Annotated[Literal["tyel", "keva"], M("", "f.pension_institution",
                                                               "h.pension_institution")] = "tyel"
    # €/month, higher limit of the earnings-related pension
    personal_earnings_limit: Annotated[NonNeg | None,
                                       M("eur_month", "f.personal_earnings_limit", "h.personal_earnings_limit", short="ua.personal_earnings_limit")] = None
    # True: the pension rests through each employment above the limit
    let_pension_rest: Annotated[bool | None,
                                M("", "f.let_pension_rest", "h.let_pension_rest")] = None
    # eläkettä saavan hoitotuki granted
    hoitotuki: Annotated[Literal["basic", "raised", "highest"] | None,
                         M("", "f.hoitotuki", "h.hoitotuki")] = None
    # vammaistuki granted
    vammaistuki: Annotated[Literal["basic", "raised", "highest"] | None,
                           M("", "f.vammaistuki", "h.vammaistuki")] = None
    # €/month, tax-free, as entered
    housing_allowance: Annotated[NonNeg | None,
                                 M("eur_month", "f.housing_allowance", "h.housing_allowance", short="ua.housing_allowance")] = None
    # €/month: rent with water and heating (or a service-housing fee's housing share);
    # entered: the income-tested housing allowances and social assistance are computed
    housing_costs: Annotated[NonNeg | None,
                             M("eur_month", "f.housing_costs", "h.housing_costs", short="ua.housing_costs")] = None
    household: Annotated[Literal["single", "couple"], M("", "f.household", "h.household")] = "single"
    # unemployed jobseeker without a disability pension, entitled to labour-market support
    on_labour_market_support: Annotated[bool, M("", "f.on_labour_market_support",
                                                "h.on_labour_market_support")] = False
    # legal basis of the housing-service decision (client fee)
    housing_service: Annotated[Literal["social_welfare_act", "developmental_disabilities_act",
                                       "disability_services_act"] | None,
                               M("", "f.housing_service", "h.housing_service")] = None
    # €/month, flat upkeep and meals of the housing service
    housing_service_upkeep: Annotated[NonNeg | None,
                                      M("eur_month", "f.housing_service_upkeep", "h.housing_service_upkeep",
                                        short="ua.housing_service_upkeep")] = None
    # None = the model's pilot town
    municipality: Annotated[Literal["varkaus", "mikkeli", "pieksamaki"] | None,
                            M("", "f.municipality", "h.municipality")] = None
    # of taxable income (0.12 = 12 %); None = estimate
    withholding_rate: Annotated[Share | None,
                                M("share", "f.withholding_rate", "h.withholding_rate", kind="pct", short="ua.withholding_rate")] = None
    # haitta-aste for invalidivähennys (2021–2022)
    disability_rating: Annotated[Share | None,
                                 M("share", "f.disability_rating", "h.disability_rating", kind="pct", short="ua.disability_rating")] = None
    # in work activity; None = the phases' meal fees
    meal_fee_per_day: Annotated[NonNeg | None,
                                M("eur_day", "f.meal_fee_per_day", "h.person_meal_fee_per_day", short="ua.meal_fee_per_day")] = None
    # the person pays in work activity
    transport_fee_per_day: Annotated[NonNeg | None,
                                     M("eur_day", "f.transport_fee_per_day", "h.transport_fee_per_day", short="ua.transport_fee_per_day")] = None


class Staff(Strict):
    role: Annotated[str, Field(min_length=1), M("", "f.role", "h.role")]
    name: Annotated[str | None, M("", "f.name", "h.staff_name")] = None
    fte: Annotated[float, Field(ge=0, le=10), M("fte", "f.fte", "h.fte", short="ua.fte")]
    monthly_pay: Annotated[NonNeg,
                           M("eur_month", "f.staff_monthly_pay", "h.staff_monthly_pay", short="ua.staff.monthly_pay")]
    paid_by: Annotated[Literal["this", "municipality", "project_grant"], M("", "f.paid_by", "h.paid_by")] = "this"
    pay_basis: Annotated[PayBasis, M("", "f.pay_basis", "h.pay_basis")] = "wage_growth"
    # participants of the whole unit that share this post (None = the scenario's own)
    shared_by_participants: Annotated[Annotated[int, Field(ge=1, le=10000)] | None,
                                      M("persons", "f.shared_by_participants", "h.shared_by_participants")] = None
    start: Annotated[Month | None, M("month", "f.start", "h.start")] = None
    end: Annotated[Month | None, M("month", "f.end", "h.end")] = None

    _m = field_validator("start", "end")(_check_month)


class RevenueLine(Strict):
    name: Annotated[str, Field(min_length=1), M("", "f.name", "h.revenue_name")]
    basis: Annotated[Literal["per_hour", "per_unit", "per_month"], M("", "f.basis", "h.basis")]
    price: Annotated[NonNeg, M("eur", "f.price", "h.price", short="ua.price")]  # € excluding VAT
    # hours or units a month; months for per_month
    volume: Annotated[NonNeg,
                      M("units_month", "f.volume", "h.volume", short="ua.volume")] = 1.0
    # volume = share × paid hours of own employees
    volume_from_paid_hours: Annotated[Share | None,
                                      M("share", "f.volume_from_paid_hours", "h.volume_from_paid_hours", kind="pct", short="ua.volume_from_paid_hours")] = None
    start: Annotated[Month | None, M("month", "f.start", "h.start")] = None
    end: Annotated[Month | None, M("month", "f.end", "h.end")] = None
    # None = price_growth
    growth: Annotated[Annotated[float, Field(ge=-0.5, le=1)] | None,
                      M("share_year", "f.growth", "h.growth", kind="pct", short="ua.growth")] = None
    seasonality: Annotated[list[Annotated[float, Field(ge=0, le=UPPER_BOUNDS["factor"])]] | None,
                           M("factor", "f.seasonality", "h.seasonality", kind="factors")] = None
    vat: Annotated[Literal["standard", "exempt"], M("", "f.vat", "h.vat")] = "standard"
    # sale: invoiced to a customer; avoided_cost: purchases no longer bought (a result, never cash)
    kind: Annotated[Literal["sale", "avoided_cost"], M("", "f.revenue_kind", "h.revenue_kind")] = "sale"
    # volume = this × participant-days of work activity at the unit (arranged here, not avotyö)
    volume_per_participant_day: Annotated[NonNeg | None,
                                          M("units_day", "f.volume_per_participant_day",
                                            "h.volume_per_participant_day",
                                            short="ua.volume_per_participant_day")] = None

    _m = field_validator("start", "end")(_check_month)

    @model_validator(mode="after")
    def _one_volume_rule(self):
        if self.volume_from_paid_hours is not None and self.volume_per_participant_day is not None:
            raise ValueError("give volume_from_paid_hours or volume_per_participant_day, not both")
        return self

    @field_validator("seasonality")
    @classmethod
    def _twelve(cls, v):
        if v is not None and len(v) != 12:
            raise ValueError(f"needs 12 monthly factors, got {len(v)}")
        return v


class Item(Strict):
    """An overhead, a one-off cost, a grant or other income."""
    name: Annotated[str, Field(min_length=1), M("", "f.name", "h.item_name")]
    kind: Annotated[Literal["monthly", "annual", "one_off"], M("", "f.item_kind", "h.item_kind")]
    amount: Annotated[NonNeg, M("eur", "f.amount", "h.amount", short="ua.overheads.amount")]  # € excluding VAT
    # monthly and annual: first month; one_off: the month
    start: Annotated[Month | None,
                     M("month", "f.start", "h.item_start")] = None
    end: Annotated[Month | None, M("month", "f.end", "h.end")] = None
    # annual: calendar month
    due_month: Annotated[Annotated[int, Field(ge=1, le=12)] | None,
                         M("calendar_month", "f.due_month", "h.due_month", kind="calendar_month")] = None
    vat: Annotated[Literal["standard", "none"], M("", "f.vat", "h.vat")] = "none"
    # rises with cost inflation (overheads only)
    indexed: Annotated[bool,
                       M("", "f.indexed", "h.indexed")] = True
    # one_off overheads: an investment
    depreciation_years: Annotated[Annotated[int, Field(ge=1, le=50)] | None,
                                  M("years", "f.depreciation_years", "h.depreciation_years")] = None
    # overheads: participants of the whole unit that share this cost (None = the scenario's own)
    shared_by_participants: Annotated[Annotated[int, Field(ge=1, le=10000)] | None,
                                      M("persons", "f.shared_by_participants", "h.shared_by_participants")] = None

    _m = field_validator("start", "end")(_check_month)

    @model_validator(mode="after")
    def _investment_is_one_off(self):
        if self.depreciation_years is not None and self.kind != "one_off":
            raise ValueError("depreciation_years is only for one_off items (an investment)")
        return self


class Grant(Item):
    amount: Annotated[NonNeg, M("eur", "f.amount", "h.amount", short="ua.grants.amount")]
    # False = other income, not a subsidy
    subsidy: Annotated[bool,
                       M("", "f.subsidy", "h.subsidy")] = True
    indexed: Annotated[bool, M("", "f.indexed", "h.indexed")] = False

    @model_validator(mode="after")
    def _no_depreciation(self):
        if self.depreciation_years is not None:
            raise ValueError("depreciation_years is for overheads (equipment), not grants")
        if self.shared_by_participants is not None:
            raise ValueError("shared_by_participants is for overheads and staff, not grants")
        return self


class ShareCapital(Strict):
    month: Annotated[Month, M("month", "f.sc_month", "h.sc_month")]
    amount: Annotated[NonNeg, M("eur", "f.sc_amount", "h.sc_amount", short="ua.share_capital.amount")]
    note: Annotated[str, M("", "f.note", "h.note")] = ""
    _m = field_validator("month")(_check_month)


class Loan(Strict):
    name: Annotated[str, Field(min_length=1), M("", "f.name", "h.loan_name")]
    amount: Annotated[NonNeg, M("eur", "f.loan_amount", "h.loan_amount", short="ua.loans.amount")]
    drawdown: Annotated[Month, M("month", "f.drawdown", "h.drawdown")]
    annual_rate: Annotated[float, Field(ge=0, le=1),
                           M("share_year", "f.annual_rate", "h.annual_rate", kind="pct", short="ua.loans.annual_rate")]
    term_months: Annotated[int, Field(ge=1, le=360),
                           M("months", "f.term_months", "h.term_months", short="ua.loans.term_months")]
    repayment: Annotated[Literal["annuity", "straight"], M("", "f.repayment", "h.repayment")] = "annuity"
    _m = field_validator("drawdown")(_check_month)


class Financing(Strict):
    share_capital: Annotated[list[ShareCapital], M("", "ui.tbl.share_capital", "h.share_capital")] = []
    loans: Annotated[list[Loan], M("", "ui.tbl.loans", "h.loans")] = []


class AfterConversion(PaidWork):
    # the pay terms of PaidWork; by default a company's job with palkkatuki by the rules
    employer: Employer = "company"
    palkkatuki: Palkkatuki = "auto"


class Pipeline(Strict):
    """Time-limited avotyö: at the time limit a share moves to paid work,
    the rest return to work activity on the same terms (expected values)."""
    avotyo_time_limit_months: Annotated[int, Field(ge=1, le=120),
                                        M("months", "f.avotyo_time_limit_months", "h.avotyo_time_limit_months", short="ua.avotyo_time_limit_months")]
    conversion_rate: Annotated[Share,
                               M("share", "f.conversion_rate", "h.conversion_rate", kind="pct", short="ua.conversion_rate")]
    after_conversion: Annotated[AfterConversion, M("", "opt.employment", "h.after_conversion")]


class Scenario(Strict):
    name: Annotated[str, Field(min_length=1, max_length=200), M("", "f.scenario_name", "h.scenario_name")]
    model: Annotated[Literal["cooperative", "subcontracting", "salaried"], M("", "f.model", "h.model")]
    budget_owner: Annotated[str, Field(min_length=1), M("", "f.budget_owner", "h.budget_owner")]
    # one text, or {fi: ..., en: ...} (see description_text)
    description: Annotated[str | dict[Literal["fi", "en"], str],
                           M("", "f.description", "h.description", kind="textarea")] = ""
    base: Annotated[str | None, M("", "f.base", "h.base")] = None
    start: Annotated[Month, M("month", "f.start_month", "h.start")]
    horizon_months: Annotated[int, Field(ge=1, le=120), M("months", "f.horizon_months", "h.horizon_months")]
    opening_cash: Annotated[float, Field(ge=-MONEY_MAX),
                            M("eur", "f.opening_cash", "h.opening_cash", short="ua.opening_cash")] = 0.0
    # the month the organisation exists from (None = start): nothing before it counts in its KPIs
    organisation_founded: Annotated[Month | None,
                                    M("month", "f.organisation_founded", "h.organisation_founded")] = None
    # shared unit costs (shared_by_participants): full = the scenario's share, marginal = none of them
    overhead_basis: Annotated[Literal["full", "marginal"],
                              M("", "f.overhead_basis", "h.overhead_basis")] = "full"
    assumptions: Annotated[Assumptions, M("", "ui.groups.general", "h.assumptions")] = Assumptions()
    people: Annotated[list[Person], M("", "ui.tbl.people", "ui.cap.people")] = []
    staff: Annotated[list[Staff], M("", "ui.tbl.staff", "ui.cap.staff")] = []
    revenue: Annotated[list[RevenueLine], M("", "ui.tbl.revenue", "ui.cap.revenue")] = []
    overheads: Annotated[list[Item], M("", "ui.tbl.overheads", "ui.cap.overheads")] = []
    grants: Annotated[list[Grant], M("", "ui.tbl.grants", "ui.cap.grants")] = []
    financing: Annotated[Financing, M("", "ui.groups.financing", "ui.cap.financing")] = Financing()
    pipeline: Annotated[Pipeline | None, M("", "ui.tbl.pipeline", "h.pipeline")] = None
    # tornado bounds, Monte Carlo distributions
    uncertainty: Annotated[Uncertainty | None,
                           M("", "f.uncertainty", "h.uncertainty")] = None

    _m = field_validator("start", "organisation_founded")(_check_month)
    _d = field_validator("description", mode="before")(lambda v: normal_description(v))

    @property
    def first_month(self) -> int:
        return month_number(self.start)

    def description_text(self, lang: str = "fi") -> str:
        """The description in ``lang`` (the other language if that one is missing)."""
        return description_text(self.description, lang)

    @property
    def last_month(self) -> int:
        return self.first_month + self.horizon_months - 1

    @property
    def founded_month(self) -> int:
        """The month number the organisation exists from (``organisation_founded``, default the start)."""
        return month_number(self.organisation_founded) if self.organisation_founded else self.first_month

    @model_validator(mode="after")
    def _founded_within(self):
        if self.organisation_founded and not self.first_month <= month_number(self.organisation_founded) \
                <= self.first_month + self.horizon_months - 1:
            raise ValueError("organisation_founded must be within the projection (start .. last month)")
        return self

    def content_key(self) -> str:
        """A stable text of the scenario's content (for caches)."""
        return self.model_dump_json()


# every model class of the scenario, in source order (their fields' metadata: schema.py)
MODELS = classes_in(sys.modules[__name__])
