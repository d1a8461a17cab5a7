"""Compile a scenario's people and staff into person × month arrays.

Every row is a person (or a staff post) and every column a month of the
projection. Rows carry a ``weight``: 1 for a person, and for the
time-limited avotyö pipeline the expected shares of a person who moves on to
paid work (``conversion_rate``) or returns to work activity (the rest). All
person lines are multiplied by the weight, so totals are expected values.

Amounts here are in the scenario's first-year prices; the line functions
apply growth.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.model.conventions import WEEKS_PER_MONTH, month_label, month_number
from typing import get_args

from simulator.model.scenario import AvotyoPhase, EmploymentPhase, PayBasis, Scenario, WorkActivityPhase

PAY_BASES = get_args(PayBasis)  # the codes of Roster.pay_basis: 0 = wage_growth, then the agreements
STAFF_AGE = 40  # staff rows have no age in the scenario; any age 17–52 gives the same rates


@dataclass
class Row:
    """One row before it is stacked into arrays."""
    id: str
    person_id: str
    weight: float
    is_staff: bool
    birth_year: int
    reduced: bool
    phases: list = field(default_factory=list)
    pension: float = 0.0       # disability pension €/month (for the earnings-limit check)
    staff_grant: bool = False  # staff cost covered by a project grant
    jobseeker: bool = True     # a registered jobseeker (palkkatuki auto needs it)


@dataclass
class Roster:
    """Person × month arrays (shape ``(rows, months)``) plus row vectors."""
    months: np.ndarray
    ids: list
    person_ids: list
    weight: np.ndarray
    is_staff: np.ndarray
    staff_grant: np.ndarray
    reduced: np.ndarray
    pension: np.ndarray
    age: np.ndarray
    # work activity and avotyö arranged by this unit
    wa_days: np.ndarray
    wa_days_other: np.ndarray
    day_price_other: np.ndarray     # day price of work activity arranged by another unit
    day_price_unknown: list         # person ids with work activity elsewhere and no known day price
    tyoosuusraha_rate: np.ndarray
    day_price: np.ndarray
    cost_per_day: np.ndarray
    meal_fee: np.ndarray
    company_fee: np.ndarray
    company_fee_standard_vat: np.ndarray
    in_avotyo: np.ndarray
    in_work_activity: np.ndarray    # any work activity or avotyö phase, whoever arranges it
    # employment
    employed_here: np.ndarray
    employed_company: np.ndarray
    hours_per_week: np.ndarray
    base_pay: np.ndarray            # monthly pay in first-year prices
    pay_basis: np.ndarray           # index into PAY_BASES of the employment's pay_basis (0 = wage_growth)
    employment_start: np.ndarray    # month number the current employment began (-1 if none)
    employment_last: np.ndarray     # True in the last month of an employment with this organisation
    subsidy_rate: np.ndarray        # palkkatuki rate in subsidised months, else 0
    subsidy_cap: np.ndarray
    subsidy_old_rules: np.ndarray   # True where pre-1.7.2023 rules apply (side costs included)
    # palkkatuki an outside company receives for a person it employs (not this organisation's money)
    company_subsidy_rate: np.ndarray
    company_subsidy_cap: np.ndarray
    company_subsidy_old_rules: np.ndarray


def _span(phase, first: int, last: int, next_start: int | None = None) -> tuple[int, int] | None:
    """Column slice (a, b) of a phase within the horizon, or None."""
    a = month_number(phase.start)
    b = month_number(phase.end) if phase.end else (next_start - 1 if next_start else last)
    a, b = max(a, first), min(b, last)
    if b < a:
        return None
    return a - first, b - first + 1


def _birth_year(person, start_year: int) -> int:
    return person.birth_year if person.birth_year is not None else start_year - person.age


def _expand_people(s: Scenario) -> list[Row]:
    rows = []
    start_year = s.first_month // 12
    for person in s.people:
        by = _birth_year(person, start_year)
        phases = sorted(person.phases, key=lambda ph: month_number(ph.start))
        if s.pipeline is None or not any(isinstance(ph, AvotyoPhase) and ph.time_limited for ph in phases):
            rows.append(Row(person.id, person.id, 1.0, False, by, person.reduced_work_capacity, phases,
                            person.disability_pension or 0.0, jobseeker=person.jobseeker))
            continue
        # Time-limited avotyö: split into the converted and the returned share.
        conv, back = [], []
        for k, ph in enumerate(phases):
            if not (isinstance(ph, AvotyoPhase) and ph.time_limited):
                conv.append(ph)
                back.append(ph)
                continue
            a = month_number(ph.start)
            cut = a + s.pipeline.avotyo_time_limit_months - 1
            nxt = month_number(phases[k + 1].start) - 1 if k + 1 < len(phases) else s.last_month
            end = month_number(ph.end) if ph.end else nxt
            if end <= cut:
                conv.append(ph)
                back.append(ph)
                continue
            limited = ph.model_copy(update={"end": month_label(cut)})
            conv.append(limited)
            back.append(limited)
            open_ended = ph.end is None and k + 1 == len(phases)
            rest_start = month_label(cut + 1)
            rest_end = None if open_ended else month_label(end)
            ac = s.pipeline.after_conversion
            # model_construct: the values are validated already (and may be Monte Carlo batches)
            conv.append(EmploymentPhase.model_construct(
                kind="employment", start=rest_start, end=rest_end, employer=ac.employer,
                hours_per_week=ac.hours_per_week, hourly_wage=ac.hourly_wage,
                monthly_pay=ac.monthly_pay, palkkatuki=ac.palkkatuki))
            back.append(WorkActivityPhase.model_construct(
                kind="work_activity", start=rest_start, end=rest_end,
                days_per_month=ph.days_per_month, tyoosuusraha_per_day=ph.tyoosuusraha_per_day,
                day_price=ph.day_price, cost_per_day=ph.cost_per_day,
                meal_fee_per_day=ph.meal_fee_per_day, arranged_by=ph.arranged_by,
                day_price_unknown=ph.day_price_unknown))
        p = s.pipeline.conversion_rate
        pension = person.disability_pension or 0.0
        rows.append(Row(f"{person.id}:paid_work", person.id, p, False, by,
                        person.reduced_work_capacity, conv, pension, jobseeker=person.jobseeker))
        rows.append(Row(f"{person.id}:returned", person.id, 1.0 - p, False, by,
                        person.reduced_work_capacity, back, pension, jobseeker=person.jobseeker))
    return rows


def unit_share(s: Scenario, shared_by_participants) -> float:
    """The scenario's share of a cost shared by the whole unit's participants
    (docs/rules.md, "Shared unit costs"): full cost = people in the scenario /
    participants (at most 1); marginal cost = 0 (the unit bears it anyway);
    a cost not shared (None) is the scenario's own: 1."""
    if shared_by_participants is None:
        return 1.0
    if s.overhead_basis == "marginal":
        return 0.0
    return min(1.0, len(s.people) / shared_by_participants)


