"""A slow, plain reference implementation of docs/rules.md.

Written only from the specification, as an independent oracle for
``simulator/engine.py``: loops over months and rows (people and staff),
plain Python floats, each row's state in a month found by scanning its
phases. Read it next to docs/rules.md; comments quote the rule they follow.

Decisions where the spec is silent (see the test report):
- staff without ``start`` are treated as employed from the projection start
  (that start is also their "employment start" for holiday credit);
- with a pipeline, every time-limited avotyö of a person is converted in
  both rows; the "returned" work activity keeps the avotyö's ``arranged_by``;
- ``costs`` = costs before tax + income tax; ``paid_hours`` = the paid hours
  of people (not staff) employed here, as in the revenue rule;
- people counts include phases arranged by others and phases with 0 days;
- an employment that follows a time-limited avotyö without ``end`` is still
  running at the horizon: it keeps its unpaid holiday balance.
"""
from __future__ import annotations

import datetime
import math

from simulator.model.conventions import WEEKS_PER_MONTH, lag_from_days, month_label, month_number

COLUMNS = [
    "sales", "avotyo_fees", "day_price_income", "client_fees", "other_income",
    "pay_subsidy", "grants", "wages", "holiday_pay", "holiday_bonus",
    "employer_pension", "employer_health_insurance", "employer_unemployment_insurance",
    "accident_insurance", "group_life_insurance", "employer_contributions",
    "work_activity_pay", "work_activity_costs", "overheads", "one_off_costs",
    "non_deductible_vat", "interest", "revenue", "subsidies", "costs_before_tax",
    "result_before_tax", "income_tax", "costs", "result", "customer_receipts",
    "client_fees_received", "pay_subsidy_received", "grants_received",
    "other_income_received", "vat_refund", "share_capital", "loan_drawdown",
    "wages_paid", "holiday_pay_paid", "holiday_bonus_paid", "employer_contributions_paid",
    "work_activity_pay_paid", "work_activity_costs_paid", "supplier_payments",
    "interest_paid", "loan_repayment", "vat_paid", "income_tax_paid", "cash_in",
    "cash_out", "net_cash_flow", "opening_cash", "closing_cash", "cumulative_result",
    "paid_hours", "people_in_paid_work", "people_employed_here",
    "people_in_work_activity", "people_in_avotyo",
    # issue 14: sick pay, occupational health care, depreciation
    "sick_pay", "sick_pay_contributions", "occupational_health_care", "depreciation",
    "occupational_health_reimbursement_received", "sick_pay_paid", "sick_pay_contributions_paid",
    "occupational_health_care_paid", "investment_payments",
    # issue 13: one boundary
    "avoided_costs", "participant_days_here", "day_price_elsewhere", "company_pay_subsidy",
    # issue 14 items 3–5: the VAT relief for small businesses
    "vat_relief", "vat_relief_received",
]
AGREEMENTS = {"tes_kiinteistopalvelu": "tes.kiinteistopalvelu_raise", "tes_kauppa": "tes.kauppa_raise",
              "ttes": "tes.ttes_raise"}


