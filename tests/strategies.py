"""Hypothesis strategies drawing valid scenario dicts covering every feature.

``scenarios()`` draws moderate amounts; ``zero_scenarios()`` draws the same
structure with every amount, price, wage, rate, day count and opening cash
zero. Both give plain dicts that pass ``simulator.scenario.validate``.
"""
from __future__ import annotations

from hypothesis import strategies as st

from simulator.model.conventions import month_label

FIRST_PHASE = 2021 * 12          # 2021-01
LAST_PHASE = 2026 * 12 + 11      # 2026-12
FIRST_START = 2021 * 12
LAST_START = 2025 * 12 + 11      # 2025-12


class _Draw:
    """Value helpers; with ``zero`` every amount, rate and day count is 0."""

    def __init__(self, draw, zero: bool):
        self.draw, self.zero = draw, zero

    def money(self, hi=5000.0):
        if self.zero:
            return 0.0
        return self.draw(st.one_of(st.just(0.0), st.floats(0.0, hi, allow_subnormal=False),
                                   st.integers(0, int(hi)).map(float)))

    def rate(self, lo=0.0, hi=1.0):
        return 0.0 if self.zero else self.draw(st.floats(lo, hi, allow_subnormal=False))

    def days(self):
        return 0.0 if self.zero else self.draw(st.floats(0.0, 23.0, allow_subnormal=False))

    def maybe(self, value_strategy):
        return self.draw(st.one_of(st.none(), value_strategy))

    def month(self, lo, hi):
        return month_label(self.draw(st.integers(lo, hi)))


PAY_BASES = ["wage_growth", "tes_kiinteistopalvelu", "tes_kauppa", "ttes"]


def _palkkatuki(d: _Draw):
    choice = d.draw(st.sampled_from(["auto", "none", "explicit"]))
    if choice != "explicit":
        return choice
    out = {"rate": d.rate(0.0, 1.0) if not d.zero else 0.0,
           "months": d.draw(st.integers(1, 30))}
    if d.draw(st.booleans()):
        out["rate"] = 0.0 if d.zero else 1.0  # the 100 % route
    if d.draw(st.booleans()):
        out["monthly_cap"] = d.money(3000.0)
    return out


def _pay(d: _Draw, out: dict):
    if d.draw(st.booleans()):
        out["hourly_wage"] = d.money(60.0)
    else:
        out["monthly_pay"] = d.money(5000.0)
    return out


def _phase(d: _Draw, start: int, end: int | None, pipeline: bool):
    kind = d.draw(st.sampled_from(["work_activity", "avotyo", "employment"]))
    ph = {"kind": kind, "start": month_label(start)}
    if end is not None:
        ph["end"] = month_label(end)
    if kind == "employment":
        ph["employer"] = d.draw(st.sampled_from(["this", "company"]))
        ph["hours_per_week"] = d.draw(st.sampled_from([0.0, 5.0, 20.0, 30.0, 37.5])
                                      | st.floats(0.0, 45.0, allow_subnormal=False))
        _pay(d, ph)
        ph["palkkatuki"] = _palkkatuki(d)
        ph["pay_basis"] = d.draw(st.sampled_from(PAY_BASES))   # issue 14: a TES's dated raises
        return ph
    ph["days_per_month"] = d.days()
    ph["tyoosuusraha_per_day"] = d.money(15.0)
    ph["day_price"] = d.money(200.0)
    ph["cost_per_day"] = d.money(100.0)
    ph["meal_fee_per_day"] = d.money(10.0)
    ph["arranged_by"] = d.draw(st.sampled_from(["this", "this", "other"]))
    if ph["arranged_by"] == "other" and d.draw(st.integers(0, 4)) == 0:
        ph["day_price_unknown"] = True
        ph["day_price"] = 0.0
    if kind == "avotyo":
        ph["company_fee_per_day"] = d.money(100.0)
        ph["company_fee_vat"] = d.draw(st.sampled_from(["standard", "exempt"]))
        ph["time_limited"] = d.draw(st.booleans()) if pipeline else False
    return ph