def _staff_rows(s: Scenario) -> list[Row]:
    rows = []
    start_year = s.first_month // 12
    for i, st in enumerate(s.staff):
        if st.paid_by == "municipality":
            continue  # paid outside this budget
        share = unit_share(s, st.shared_by_participants)
        if share == 0:
            continue  # marginal cost: a shared post is not caused by the scenario's people
        phase = EmploymentPhase.model_construct(kind="employment", start=st.start or s.start, end=st.end,
                                employer="this", hours_per_week=37.5 * st.fte,
                                monthly_pay=st.monthly_pay * st.fte, palkkatuki="none",
                                pay_basis=st.pay_basis)
        rows.append(Row(st.name or f"{st.role} {i + 1}", st.name or st.role, share, True,
                        start_year - STAFF_AGE, False, [phase],
                        staff_grant=st.paid_by == "project_grant"))
    return rows


def _put(target: np.ndarray, i: int, a: int, e: int, value) -> np.ndarray:
    """Put a phase's amount into row ``i``, columns ``a:e`` of a rows × months
    array. An amount may be a batch of Monte Carlo draws (an array of shape
    ``(draws, 1)``); the array then gains a leading draws axis,
    ``(draws, rows, months)``, and is returned anew."""
    if np.ndim(value) == 0:
        target[..., i, a:e] = value
        return target
    value = np.asarray(value, dtype=float).reshape(-1, 1)
    if target.ndim == 2:
        target = np.repeat(target[None], value.shape[0], axis=0)
    target[:, i, a:e] = value
    return target


def _row_vector(values: list) -> np.ndarray:
    """Row weights; with Monte Carlo draws among them, shape ``(draws, rows)``."""
    if all(np.ndim(v) == 0 for v in values):
        return np.array(values, dtype=float)
    cols = [np.asarray(v, dtype=float).reshape(-1) for v in values]
    d = max(len(c) for c in cols)
    return np.column_stack([np.broadcast_to(c, (d,)) for c in cols])


