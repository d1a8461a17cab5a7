"""Scenario: the strict data model of one model's assumptions.

A scenario file is YAML. Unknown keys are errors, types are strict (a
quoted "12" is not a number), and every problem in a file is reported at
once with its path, e.g. ``people[2].phases[0].hours_per_week``.

A scenario may name a ``base`` (a pilot's file stem or a path relative to
the file) and store only what it changes: mappings merge key by key; lists
of items with an ``id`` (people) or ``name`` merge item by item, and an item
``{id: M3, remove: true}`` drops it; other lists replace the base's list.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .conventions import month_number
from .uncertainty.spec import Uncertainty

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
MAX_FILE_BYTES = 1_000_000   # a pilot is about 7 kB
MAX_YAML_DEPTH = 40          # nesting levels (the model needs about 6)
MAX_YAML_NODES = 50_000      # values, aliases expanded (a pilot has about 600)

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


# --------------------------------------------------------------------------
# Errors and loading

class ScenarioError(Exception):
    """Every problem found in one scenario file."""

    def __init__(self, source: str, problems: list[tuple[str, str, str]]):
        self.source = source
        self.problems = problems  # (path, english, finnish)
        super().__init__(self.render())

    def render(self, lang: str = "both") -> str:
        lines = []
        for path, en, fi in self.problems:
            where = f"{self.source}: {path}" if path else self.source
            text = {"en": en, "fi": fi}.get(lang, f"{en} / {fi}")
            lines.append(f"{where}: {text}")
        return "\n".join(lines)


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("work_activity", "avotyo", "employment", "function-after[_check_month()]",
                      "ExplicitPalkkatuki", "literal['auto','none']"):
            continue  # discriminator and union branch names are noise
        elif isinstance(part, str) and part.isidentifier():
            out += ("." if out else "") + part
        else:
            out += f"[{part!r}]"   # an odd key ('', ' name', None) stays visible
    return out


_FI = {
    "missing": "pakollinen kenttä puuttuu",
    "extra_forbidden": "tuntematon kenttä",
    "greater_than_equal": "pitää olla vähintään {ge}",
    "less_than_equal": "saa olla enintään {le}",
    "float_type": "pitää olla luku",
    "int_type": "pitää olla kokonaisluku",
    "bool_type": "pitää olla true tai false",
    "string_type": "pitää olla tekstiä",
    "literal_error": "sallitut arvot: {expected}",
    "union_tag_invalid": "tuntematon vaihe (sallitut: work_activity, avotyo, employment)",
    "union_tag_not_found": "vaiheelta puuttuu kind",
    "list_type": "pitää olla luettelo",
    "model_type": "pitää olla avain–arvo-rakenne",
    "dict_type": "pitää olla avain–arvo-rakenne",
    "string_too_short": "ei saa olla tyhjä",
    "string_pattern_mismatch": "saa sisältää vain kirjaimia, numeroita, - ja _",
    "finite_number": "pitää olla äärellinen luku",
    "string_too_long": "liian pitkä (enintään {max_length} merkkiä)",
}


_FI_VALUE = {
    "expected a month": "odotettiin kuukautta muodossa VVVV-KK",
    "month must be": "kuukauden pitää olla 01–12",
    "year out of range": "vuosi ei ole mahdollinen",
    "needs 12 monthly factors": "tarvitaan 12 kuukausikerrointa",
}


def _pydantic_problems(exc: ValidationError) -> list[tuple[str, str, str]]:
    out = []
    for err in exc.errors(include_url=False):
        path = _loc(err["loc"])
        ctx = err.get("ctx") or {}
        en = err["msg"].removeprefix("Value error, ")
        if "input" in err and err["type"] not in ("missing", "value_error") and not isinstance(err["input"], (dict, list)):
            en += f" (got {err['input']!r})"
        fi = _FI.get(err["type"])
        if fi:
            try:
                fi = fi.format(**ctx)
            except (KeyError, IndexError):
                pass
        elif err["type"] == "value_error":
            msg = str(ctx.get("error", en))
            fi = next((f for e, f in _FI_VALUE.items() if msg.startswith(e)), "virheellinen arvo")
        else:
            fi = "virheellinen arvo"
        out.append((path, en, fi))
    # A union of literal/model reports each branch; keep one line per path.
    seen, unique = set(), []
    for p in out:
        if p[0] not in seen:
            seen.add(p[0])
            unique.append(p)
    return unique


def _semantic_problems(s: Scenario) -> list[tuple[str, str, str]]:
    """Cross-field checks: end before start, overlapping phases, pay given."""
    probs = []

    def span(obj, path):
        if getattr(obj, "start", None) and getattr(obj, "end", None):
            if month_number(obj.end) < month_number(obj.start):
                probs.append((f"{path}.end", f"end {obj.end} is before start {obj.start}",
                              f"loppu {obj.end} on ennen alkua {obj.start}"))

    for i, p in enumerate(s.people):
        if p.birth_year is None and p.age is None:
            probs.append((f"people[{i}]", "give birth_year or age", "anna birth_year tai age"))
        starts = sorted((month_number(ph.start), j) for j, ph in enumerate(p.phases))
        spans = []
        for k, (a, j) in enumerate(starts):
            ph = p.phases[j]
            path = f"people[{i}].phases[{j}]"
            span(ph, path)
            if ph.kind == "employment" and (ph.hourly_wage is None) == (ph.monthly_pay is None):
                probs.append((path, "give exactly one of hourly_wage or monthly_pay",
                              "anna joko hourly_wage tai monthly_pay (vain toinen)"))
            # a phase without end lasts until the next phase begins
            nxt = next((b for b, _ in starts[k + 1:] if b > a), None)
            end = month_number(ph.end) if ph.end else (nxt - 1 if nxt else 10**9)
            spans.append((a, end, j))
        for (a1, b1, j1), (a2, b2, j2) in zip(spans, spans[1:]):
            if a2 <= b1:
                probs.append((f"people[{i}].phases[{j2}]",
                              f"overlaps phases[{j1}] of the same person",
                              f"menee päällekkäin saman henkilön vaiheen phases[{j1}] kanssa"))
    ids = [p.id for p in s.people]
    for i, pid in enumerate(ids):
        if ids.index(pid) != i:
            probs.append((f"people[{i}].id", f"duplicate id {pid!r}", f"tunnus {pid!r} on jo käytössä"))
    for i, st in enumerate(s.staff):
        span(st, f"staff[{i}]")
    for i, r in enumerate(s.revenue):
        span(r, f"revenue[{i}]")
    for group in ("overheads", "grants"):
        for i, it in enumerate(getattr(s, group)):
            path = f"{group}[{i}]"
            span(it, path)
            if it.kind == "one_off" and not it.start:
                probs.append((f"{path}.start", "a one-off needs start (its month)",
                              "kertaerälle pitää antaa start (kuukausi)"))
            if it.kind == "annual" and it.due_month is None:
                probs.append((f"{path}.due_month", "an annual item needs due_month (1-12)",
                              "vuosierälle pitää antaa due_month (1–12)"))
    ac = s.pipeline.after_conversion if s.pipeline else None
    if ac is not None and (ac.hourly_wage is None) == (ac.monthly_pay is None):
        probs.append(("pipeline.after_conversion", "give exactly one of hourly_wage or monthly_pay",
                      "anna joko hourly_wage tai monthly_pay (vain toinen)"))
    if s.uncertainty is not None:
        # the section's own checks; whether its paths name fields of the scenario
        # is checked where they are used (a renamed item must not block saving)
        from .uncertainty.spec import own_problems  # noqa: PLC0415
        probs.extend(own_problems(s.uncertainty))
    return probs


def validate(data: object, source: str = "<scenario>") -> Scenario:
    """Validate a mapping into a Scenario or raise ScenarioError with every problem."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise ScenarioError(source, [("", f"expected a YAML mapping of scenario fields, got {kind}",
                                      "odotettiin YAML-rakennetta (avain: arvo), tiedosto on " +
                                      ("tyhjä" if data is None else "väärän muotoinen"))])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(source, _pydantic_problems(exc)) from None
    probs = _semantic_problems(scenario)
    if probs:
        raise ScenarioError(source, probs)
    return scenario