def _pay_index(params, basis, g, first, m):
    """Pay index (rules.md, Pay): wage growth g each 1 January, or the
    agreement's raises dated after the first month's 1st day up to month m's
    1st day, then g each January after the raises file's last known year."""
    if basis == "wage_growth":
        return (1.0 + g) ** (m // 12 - first // 12)
    prm = params.get(AGREEMENTS[basis])
    day = lambda k: datetime.date(k // 12, k % 12 + 1, 1)
    out = 1.0
    for e in prm.entries:
        if day(first) < e.valid_from <= day(m):
            out *= 1.0 + e.value / 100.0
    return out * (1.0 + g) ** max(0, m // 12 - max(prm.known_until.year, first // 12))


def _cost_index(params, g, first, m):
    """Cost index (rules.md, Cost index): the actual CPI change of each year after
    the first year up to month m's year, then g for each year after the last actual."""
    prm = params.get("cpi.annual_change")
    out = 1.0
    for e in prm.entries:
        if first // 12 < e.valid_from.year <= m // 12:
            out *= 1.0 + e.value / 100.0
    return out * (1.0 + g) ** max(0, m // 12 - max(prm.known_until.year, first // 12))


def _decisions(p, person, birth, seg, renewal_p, last):
    """Palkkatuki decisions of an employment (rules.md, Palkkatuki):
    [(start, months, rate, cap, side costs included, weight)]."""
    pt, s = seg["palkkatuki"], seg["start"]
    if pt == "none" or person is None or (pt == "auto" and not person.jobseeker):
        return []

    def terms(start):
        route = "reduced_capacity" if person.reduced_work_capacity else "other"
        if pt == "auto":
            if (not person.reduced_work_capacity and p("palkkatuki.rate_age55", start) > 0
                    and s // 12 - birth >= p("palkkatuki.min_age_age55", start)):
                route = "age55"
            return (p(f"palkkatuki.rate_{route}", start), int(p(f"palkkatuki.months_{route}", start)),
                    p(f"palkkatuki.cap_{route}", start),
                    route != "age55" and p("palkkatuki.side_costs_included", start) == 1)
        cap = pt.monthly_cap if pt.monthly_cap is not None else (
            p("palkkatuki.cap_full_rate", start) if pt.rate >= 1 else p(f"palkkatuki.cap_{route}", start))
        return pt.rate, pt.months, cap, p("palkkatuki.side_costs_included", start) == 1

    rate, months, cap, old = terms(s)
    if rate <= 0 or months <= 0:
        return []
    out, w, start = [(s, months, rate, cap, old, 1.0)], 1.0, s + months
    end = min(seg["end"], last)
    while pt == "auto" and person.reduced_work_capacity and renewal_p > 0 and start <= end:
        w *= renewal_p
        rate, months, cap, old = terms(start)
        if rate <= 0 or months <= 0:
            break
        out.append((start, months, rate, cap, old, w))
        start += months
    return out


def _unit_share(sc, n_shared):
    """Shared unit costs (rules.md): full = min(1, people / participants),
    marginal = 0; not shared = 1."""
    if n_shared is None:
        return 1.0
    return 0.0 if sc.overhead_basis == "marginal" else min(1.0, len(sc.people) / n_shared)


def _in_ages(params, name, age):
    ages = params.get(name).ages
    if not ages:
        return True
    lo, hi = ages
    return (lo is None or age >= lo) and (hi is None or age <= hi)


def _pension_rate(params, scheme, m, age, birth):
    """Employer's pension rate by scheme (rules.md, Employer contributions):
    ages 17 .. the upper limit of the birth year (tyel.upper_age, keyed by
    birth date); tyel_basic and keva = total − the employee's share by age."""
    upper = params.get("tyel.upper_age").entry_at(datetime.date(birth, 1, 1)).value
    if not 17 <= age <= upper:
        return 0.0
    if scheme == "tyel_average":
        return params.value("tyel.employer_average", m)
    if _in_ages(params, "tyel.employee_share_53_62", age):
        employee = params.value("tyel.employee_share_53_62", m)
    else:
        employee = params.value("tyel.employee_share_under_53", m)
    if scheme == "tyel_basic":
        return params.value("tyel.basic_rate", m) + params.value("tyel.basic_expense_loading", m) - employee
    return params.value("keva.pay_based_contribution", m) - employee


def _segment(ph, start, end, pays_out, kind=None):
    """A phase as a plain dict: months start..end (inclusive); ``pays_out``
    = its last month ends the employment (explicit end / next phase)."""
    seg = {"kind": kind or ph.kind, "start": start, "end": end, "pays_out": pays_out}
    if seg["kind"] == "employment":
        seg.update(employer=ph.employer, hours=ph.hours_per_week,
                   hourly_wage=ph.hourly_wage, monthly_pay=ph.monthly_pay,
                   palkkatuki=ph.palkkatuki, pay_basis=getattr(ph, "pay_basis", "wage_growth"))
    else:
        seg.update(days=ph.days_per_month, tyoosuusraha=ph.tyoosuusraha_per_day,
                   day_price=ph.day_price, cost=ph.cost_per_day, meal_fee=ph.meal_fee_per_day,
                   arranged_by=ph.arranged_by,
                   company_fee=getattr(ph, "company_fee_per_day", 0.0),
                   company_fee_vat=getattr(ph, "company_fee_vat", "standard"),
                   time_limited=getattr(ph, "time_limited", False))
    return seg


def _rows(sc):
    """Rows: (weight, person or None, birth_year, segments, counted, grant_funded)."""
    last = sc.last_month
    rows = []
    for person in sc.people:
        birth = person.birth_year if person.birth_year is not None else sc.first_month // 12 - person.age
        phases = sorted(person.phases, key=lambda p: month_number(p.start))
        segs = []
        for i, ph in enumerate(phases):
            s = month_number(ph.start)
            if ph.end is not None:
                segs.append(_segment(ph, s, month_number(ph.end), True))
            elif i + 1 < len(phases):  # until the month before the next phase
                segs.append(_segment(ph, s, month_number(phases[i + 1].start) - 1, True))
            else:  # to the end of the projection; still running at the horizon
                segs.append(_segment(ph, s, last, False))
        pl = sc.pipeline
        limited = [g for g in segs if g["kind"] == "avotyo" and g["time_limited"]
                   and pl is not None and g["end"] > g["start"] + pl.avotyo_time_limit_months - 1]
        if not limited:
            rows.append((1.0, person, birth, segs, True, False))
            continue
        # Pipeline: "paid_work" and "returned" rows; both keep the avotyö
        # until start + time_limit - 1, then part ways until its end.
        paid, returned = [], []
        for g in segs:
            if g not in limited:
                paid.append(g)
                returned.append(g)
                continue
            cut = g["start"] + pl.avotyo_time_limit_months  # first month after the limit
            head = dict(g, end=cut - 1, pays_out=False)
            paid += [head, _segment(pl.after_conversion, cut, g["end"], g["pays_out"], "employment")]
            returned += [head, dict(g, kind="work_activity", start=cut, company_fee=0.0)]
        rows.append((pl.conversion_rate, person, birth, paid, True, False))
        rows.append((1.0 - pl.conversion_rate, person, birth, returned, True, False))
    for st in sc.staff:
        if st.paid_by == "municipality":  # outside this budget
            continue
        share = _unit_share(sc, st.shared_by_participants)  # the row's weight
        if share == 0:
            continue
        start = month_number(st.start) if st.start else sc.first_month
        end = month_number(st.end) if st.end else last
        seg = {"kind": "employment", "start": start, "end": end, "pays_out": st.end is not None,
               "employer": "this", "hours": 37.5 * st.fte, "hourly_wage": None,
               "monthly_pay": st.monthly_pay * st.fte, "palkkatuki": "none", "pay_basis": st.pay_basis}
        rows.append((share, None, None, [seg], False, st.paid_by == "project_grant"))
    return rows


def _item_amount(item, m, first, last, index, share=1.0):
    """An overhead/grant item's amount in month m (before weights), × the
    scenario's share of a shared overhead."""
    a = month_number(item.start) if item.start else first
    b = month_number(item.end) if item.end else last
    if item.kind == "one_off":
        due = m == a
    elif item.kind == "monthly":
        due = a <= m <= b
    else:
        due = a <= m <= b and m % 12 + 1 == item.due_month
    return item.amount * (index if item.indexed else 1.0) * share if due else 0.0


def reference_project(sc, params) -> dict[str, list[float]]:
    first, n, last = sc.first_month, sc.horizon_months, sc.last_month
    A = sc.assumptions
    col = {c: [0.0] * n for c in COLUMNS}

    def add(name, m, amount):  # what falls past the horizon is dropped
        if first <= m <= last:
            col[name][m - first] += amount

    def index(g, m):  # steps each 1 January
        return (1.0 + g) ** (m // 12 - first // 12)

    def cost_index(m):
        return _cost_index(params, A.cost_inflation, first, m)

    def pay_index(seg, m):
        return _pay_index(params, seg.get("pay_basis", "wage_growth"), A.wage_growth, first, m)

    def p(name, m):
        return params.value(name, m)

    lag = lag_from_days(A.customer_payment_term_days)
    rows = _rows(sc)
    unpaid = [[] for _ in rows]  # per row: [month, H, L, c] accrued, not yet paid
    ohc_refund = {}  # calendar year -> Kela's occupational health reimbursement accrued
    vat_due = {}     # month -> output VAT − input VAT (registered)
    renewal_p = float(A.palkkatuki_renewal_probability)
    year_payroll = {}
    for m in range(first, last + 1):
        # 1. Each row's state and pay (B, W, H, L) this month.
        states = []
        for _w, _person, _birth, segs, _counted, _grant in rows:
            seg = next((g for g in segs if g["start"] <= m <= g["end"]), None)
            st = {"seg": seg, "B": 0.0, "H": 0.0, "W": 0.0, "L": 0.0}
            if seg and seg["kind"] == "employment" and seg["employer"] == "this":
                hours_month = seg["hours"] * WEEKS_PER_MONTH
                base = seg["monthly_pay"] if seg["monthly_pay"] is not None else seg["hourly_wage"] * hours_month
                B = base * pay_index(seg, m)
                credit_year = m // 12 if m % 12 + 1 >= 4 else m // 12 - 1  # 1.4.Y-31.3.(Y+1)
                if hours_month < p("holiday.min_hours_for_full_month", m):
                    d = 0.0
                elif seg["start"] <= credit_year * 12 + 3:  # started on/before 1 April Y
                    d = p("holiday.days_per_month", m)
                else:
                    d = p("holiday.days_per_month_first_year", m)
                H = d * B / p("holiday.working_days_per_month", m)
                st.update(B=B, H=H, W=B - H, L=H * p("holiday.lomaraha_share", m))
            states.append(st)

        # 2. Unemployment insurance: the year's weighted payroll, cumulated.
        payroll = sum(r[0] * (s["B"] + s["L"]) for r, s in zip(rows, states))
        before = year_payroll.get(m // 12, 0.0)
        year_payroll[m // 12] = before + payroll
        below = max(0.0, min(payroll, p("unemployment_insurance.payroll_threshold", m) - before))
        lower, upper = p("unemployment_insurance.employer_lower", m), p("unemployment_insurance.employer_upper", m)
        ui_rate = (lower * below + upper * (payroll - below)) / payroll if payroll > 0 else lower

        # 3. Person lines, multiplied by the row's weight.
        paid_hours, std_sales = 0.0, 0.0  # std_sales: standard-rated sales and fees
        days_here = 0.0  # participant-days of work activity at the unit (not avotyö)
        for i, ((w, person, birth, segs, counted, grant_funded), st) in enumerate(zip(rows, states)):
            seg = st["seg"]
            if seg is None:
                continue
            age = m // 12 - birth if person is not None else 40
            born = birth if person is not None else first // 12 - 40
            if seg["kind"] == "employment":
                if counted:
                    add("people_in_paid_work", m, w)
                if seg["employer"] != "this":
                    # Outside: palkkatuki the company receives (rules.md, Transfers ...)
                    now = [d for d in _decisions(p, person, birth, seg, renewal_p, last)
                           if d[0] <= m < d[0] + d[1] and m <= seg["end"]]
                    if not now:
                        continue
                    _s, _mo, rate, cap, old, wt = now[0]
                    rate, cap = rate * wt, cap * wt   # a renewal's expected value
                    base = seg["monthly_pay"] if seg["monthly_pay"] is not None else \
                        seg["hourly_wage"] * seg["hours"] * WEEKS_PER_MONTH
                    B = base * pay_index(seg, m)
                    if old:
                        c_avg = sum(p(x, m) for x in (
                            "tyel.employer_average", "health_insurance.employer",
                            "unemployment_insurance.employer_lower", "accident_insurance.average",
                            "group_life_insurance.average"))
                        add("company_pay_subsidy", m, w * min(rate * B * (1 + c_avg), cap))
                    else:
                        add("company_pay_subsidy", m, w * min(rate * B, cap))
                    continue
                if counted:
                    add("people_employed_here", m, w)
                    paid_hours += w * seg["hours"] * WEEKS_PER_MONTH
                B, W, H, L = st["B"], st["W"], st["H"], st["L"]
                base = B + L
                rates = {
                    "employer_pension": _pension_rate(params, A.pension_scheme, m, age, born)
                    if B >= p("tyel.earnings_floor", m) else 0.0,
                    "employer_health_insurance": p("health_insurance.employer", m)
                    if _in_ages(params, "health_insurance.employer", age) else 0.0,
                    "employer_unemployment_insurance": ui_rate
                    if _in_ages(params, "unemployment_insurance.employer_lower", age) else 0.0,
                    "accident_insurance": A.accident_insurance_rate
                    if A.accident_insurance_rate is not None else p(
                        "accident_insurance.cleaning_estimate" if A.accident_insurance_class == "cleaning"
                        else "accident_insurance.average", m),
                    "group_life_insurance": A.group_life_insurance_rate
                    if A.group_life_insurance_rate is not None else p("group_life_insurance.average", m),
                }
                c = sum(rates.values())
                for name, rate in rates.items():
                    add(name, m, w * rate * base)
                add("employer_contributions", m, w * c * base)
                # Sick pay: expected days / 12 × share × B / working days; contributions at c.
                S = A.sick_days_per_year / 12 * p("sick_pay.pay_share", m) * B / p("holiday.working_days_per_month", m)
                add("sick_pay", m, w * S)
                add("sick_pay_paid", m, w * S)
                add("sick_pay_contributions", m, w * c * S)
                add("sick_pay_contributions_paid", m + 1, w * c * S)
                # Occupational health care: gross a month, net of Kela's share; refund yearly.
                g = w * A.occupational_health_per_person / 12 * cost_index(m)
                share = p("occupational_health.reimbursement_rate_preventive", m)
                add("occupational_health_care", m, g * (1 - share))
                add("occupational_health_care_paid", m, g)
                ohc_refund[m // 12] = ohc_refund.get(m // 12, 0.0) + g * share
                add("wages", m, w * W)
                add("holiday_pay", m, w * H)
                add("holiday_bonus", m, w * L)
                add("wages_paid", m, w * W)
                add("employer_contributions_paid", m + 1, w * c * W)
                if grant_funded:  # staff paid from a project grant: the grant's share of the cost
                    add("grants", m, w * (base + c * base) * A.project_grant_share)
                    add("grants_received", m, w * (base + c * base) * A.project_grant_share)
                # Holiday pay and lomaraha: paid in batches.
                unpaid[i].append([m, w * H, w * L, c])
                if seg["pays_out"] and m == seg["end"]:
                    due = unpaid[i]
                elif m % 12 + 1 == A.holiday_pay_month:  # up to the latest March
                    latest_march = (m // 12) * 12 + 2 if m % 12 >= 2 else (m // 12 - 1) * 12 + 2
                    due = [u for u in unpaid[i] if u[0] <= latest_march]
                else:
                    due = []
                for u in due:
                    add("holiday_pay_paid", m, u[1])
                    add("holiday_bonus_paid", m, u[2])
                    add("employer_contributions_paid", m + 1, u[3] * (u[1] + u[2]))
                unpaid[i] = [u for u in unpaid[i] if all(u is not x for x in due)]
                # Palkkatuki: rules in force at the employment's start month s.
                now = [d for d in _decisions(p, person, birth, seg, renewal_p, last)
                       if d[0] <= m < d[0] + d[1] and m <= seg["end"]]
                if not now:
                    continue
                _s, _mo, rate, cap, old, wt = now[0]
                rate, cap = rate * wt, cap * wt   # a renewal's expected value
                if old:
                    subsidy = min(rate * B * (1 + c), cap) + rate * L * (1 + c)
                else:
                    subsidy = min(rate * B, cap)
                add("pay_subsidy", m, w * subsidy)
                add("pay_subsidy_received", m + A.palkkatuki_payment_delay_months, w * subsidy)
            else:  # work activity or avotyö
                add("people_in_avotyo" if seg["kind"] == "avotyo" else "people_in_work_activity", m, w)
                if seg["arranged_by"] != "this":
                    # Outside: the day price the county pays the other unit
                    add("day_price_elsewhere", m, w * seg["days"] * seg["day_price"] * index(A.price_growth, m))
                    continue
                D = seg["days"]
                if seg["kind"] != "avotyo":
                    days_here += w * D
                    add("participant_days_here", m, w * D)
                price_ix = index(A.price_growth, m)
                add("work_activity_pay", m, w * D * seg["tyoosuusraha"])
                add("work_activity_pay_paid", m, w * D * seg["tyoosuusraha"])
                add("work_activity_costs", m, w * D * seg["cost"] * cost_index(m))
                add("work_activity_costs_paid", m, w * D * seg["cost"] * cost_index(m))
                add("client_fees", m, w * D * seg["meal_fee"])
                add("client_fees_received", m, w * D * seg["meal_fee"])
                day_price = w * D * seg["day_price"] * price_ix
                add("day_price_income", m, day_price)
                add("customer_receipts", m + lag, day_price)  # VAT-exempt
                if seg["kind"] == "avotyo":
                    fee = w * D * seg["company_fee"] * price_ix
                    add("avotyo_fees", m, fee)
                    add("customer_receipts", m + lag, fee)  # its VAT is added below
                    if seg["company_fee_vat"] == "standard":
                        std_sales += fee
        col["paid_hours"][m - first] = paid_hours

        # 4. Revenue lines.
        for r in sc.revenue:
            a = month_number(r.start) if r.start else first
            b = month_number(r.end) if r.end else last
            if not a <= m <= b:
                continue
            if r.volume_from_paid_hours is not None:
                volume = r.volume_from_paid_hours * paid_hours
            elif r.volume_per_participant_day is not None:
                volume = r.volume_per_participant_day * days_here
            else:
                volume = r.volume
            if r.seasonality is not None:
                volume *= r.seasonality[m % 12]
            g = A.price_growth if r.growth is None else r.growth
            sales = r.price * index(g, m) * volume
            if r.kind == "avoided_cost":  # a result, never cash: no receipt, no VAT
                add("avoided_costs", m, sales)
                continue
            add("sales", m, sales)
            add("customer_receipts", m + lag, sales)
            if r.vat == "standard":
                std_sales += sales

        # 5. Overheads, one-offs, grants, VAT.
        input_base = 0.0
        for item in sc.overheads:
            amount = _item_amount(item, m, first, last, cost_index(m),
                                  _unit_share(sc, item.shared_by_participants))
            if item.kind == "one_off" and item.depreciation_years:
                # an investment: cash at purchase, straight-line depreciation from that month
                add("investment_payments", m, amount)
                life = 12 * item.depreciation_years
                for k in range(life):
                    add("depreciation", m + k, amount / life)
            else:
                add("one_off_costs" if item.kind == "one_off" else "overheads", m, amount)
                add("supplier_payments", m, amount)
            if item.vat == "standard":
                input_base += amount
        for gr in sc.grants:
            amount = _item_amount(gr, m, first, last, cost_index(m))
            name = "grants" if gr.subsidy else "other_income"
            add(name, m, amount)
            add(name + "_received", m, amount)
        vat = p("vat.standard_rate", m)
        add("supplier_payments", m, vat * input_base)
        if A.vat_registered:
            add("customer_receipts", m + lag, vat * std_sales)
            net = vat * std_sales - vat * input_base  # settled two months later
            add("vat_paid" if net > 0 else "vat_refund", m + 2, abs(net))
            vat_due[m] = net
        else:
            add("non_deductible_vat", m, vat * input_base)

    # The VAT relief for small businesses (rules.md, VAT): each December of a
    # year it is in force, from the year's VAT due V and its turnover LV
    # scaled to 12 months over the months the organisation exists.
    for year in range(first // 12, last // 12 + 1):
        dec = year * 12 + 11
        if not A.vat_registered or not first <= dec <= last or p("vat.relief_in_force", dec) <= 0:
            continue
        ms = [k for k in range(first, last + 1) if k // 12 == year]
        n_exist = sum(1 for k in ms if k >= sc.founded_month)
        if n_exist == 0:
            continue
        v_due = sum(vat_due.get(k, 0.0) for k in ms)
        lv = sum(col[c][k - first] for k in ms for c in ("sales", "avotyo_fees", "day_price_income",
                                                         "client_fees")) * 12 / n_exist
        lo, up = p("vat.relief_lower_limit", dec), p("vat.relief_upper_limit", dec)
        relief = 0.0 if v_due <= 0 else (v_due if lv <= lo else (v_due - (lv - lo) * v_due / (up - lo)
                                                                   if lv < up else 0.0))
        add("vat_relief", dec, relief)
        add("vat_relief_received", dec + 2, relief)

    # Kela pays a calendar year's occupational health reimbursement once,
    # the delay's months after the year's end.
    for year, amount in ohc_refund.items():
        year_end = year * 12 + 11
        add("occupational_health_reimbursement_received",
            year_end + round(p("occupational_health.reimbursement_delay_months", year_end)), amount)

    # Financing.
    for sh in sc.financing.share_capital:
        add("share_capital", month_number(sh.month), sh.amount)
    for loan in sc.financing.loans:
        d0, amount, k, r = month_number(loan.drawdown), loan.amount, loan.term_months, loan.annual_rate / 12
        add("loan_drawdown", d0, amount)
        balance = amount
        discount = -math.expm1(-k * math.log1p(r))  # 1 - (1+r)^-n, accurate for tiny r
        payment = amount * r / discount if discount > 0 else amount / k  # r = 0: A/n
        for t in range(1, k + 1):
            interest = r * balance
            principal = amount / k if loan.repayment == "straight" else payment - interest
            balance -= principal
            for name in ("interest", "interest_paid"):
                add(name, d0 + t, interest)
            add("loan_repayment", d0 + t, principal)

    # Result.
    for j in range(n):
        v = {c: col[c][j] for c in COLUMNS}
        col["revenue"][j] = (v["sales"] + v["avotyo_fees"] + v["day_price_income"] + v["client_fees"]
                             + v["other_income"] + v["vat_relief"])
        col["subsidies"][j] = v["pay_subsidy"] + v["grants"]
        col["costs_before_tax"][j] = sum(v[c] for c in (
            "wages", "holiday_pay", "holiday_bonus", "employer_contributions", "sick_pay",
            "sick_pay_contributions", "occupational_health_care", "work_activity_pay",
            "work_activity_costs", "overheads", "one_off_costs", "depreciation", "non_deductible_vat", "interest"))
        col["result_before_tax"][j] = (col["revenue"][j] + col["subsidies"][j] + v["avoided_costs"]
                                       - col["costs_before_tax"][j])

    # Income tax: yearly, losses carried forward; booked in the year's last
    # projected month, paid in income_tax_payment_month of the next year.
    if A.pays_income_tax:
        losses = 0.0
        for year in range(first // 12, last // 12 + 1):
            ms = [m for m in range(first, last + 1) if m // 12 == year]
            total = sum(col["result_before_tax"][m - first] for m in ms)
            if total < 0:
                losses += -total
                continue
            used = min(losses, total)
            losses -= used
            tax = p("corporate_tax.rate", ms[-1]) * (total - used)
            add("income_tax", ms[-1], tax)
            add("income_tax_paid", (year + 1) * 12 + A.income_tax_payment_month - 1, tax)

    # Cash.
    cash, cum = sc.opening_cash, 0.0
    for j in range(n):
        v = {c: col[c][j] for c in COLUMNS}
        col["costs"][j] = v["costs_before_tax"] + v["income_tax"]
        col["result"][j] = v["result_before_tax"] - v["income_tax"]
        col["cash_in"][j] = sum(v[c] for c in (
            "customer_receipts", "client_fees_received", "pay_subsidy_received", "grants_received",
            "other_income_received", "vat_refund", "vat_relief_received",
            "occupational_health_reimbursement_received",
            "share_capital", "loan_drawdown"))
        col["cash_out"][j] = sum(v[c] for c in (
            "wages_paid", "holiday_pay_paid", "holiday_bonus_paid", "employer_contributions_paid",
            "sick_pay_paid", "sick_pay_contributions_paid", "work_activity_pay_paid",
            "work_activity_costs_paid", "supplier_payments", "occupational_health_care_paid",
            "investment_payments", "interest_paid", "loan_repayment", "vat_paid", "income_tax_paid"))
        col["net_cash_flow"][j] = col["cash_in"][j] - col["cash_out"][j]
        col["opening_cash"][j] = cash
        cash += col["net_cash_flow"][j]
        col["closing_cash"][j] = cash
        cum += col["result"][j]
        col["cumulative_result"][j] = cum
    return col


def reference_break_even(cumulative, months=None):
    """Index of the first month from which the cumulative result stays >= 0
    to the end (or its label when ``months`` labels are given); None if the
    last month's cumulative result is < 0."""
    if not cumulative or cumulative[-1] < 0:
        return None
    i = len(cumulative)
    while i > 0 and cumulative[i - 1] >= 0:
        i -= 1
    return months[i] if months is not None else i


def month_labels(sc):
    return [month_label(m) for m in range(sc.first_month, sc.last_month + 1)]
