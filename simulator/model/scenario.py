"""The scenario: the strict data model of one model's assumptions (pydantic).

Unknown keys are errors and types are strict (a quoted "12" is not a
number). Checking a whole file is ``problems.py``, reading YAML ``loader.py``
and merging a scenario on its base ``overrides.py``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from simulator.model.conventions import month_number
from simulator.model.uncertainty_spec import Uncertainty

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"

NonNeg = Annotated[float, Field(ge=0)]
Share = Annotated[float, Field(ge=0, le=1)]
Month = Annotated[str, Field(description="YYYY-MM")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


def _check_month(v):
    if v is None:
        return v
    month_number(v)  # raises ValueError with a clear message
    return v


class Assumptions(Strict):
    """General assumptions; rates are fractions a year (0.02 = 2 %)."""
    wage_growth: Annotated[float, Field(ge=-0.5, le=1)] = 0.02
    price_growth: Annotated[float, Field(ge=-0.5, le=1)] = 0.02
    cost_inflation: Annotated[float, Field(ge=-0.5, le=1)] = 0.02
    discount_rate: Annotated[float, Field(ge=-0.5, le=1)] = 0.03
    accident_insurance_rate: Share | None = None  # None = statutory average
    group_life_insurance_rate: Share | None = None
    customer_payment_term_days: Annotated[int, Field(ge=0, le=365)] = 14
    palkkatuki_payment_delay_months: Annotated[int, Field(ge=0, le=24)] = 2
    holiday_pay_month: Annotated[int, Field(ge=1, le=12)] = 7
    vat_registered: bool = True
    pays_income_tax: bool = False
    income_tax_payment_month: Annotated[int, Field(ge=1, le=12)] = 5


class ExplicitPalkkatuki(Strict):
    rate: Share
    months: Annotated[int, Field(ge=1, le=120)]
    monthly_cap: NonNeg | None = None  # None = the statutory cap for the route


PalkkatukiChoice = Union[Literal["auto", "none"], ExplicitPalkkatuki]


class WorkActivityPhase(Strict):
    """Work activity (työtoiminta) arranged by this unit or by another."""
    kind: Literal["work_activity"]
    start: Month
    end: Month | None = None
    days_per_month: Annotated[float, Field(ge=0, le=23)]
    tyoosuusraha_per_day: NonNeg = 0.0
    day_price: NonNeg = 0.0          # what the municipality/county pays the unit a day
    cost_per_day: NonNeg = 0.0       # the unit's own direct cost a day
    meal_fee_per_day: NonNeg = 0.0   # client fee the person pays the unit a day
    arranged_by: Literal["this", "other"] = "this"

    _m = field_validator("start", "end")(_check_month)


class AvotyoPhase(WorkActivityPhase):
    """Avotyö: work activity placed at a company, which may pay the unit."""
    kind: Literal["avotyo"]  # type: ignore[assignment]
    company_fee_per_day: NonNeg = 0.0
    company_fee_vat: Literal["standard", "exempt"] = "standard"
    time_limited: bool = False


class EmploymentPhase(Strict):
    """Paid employment by this organisation or by an outside company."""
    kind: Literal["employment"]
    start: Month
    end: Month | None = None
    employer: Literal["this", "company"] = "this"
    hours_per_week: Annotated[float, Field(ge=0, le=60)]
    hourly_wage: NonNeg | None = None
    monthly_pay: NonNeg | None = None
    palkkatuki: PalkkatukiChoice = "none"

    _m = field_validator("start", "end")(_check_month)


Phase = Annotated[Union[WorkActivityPhase, AvotyoPhase, EmploymentPhase],
                  Field(discriminator="kind")]


class Person(Strict):
    id: Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9_-]+$")]
    birth_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    age: Annotated[int, Field(ge=0, le=120)] | None = None  # age at the scenario start
    reduced_work_capacity: bool = False
    disability_pension: NonNeg | None = None  # €/month, for the person's view
    phases: list[Phase] = []
    # --- the person's view (simulator/person); all optional, none affects the engine.
    # disability_pension above is the Kela disability pension incl. takuueläke
    # (€/month in the first month's terms; follows the Kela index).
    earnings_related_pension: NonNeg | None = None   # €/month, työeläke (disability), nominal
    personal_earnings_limit: NonNeg | None = None    # €/month, higher limit of the earnings-related pension
    let_pension_rest: bool | None = None             # True: the pension rests through each employment above the limit
    hoitotuki: Literal["basic", "raised", "highest"] | None = None    # eläkettä saavan hoitotuki granted
    vammaistuki: Literal["basic", "raised", "highest"] | None = None  # vammaistuki granted
    housing_allowance: NonNeg | None = None          # €/month, tax-free, as entered
    municipality: Literal["varkaus", "mikkeli", "pieksamaki"] | None = None  # None = the model's pilot town
    withholding_rate: Share | None = None            # of taxable income (0.12 = 12 %); None = estimate
    disability_rating: Share | None = None           # haitta-aste for invalidivähennys (2021–2022)
    meal_fee_per_day: NonNeg | None = None           # in work activity; None = the phases' meal fees
    transport_fee_per_day: NonNeg | None = None      # the person pays in work activity


class Staff(Strict):
    role: Annotated[str, Field(min_length=1)]
    name: str | None = None
    fte: Annotated[float, Field(ge=0, le=10)]
    monthly_pay: NonNeg
    paid_by: Literal["this", "municipality", "project_grant"] = "this"
    start: Month | None = None
    end: Month | None = None

    _m = field_validator("start", "end")(_check_month)


class RevenueLine(Strict):
    name: Annotated[str, Field(min_length=1)]
    basis: Literal["per_hour", "per_unit", "per_month"]
    price: NonNeg                       # € excluding VAT
    volume: NonNeg = 1.0                # hours or units a month; months for per_month
    volume_from_paid_hours: Share | None = None  # volume = share × paid hours of own employees
    start: Month | None = None
    end: Month | None = None
    growth: Annotated[float, Field(ge=-0.5, le=1)] | None = None  # None = price_growth
    seasonality: list[NonNeg] | None = None
    vat: Literal["standard", "exempt"] = "standard"

    _m = field_validator("start", "end")(_check_month)

    @field_validator("seasonality")
    @classmethod
    def _twelve(cls, v):
        if v is not None and len(v) != 12:
            raise ValueError(f"needs 12 monthly factors, got {len(v)}")
        return v


class Item(Strict):
    """An overhead, a one-off cost, a grant or other income."""
    name: Annotated[str, Field(min_length=1)]
    kind: Literal["monthly", "annual", "one_off"]
    amount: NonNeg                      # € excluding VAT
    start: Month | None = None          # monthly and annual: first month; one_off: the month
    end: Month | None = None
    due_month: Annotated[int, Field(ge=1, le=12)] | None = None  # annual: calendar month
    vat: Literal["standard", "none"] = "none"
    indexed: bool = True                # rises with cost inflation (overheads only)

    _m = field_validator("start", "end")(_check_month)


class Grant(Item):
    subsidy: bool = True                # False = other income, not a subsidy
    indexed: bool = False


class ShareCapital(Strict):
    month: Month
    amount: NonNeg
    note: str = ""
    _m = field_validator("month")(_check_month)


class Loan(Strict):
    name: Annotated[str, Field(min_length=1)]
    amount: NonNeg
    drawdown: Month
    annual_rate: Annotated[float, Field(ge=0, le=1)]
    term_months: Annotated[int, Field(ge=1, le=360)]
    repayment: Literal["annuity", "straight"] = "annuity"
    _m = field_validator("drawdown")(_check_month)


class Financing(Strict):
    share_capital: list[ShareCapital] = []
    loans: list[Loan] = []


class AfterConversion(Strict):
    employer: Literal["this", "company"] = "company"
    hours_per_week: Annotated[float, Field(ge=0, le=60)]
    hourly_wage: NonNeg | None = None
    monthly_pay: NonNeg | None = None
    palkkatuki: PalkkatukiChoice = "auto"


class Pipeline(Strict):
    """Time-limited avotyö: at the time limit a share moves to paid work,
    the rest return to work activity on the same terms (expected values)."""
    avotyo_time_limit_months: Annotated[int, Field(ge=1, le=120)]
    conversion_rate: Share
    after_conversion: AfterConversion


class Scenario(Strict):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    model: Literal["cooperative", "subcontracting", "salaried"]
    budget_owner: Annotated[str, Field(min_length=1)]
    description: str = ""
    base: str | None = None
    start: Month
    horizon_months: Annotated[int, Field(ge=1, le=120)]
    opening_cash: float = 0.0
    assumptions: Assumptions = Assumptions()
    people: list[Person] = []
    staff: list[Staff] = []
    revenue: list[RevenueLine] = []
    overheads: list[Item] = []
    grants: list[Grant] = []
    financing: Financing = Financing()
    pipeline: Pipeline | None = None
    uncertainty: Uncertainty | None = None  # tornado bounds, Monte Carlo distributions

    _m = field_validator("start")(_check_month)

    @property
    def first_month(self) -> int:
        return month_number(self.start)

    @property
    def last_month(self) -> int:
        return self.first_month + self.horizon_months - 1

    def content_key(self) -> str:
        """A stable text of the scenario's content (for caches)."""
        return self.model_dump_json()