class _LimitError(yaml.MarkedYAMLError):
    """A YAML problem found by ``_Loader``, with its English and Finnish text."""

    def __init__(self, en: str, fi: str, mark):
        super().__init__(problem=en, problem_mark=mark)
        self.en, self.fi = en, fi


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader (plain data only: no ``!!python/...`` tags) with
    limits: nesting depth, values after alias expansion (no "billion laughs"),
    no recursive aliases, no duplicate keys, and a value that cannot be built
    (``2022-13-45``, a 5 000-digit number) is an error at its place."""

    _NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")

    def __init__(self, stream):
        super().__init__(stream)
        self._depth, self._count, self._sizes, self._checked = 0, 0, {}, set()

    def compose_node(self, parent, index):
        mark = self.peek_event().start_mark
        alias = self.check_event(yaml.AliasEvent)
        self._depth += 1
        self._count += 1
        try:
            if self._count > MAX_YAML_NODES:
                raise _LimitError(f"more than {MAX_YAML_NODES} values", f"yli {MAX_YAML_NODES} arvoa", mark)
            if self._depth > MAX_YAML_DEPTH:
                raise _LimitError(f"nested more than {MAX_YAML_DEPTH} levels deep",
                                  f"sisäkkäisiä tasoja yli {MAX_YAML_DEPTH}", mark)
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if alias:
            if node not in self._sizes:          # its anchor is still open: recursive data
                raise _LimitError("an alias refers to the value that contains it (recursive data)",
                                  "alias viittaa arvoon, jonka sisällä se on (kehä)", mark)
            size = self._sizes[node]
        elif isinstance(node, yaml.ScalarNode):
            size = self._sizes[node] = 1
        else:
            children = node.value if isinstance(node, yaml.SequenceNode) else \
                [n for pair in node.value for n in pair]
            size = self._sizes[node] = 1 + sum(self._sizes[c] for c in children)
        if size > MAX_YAML_NODES:
            raise _LimitError(f"more than {MAX_YAML_NODES} values (after expanding aliases)",
                              f"yli {MAX_YAML_NODES} arvoa (aliakset avattuina)", mark)
        return node

    def flatten_mapping(self, node):
        if id(node) not in self._checked:          # before merge keys (<<) are applied
            self._checked.add(id(node))
            seen = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = self.construct_object(key_node)
                if key in seen:
                    raise _LimitError(f"duplicate key {key!r}", f"avain {key!r} toistuu", key_node.start_mark)
                seen.add(key)
        super().flatten_mapping(node)

    def construct_object(self, node, deep=False):
        if node.tag in self._NUMBER_TAGS and len(node.value) > 100:
            raise _LimitError("a number with more than 100 characters", "luvussa yli 100 merkkiä",
                              node.start_mark)
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # noqa: BLE001 - PyYAML's constructors raise ValueError, IndexError, …
            raise _LimitError(f"cannot read the value {str(node.value)[:40]!r} ({exc})",
                              f"arvoa {str(node.value)[:40]!r} ei voi lukea", node.start_mark) from None


def parse_yaml(raw: bytes, source: str = "<scenario>") -> object:
    """Parse YAML bytes safely (see ``_Loader``), turning every problem into a ScenarioError."""
    src = source
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioError(src, [("", f"file is larger than {MAX_FILE_BYTES} bytes",
                                   f"tiedosto on suurempi kuin {MAX_FILE_BYTES} tavua")])
    if b"\x00" in raw:
        raise ScenarioError(src, [("", "binary file, expected YAML text",
                                   "binääritiedosto, odotettiin YAML-tekstiä")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(src, [("", "not UTF-8 text", "ei UTF-8-tekstiä")]) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.reader.ReaderError as exc:   # a control character: no mark, only a position
        pos = min(exc.position, len(text))
        line, col = text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1
        raise ScenarioError(src, [("", f"character {exc.character!r} is not allowed in YAML "
                                       f"(line {line}, column {col})",
                                   f"merkki {exc.character!r} ei ole sallittu YAML-tekstissä "
                                   f"(rivi {line}, sarake {col})")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        fi_where = f"rivi {mark.line + 1}, sarake {mark.column + 1}" if mark else "tuntematon kohta"
        if isinstance(exc, _LimitError):
            raise ScenarioError(src, [("", f"YAML problem at {where}: {exc.en}",
                                       f"YAML-virhe ({fi_where}): {exc.fi}")]) from None
        problem = "; ".join(x for x in (getattr(exc, "context", None), getattr(exc, "problem", None)) if x)
        raise ScenarioError(src, [("", f"YAML syntax error at {where}: {problem or exc}",
                                   f"YAML-syntaksivirhe ({fi_where})")]) from None
    except RecursionError:  # a safety net: MAX_YAML_DEPTH should stop this first
        raise ScenarioError(src, [("", "YAML nested too deeply", "YAML-rakenne on liian syvä")]) from None


def read_yaml(path: Path) -> object:
    """Read a YAML file (at most MAX_FILE_BYTES), turning every read problem into a ScenarioError."""
    src = str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(src, [("", f"cannot read file ({exc.strerror or exc})",
                                   f"tiedostoa ei voi lukea ({exc.strerror or exc})")]) from None
    except ValueError:   # e.g. a NUL character in the name
        raise ScenarioError(src, [("", "invalid file name", "virheellinen tiedostonimi")]) from None
    return parse_yaml(raw, src)


def _key(item):
    if isinstance(item, dict):
        return item.get("id") or item.get("name") or item.get("role")
    return None


def merge(base: object, override: object) -> object:
    """Apply an override on top of a base (see module docstring)."""
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for k, v in override.items():
            out[k] = merge(base[k], v) if k in base else v
        return out
    if (isinstance(base, list) and isinstance(override, list) and base and override
            and all(_key(x) for x in base) and all(_key(x) for x in override)):
        out = list(base)
        for item in override:
            idx = next((i for i, b in enumerate(out) if _key(b) == _key(item)), None)
            if item.get("remove") is True:
                if idx is not None:
                    out.pop(idx)
                continue
            if idx is None:
                out.append(item)
            else:
                out[idx] = merge(out[idx], item)
        return out
    return override


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for a name the system refuses (too long, NUL, …)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def resolve_base(data: dict, path: Path | None, seen: tuple = ()) -> dict:
    """Merge a scenario's base chain; ``base`` names a pilot stem or a path."""
    base_name = data.get("base")
    if not base_name or not isinstance(base_name, str):
        return data
    here = path.parent if path else SCENARIO_DIR
    candidates = [here / base_name, here / f"{base_name}.yaml",
                  SCENARIO_DIR / base_name, SCENARIO_DIR / f"{base_name}.yaml"]
    base_path = next((c for c in candidates if _is_file(c)), None)
    src = str(path) if path else "<scenario>"
    if base_path is None:
        raise ScenarioError(src, [("base", f"base scenario {base_name!r} not found",
                                   f"pohjaskenaariota {base_name!r} ei löydy")])
    if base_path.resolve() in seen:
        raise ScenarioError(src, [("base", "base scenarios refer to each other in a loop",
                                   "pohjaskenaariot viittaavat toisiinsa kehässä")])
    base_data = read_yaml(base_path)
    if not isinstance(base_data, dict):
        raise ScenarioError(str(base_path), [("", "expected a YAML mapping", "odotettiin YAML-rakennetta")])
    base_data = resolve_base(base_data, base_path, seen + (base_path.resolve(),))
    merged = merge(base_data, {k: v for k, v in data.items() if k != "base"})
    merged["base"] = base_name
    return merged


def load(path: Path | str) -> Scenario:
    """Load, merge with its base and validate a scenario file."""
    path = Path(path)
    data = read_yaml(path)
    if isinstance(data, dict):
        data = resolve_base(data, path)
    return validate(data, str(path))


def dump(scenario: Scenario) -> str:
    """YAML text of a full scenario (defaults included)."""
    return yaml.safe_dump(scenario.model_dump(mode="json", exclude_none=True),
                          allow_unicode=True, sort_keys=False)