def _person(d: _Draw, i: int, pipeline: bool, first: int, last: int):
    p = {"id": f"P{i}"}
    if d.draw(st.booleans()):
        p["birth_year"] = d.draw(st.integers(1955, 2005))
        if d.draw(st.integers(0, 4)) == 0:
            p["age"] = d.draw(st.integers(16, 70))  # both given: birth_year rules
    else:
        p["age"] = d.draw(st.integers(16, 70))
    p["reduced_work_capacity"] = d.draw(st.booleans())
    p["jobseeker"] = d.draw(st.sampled_from([True, True, False]))
    # Mostly near the projection (so that phases matter), sometimes anywhere.
    near = st.integers(max(FIRST_PHASE, first - 18), max(FIRST_PHASE, min(LAST_PHASE, last)))
    phases, cur = [], d.draw(near | near | st.integers(FIRST_PHASE, LAST_PHASE))
    for k in range(d.draw(st.integers(0, 3))):
        if cur > LAST_PHASE:
            break
        length = d.draw(st.integers(1, 40))
        last_one = k == 2 or d.draw(st.booleans())
        end = None if last_one and d.draw(st.booleans()) else cur + length - 1
        phases.append(_phase(d, cur, end, pipeline))
        if end is None:
            break
        cur = end + 1 + d.draw(st.integers(0, 6))
    p["phases"] = d.draw(st.permutations(phases))  # order in the file is free
    return p


def _item(d: _Draw, name: str, first: int, last: int, grant: bool):
    kind = d.draw(st.sampled_from(["monthly", "annual", "one_off"]))
    it = {"name": name, "kind": kind, "amount": d.money(5000.0 if kind != "monthly" else 2000.0)}
    lo, hi = first - 12, last + 12
    when = st.integers(first, last) | st.integers(first, last) | st.integers(lo, hi)
    start = d.maybe(when) if kind != "one_off" else d.draw(when)
    if start is not None:
        it["start"] = month_label(start)
    if kind != "one_off" and d.draw(st.booleans()):
        it["end"] = month_label(d.draw(st.integers(start if start is not None else lo, hi + 12)))
    if kind == "annual":
        it["due_month"] = d.draw(st.integers(1, 12))
    if d.draw(st.booleans()):
        it["vat"] = d.draw(st.sampled_from(["standard", "none"]))
    if d.draw(st.booleans()):
        it["indexed"] = d.draw(st.booleans())
    if grant and d.draw(st.booleans()):
        it["subsidy"] = d.draw(st.booleans())
    if not grant and kind == "one_off" and d.draw(st.booleans()):
        it["depreciation_years"] = d.draw(st.integers(1, 2))  # an investment (≤ 2 years: run-off covers it)
    return it