def build(s: Scenario, pay_subsidy_rules, decisions) -> Roster:
    """Compile the scenario; ``pay_subsidy_rules(phase, reduced)`` (lines/subsidies.py) returns
    (rate, months, cap, old_rules) for an employment phase with this organisation; ``decisions`` (``subsidies.pay_subsidy_decisions``) lists an
    employment's first decision and its expected renewals."""
    rows = _expand_people(s) + _staff_rows(s)
    first, last = s.first_month, s.last_month
    months = np.arange(first, last + 1)
    n, m = len(rows), len(months)
    z = lambda: np.zeros((n, m))
    b = lambda: np.zeros((n, m), dtype=bool)
    wa_days, wa_other, tor, dprice, dcost, meal = z(), z(), z(), z(), z(), z()
    cfee, cfee_std, avo, in_wa = z(), b(), b(), b()
    here, company, hours, pay = b(), b(), z(), z()
    basis = np.zeros((n, m), dtype=np.int64)
    emp_start = np.full((n, m), -1, dtype=np.int64)
    emp_last, srate, scap, sold = b(), z(), z(), b()
    # a Monte Carlo batch of the renewal probability enters through its mean [simplification]
    renewal_p = float(np.mean(s.assumptions.palkkatuki_renewal_probability))
    dprice_other, crate, ccap, cold = z(), z(), z(), b()
    unknown = set()
    for i, row in enumerate(rows):
        phases = row.phases
        for k, ph in enumerate(phases):
            nxt = month_number(phases[k + 1].start) if k + 1 < len(phases) else None
            sl = _span(ph, first, last, nxt if ph.end is None else None)
            if sl is None:
                continue
            a, e = sl
            if isinstance(ph, EmploymentPhase):
                target = here if ph.employer == "this" else company
                target[i, a:e] = True
                hours = _put(hours, i, a, e, ph.hours_per_week)
                monthly = ph.monthly_pay if ph.monthly_pay is not None else \
                    ph.hourly_wage * ph.hours_per_week * WEEKS_PER_MONTH
                pay = _put(pay, i, a, e, monthly)
                basis[i, a:e] = PAY_BASES.index(getattr(ph, "pay_basis", "wage_growth"))
                start_no = month_number(ph.start)
                emp_start[i, a:e] = start_no
                if ph.employer == "this":
                    # the employment ends (holiday pay is settled) only at an
                    # explicit end or where the next phase begins
                    end_no = month_number(ph.end) if ph.end else (nxt - 1 if nxt else None)
                    if end_no is not None and first <= end_no <= last:
                        emp_last[i, end_no - first] = True
                if not row.is_staff:
                    # the first decision and expected renewals (lines/subsidies.py); a renewal's
                    # weight scales its rate and cap: w × min(r × B, cap) = min(w r × B, w cap)
                    end_no = month_number(ph.end) if ph.end else (nxt - 1 if nxt else last)
                    for d0, n_months, rate, cap, old, w in decisions(
                            pay_subsidy_rules, ph, row.reduced, row.jobseeker, start_no // 12 - row.birth_year,
                            renewal_p, min(end_no, last)):
                        sub_a, sub_end = max(a, d0 - first), min(e, d0 + n_months - first)
                        if sub_end > sub_a:
                            tr, tc, to = (srate, scap, sold) if ph.employer == "this" else (crate, ccap, cold)
                            tr[i, sub_a:sub_end] = rate * w
                            tc[i, sub_a:sub_end] = cap * w
                            to[i, sub_a:sub_end] = old
            else:
                in_wa[i, a:e] = True
                if ph.arranged_by == "this":
                    wa_days = _put(wa_days, i, a, e, ph.days_per_month)
                else:
                    wa_other = _put(wa_other, i, a, e, ph.days_per_month)
                    dprice_other = _put(dprice_other, i, a, e, ph.day_price)
                    if ph.day_price_unknown or (np.ndim(ph.day_price) == 0 and ph.day_price == 0):
                        unknown.add(row.person_id)
                tor = _put(tor, i, a, e, ph.tyoosuusraha_per_day)
                if ph.arranged_by == "this":
                    dprice = _put(dprice, i, a, e, ph.day_price)
                    dcost = _put(dcost, i, a, e, ph.cost_per_day)
                    meal = _put(meal, i, a, e, ph.meal_fee_per_day)
                if isinstance(ph, AvotyoPhase):
                    avo[i, a:e] = True
                    if ph.arranged_by == "this":
                        cfee = _put(cfee, i, a, e, ph.company_fee_per_day)
                        cfee_std[i, a:e] = ph.company_fee_vat == "standard"
    birth = np.array([r.birth_year for r in rows], dtype=np.int64).reshape(n, 1)
    age = (months // 12)[None, :] - birth  # age reached during the calendar year
    return Roster(
        months=months, ids=[r.id for r in rows], person_ids=[r.person_id for r in rows],
        weight=_row_vector([r.weight for r in rows]),
        is_staff=np.array([r.is_staff for r in rows], dtype=bool),
        staff_grant=np.array([r.staff_grant for r in rows], dtype=bool),
        reduced=np.array([r.reduced for r in rows], dtype=bool),
        pension=np.array([r.pension for r in rows]), age=age,
        wa_days=wa_days, wa_days_other=wa_other, day_price_other=dprice_other,
        day_price_unknown=sorted(unknown), tyoosuusraha_rate=tor, day_price=dprice,
        cost_per_day=dcost, meal_fee=meal, company_fee=cfee, company_fee_standard_vat=cfee_std,
        in_avotyo=avo, in_work_activity=in_wa, employed_here=here, employed_company=company, hours_per_week=hours,
        base_pay=pay, pay_basis=basis, employment_start=emp_start, employment_last=emp_last,
        subsidy_rate=srate, subsidy_cap=scap, subsidy_old_rules=sold,
        company_subsidy_rate=crate, company_subsidy_cap=ccap, company_subsidy_old_rules=cold)