def _build(draw, zero: bool) -> dict:
    d = _Draw(draw, zero)
    first = draw(st.integers(FIRST_START, LAST_START))
    horizon = draw(st.integers(1, 72))
    last = first + horizon - 1
    has_pipeline = draw(st.booleans())
    a = {
        "wage_growth": d.rate(-0.05, 0.1), "price_growth": d.rate(-0.05, 0.1),
        "cost_inflation": d.rate(-0.05, 0.1), "discount_rate": d.rate(0.0, 0.1),
        "customer_payment_term_days": draw(st.sampled_from([0, 1, 14, 30, 31, 45, 60])
                                           | st.integers(0, 60)),
        "palkkatuki_payment_delay_months": draw(st.integers(0, 4)),
        "holiday_pay_month": draw(st.integers(1, 12)),
        "vat_registered": draw(st.booleans()),
        "pays_income_tax": draw(st.booleans()),
        "income_tax_payment_month": draw(st.integers(1, 12)),
        "palkkatuki_renewal_probability": draw(st.sampled_from([0.0, 0.5, 1.0])),
        "project_grant_share": draw(st.sampled_from([1.0, 0.8, 0.0])),
    }
    if draw(st.booleans()):
        a["accident_insurance_rate"] = d.rate(0.0, 0.05)
    if draw(st.booleans()):
        a["group_life_insurance_rate"] = d.rate(0.0, 0.01)
    # issue 14: pension scheme, accident class, sick days, occupational health care
    a["pension_scheme"] = draw(st.sampled_from(["tyel_average", "tyel_basic", "keva"]))
    a["accident_insurance_class"] = draw(st.sampled_from(["average", "cleaning"]))
    if draw(st.booleans()):
        a["sick_days_per_year"] = 0.0 if zero else draw(st.floats(0.0, 30.0, allow_subnormal=False))
    if draw(st.booleans()):
        a["occupational_health_per_person"] = d.money(600.0)
    sc = {
        "name": "generated", "model": draw(st.sampled_from(["cooperative", "subcontracting", "salaried"])),
        "budget_owner": "test", "start": month_label(first), "horizon_months": horizon,
        "opening_cash": 0.0 if zero else draw(st.floats(-5000.0, 5000.0, allow_subnormal=False)),
        "assumptions": a,
        "people": [_person(d, i, has_pipeline, first, last) for i in range(draw(st.integers(1, 6)))],
    }
    staff = []
    for i in range(draw(st.integers(0, 2))):
        # fte 2.0: two people on one line; a rare large pay crosses the
        # unemployment-insurance payroll threshold within a year.
        fte = draw(st.sampled_from([0.1, 0.5, 1.0, 2.0]) | st.floats(0.0, 1.5))
        pay = d.money(5000.0) if zero or draw(st.integers(0, 9)) else 250000.0
        s = {"role": f"role{i}", "fte": 0.0 if zero else fte, "monthly_pay": pay,
             "paid_by": draw(st.sampled_from(["this", "municipality", "project_grant"])),
             "pay_basis": draw(st.sampled_from(PAY_BASES))}
        start = d.maybe(st.integers(first - 24, last))
        if start is not None:
            s["start"] = month_label(start)
        end = d.maybe(st.integers(start if start is not None else first, last + 6))
        if end is not None:
            s["end"] = month_label(end)
        if draw(st.booleans()):   # issue 13: a post shared by the whole unit
            s["shared_by_participants"] = draw(st.integers(1, 30))
        staff.append(s)
    sc["staff"] = staff
    revenue = []
    for i in range(draw(st.integers(0, 3))):
        r = {"name": f"rev{i}", "basis": draw(st.sampled_from(["per_hour", "per_unit", "per_month"])),
             "price": d.money(100.0 if i % 2 else 5000.0), "volume": d.money(200.0),
             "vat": draw(st.sampled_from(["standard", "exempt"]))}
        if draw(st.booleans()):
            r["volume_from_paid_hours"] = d.rate(0.0, 1.0)
        elif draw(st.booleans()):   # issue 13: volume per participant-day at the unit
            r["volume_per_participant_day"] = d.money(5.0)
        if draw(st.booleans()):
            r["kind"] = draw(st.sampled_from(["sale", "avoided_cost"]))
        start = d.maybe(st.integers(first - 6, last))
        if start is not None:
            r["start"] = month_label(start)
        end = d.maybe(st.integers(start if start is not None else first, last + 6))
        if end is not None:
            r["end"] = month_label(end)
        if draw(st.booleans()):
            r["growth"] = d.rate(-0.05, 0.1)
        if draw(st.booleans()):
            r["seasonality"] = [0.0 if zero else draw(st.floats(0.0, 2.0, allow_subnormal=False))
                                for _ in range(12)]
        revenue.append(r)
    sc["revenue"] = revenue
    sc["overheads"] = [_item(d, f"oh{i}", first, last, False) for i in range(draw(st.integers(0, 4)))]
    for it in sc["overheads"]:
        if draw(st.booleans()):   # issue 13: shared unit costs
            it["shared_by_participants"] = draw(st.integers(1, 30))
    sc["overhead_basis"] = draw(st.sampled_from(["full", "full", "marginal"]))
    if draw(st.booleans()):
        sc["organisation_founded"] = month_label(draw(st.integers(first, last)))
    sc["grants"] = [_item(d, f"gr{i}", first, last, True) for i in range(draw(st.integers(0, 3)))]
    fin = {"share_capital": [{"month": d.month(first - 3, last + 3), "amount": d.money(5000.0)}
                             for _ in range(draw(st.integers(0, 2)))],
           "loans": []}
    for i in range(draw(st.integers(0, 2))):
        fin["loans"].append({
            "name": f"loan{i}", "amount": d.money(5000.0), "drawdown": d.month(first - 6, last),
            "annual_rate": 0.0 if zero or draw(st.booleans()) else d.rate(0.0, 0.15),
            "term_months": draw(st.integers(1, 60)),
            "repayment": draw(st.sampled_from(["annuity", "straight"]))})
    sc["financing"] = fin
    if has_pipeline:
        ac = {"employer": draw(st.sampled_from(["this", "company"])),
              "hours_per_week": draw(st.sampled_from([10.0, 20.0, 37.5]) | st.floats(0.0, 40.0)),
              "palkkatuki": _palkkatuki(d)}
        _pay(d, ac)
        sc["pipeline"] = {"avotyo_time_limit_months": draw(st.integers(1, 24)),
                          "conversion_rate": draw(st.floats(0.0, 1.0)),
                          "after_conversion": ac}
    return sc


@st.composite
def scenarios(draw) -> dict:
    """A valid scenario dict with moderate amounts (0-5000)."""
    return _build(draw, zero=False)


@st.composite
def zero_scenarios(draw) -> dict:
    """The same structure with every amount, price, wage, rate, day count
    and opening cash zero."""
    return _build(draw, zero=True)
