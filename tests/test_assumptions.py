"""Assumption paths (simulator/uncertainty/assumptions.py): listing, get/with_values
round trips on the three pilots, phase-start moves, and bad paths."""
from __future__ import annotations

import numpy as np
import pytest

from simulator.model.conventions import month_label, month_number
from simulator.engine.projection import project
from simulator.model.scenario import SCENARIO_DIR
from simulator.model.loader import load
from simulator.model.problems import validate
from simulator.model.paths import AssumptionError, check_path, describe, get_value, numeric_assumptions, with_values

PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")


def _valid(s, source):
    """Validate a copy without its uncertainty section (a dropped phase may leave
    a distribution pointing at it, which Monte Carlo handles itself)."""
    return validate(s.model_copy(update={"uncertainty": None}).model_dump(mode="json"), source)


@pytest.fixture(scope="module")
def pilots():
    return {p: load(SCENARIO_DIR / f"{p}.yaml") for p in PILOTS}


def _other_value(a):
    """A different valid value for an assumption (inside its natural bounds)."""
    if a.kind == "month":
        return a.value + 1
    if a.integer:
        v = a.value + 1
        return a.value - 1 if a.maximum is not None and v > a.maximum else v
    v = a.value * 1.1 + 0.01
    if a.maximum is not None and v > a.maximum:
        v = (a.value + (a.minimum or 0.0)) / 2
    return v


@pytest.mark.parametrize("pilot", PILOTS)
def test_round_trip_every_assumption(pilots, pilot):
    s = pilots[pilot]
    items = numeric_assumptions(s)
    assert len(items) > 40
    paths = [a.path for a in items]
    assert len(set(paths)) == len(paths)
    before = {a.path: get_value(s, a.path) for a in items}
    for a in items:
        got = get_value(s, a.path)
        assert (month_number(got) if a.kind == "month" else float(got)) == a.value
        assert check_path(s, a.path) == a.path          # listed paths are canonical
        new = _other_value(a)
        value = month_label(int(new)) if a.kind == "month" else new
        s2 = with_values(s, {a.path: value})
        if a.kind == "month":
            assert get_value(s2, a.path) == value
        elif a.integer:
            assert get_value(s2, a.path) == int(new) and isinstance(get_value(s2, a.path), int)
        else:
            assert get_value(s2, a.path) == pytest.approx(new)
        if a.kind != "month":
            # nothing else moved
            changed = [p for p, v in before.items() if p != a.path and get_value(s2, p) != v]
            assert changed == []
        # the copy is still a valid scenario; the original is untouched
        _valid(s2, "<round trip>")
        assert get_value(s, a.path) == before[a.path]


def test_kinds_units_and_bounds(pilots):
    m = {a.path: a for a in numeric_assumptions(pilots["mikkeli_subcontracting"])}
    a = m["pipeline.avotyo_time_limit_months"]
    assert (a.kind, a.integer, a.unit, a.minimum, a.maximum, a.value) == ("integer", True, "months", 1, 120, 6)
    a = m["pipeline.conversion_rate"]
    assert (a.kind, a.unit, a.minimum, a.maximum) == ("continuous", "share", 0, 1)
    a = m["people[M3].phases[1].start"]
    assert a.kind == "month" and a.value == month_number("2022-10")
    assert a.label_en == "M3: starts (avotyö 2022-10)"
    a = m["people[M1].phases[0].days_per_month"]
    assert (a.unit, a.minimum, a.maximum) == ("days/month", 0, 23)
    assert a.label_fi == "M1: päiviä/kk (työtoiminta 1/2022)"   # months as Finnish readers write them
    # duplicated roles are named by the staff member's name
    assert "staff[Ohjaaja 1].monthly_pay" in m and "staff[Työhönvalmentaja].fte" in m
    assert not m["people[M1].disability_pension"].affects_engine
    p = {a.path: a for a in numeric_assumptions(pilots["pieksamaki_salaried"])}
    a = p["people[M3].phases[1].hours_per_week"]
    assert (a.unit, a.value, a.maximum) == ("h/week", 16, 60)
    assert a.label_fi == "M3: tunnit/vko (työsuhde 3/2023)"
    # volume is not an assumption when the line follows paid hours
    assert "revenue[Työn arvo (korvatut ostopalvelut)].volume" not in p
    assert "revenue[Työn arvo (korvatut ostopalvelut)].volume_from_paid_hours" in p
    # months only on request
    assert all(a.kind != "month" for a in numeric_assumptions(pilots["pieksamaki_salaried"], months=False))


def test_names_by_prefix_and_index(pilots):
    s = pilots["varkaus_cooperative"]
    assert check_path(s, "revenue[Siivous].price") == "revenue[Siivous- ja kiinteistöpalvelut].price"
    assert check_path(s, "revenue[0].price") == "revenue[Siivous- ja kiinteistöpalvelut].price"
    assert check_path(s, "financing.loans[0].term_months") == "financing.loans[Pienlaina].term_months"
    assert get_value(s, "revenue[siivous].price") == 26.0


def test_integer_values_are_rounded_and_arrays_pass_through(pilots):
    s = pilots["varkaus_cooperative"]
    s2 = with_values(s, {"financing.loans[Pienlaina].term_months": 24.4})
    assert s2.financing.loans[0].term_months == 24
    arr = np.array([[20.0], [25.0], [30.0]])
    s3 = with_values(s, {"revenue[Siivous].price": arr})
    assert s3.revenue[0].price is arr


def test_phase_start_moves_the_phase_before(pilots):
    s = pilots["varkaus_cooperative"]          # M1: work activity 2022-01..2022-06, employment from 2022-07
    later = with_values(s, {"people[M1].phases[1].start": "2022-10"}).people[0].phases
    assert [(ph.start, ph.end) for ph in later] == [("2022-01", "2022-09"), ("2022-10", None)]
    earlier = with_values(s, {"people[M1].phases[1].start": "2022-04"}).people[0].phases
    assert [(ph.start, ph.end) for ph in earlier] == [("2022-01", "2022-03"), ("2022-04", None)]
    never = with_values(s, {"people[M1].phases[1].start": None})
    assert [(ph.kind, ph.start, ph.end) for ph in never.people[0].phases] == [("work_activity", "2022-01", None)]
    _valid(never, "<never>")
    # a month number works as well as a label
    same = with_values(s, {"people[M1].phases[1].start": month_number("2022-10")}).people[0].phases
    assert same == later
    # later start: fewer paid hours
    h = lambda sc: project(sc).kpis["paid_hours"]
    assert h(never) < h(with_values(s, {"people[M1].phases[1].start": "2022-10"})) < h(s)


def test_phase_start_past_its_end_drops_it(pilots):
    s = pilots["mikkeli_subcontracting"]       # M1: work activity ..2022-03, avotyö from 2022-04 to the end
    s2 = with_values(s, {"people[M4].phases[0].start": "2023-01"})
    assert s2.people[3].phases[0].start == "2023-01"
    s3 = with_values(s, {"people[M1].phases[1].start": None})
    assert len(s3.people[0].phases) == 1 and s3.people[0].phases[0].end is None


@pytest.mark.parametrize("path, en, fi", [
    ("revenu[x].price", "unknown part 'revenu' (did you mean: revenue)", "tuntematon osa"),
    ("revenue[Siivous].prise", "unknown field 'prise' (did you mean: price)", "tuntematon kenttä"),
    ("revenue[Foo].price", "no revenue item 'Foo' (valid: Pihatyöt kesäkaudella, Siivous- ja kiinteistöpalvelut)",
     "ei ole nimeä 'Foo'"),
    ("people[M9].phases[0].hours_per_week", "no people item 'M9' (did you mean: M7", "ei ole nimeä 'M9'"),
    ("people[M1].phases[5].start", "give a phase index 0–1", "anna vaiheen indeksi"),
    ("people[M1].phases[0].hourly_wage", "unknown field 'hourly_wage'", "tuntematon kenttä"),
    ("people[M1].phases[1].monthly_pay", "monthly_pay is not set in this scenario", "ei ole annettu"),
    ("people[M1].phases[1].palkkatuki.rate", "not an explicit rate", "ei oma määritys"),
    ("pipeline.conversion_rate", "the scenario has no pipeline", "avotyöpolkua"),
    ("assumptions.holiday_pay_month", "unknown field 'holiday_pay_month'", "tuntematon kenttä"),
    ("assumptions.vat_registered", "unknown field 'vat_registered'", "tuntematon kenttä"),
    ("revenue[Siivous].growth", "growth is not set", "ei ole annettu"),
    ("staff[x", "missing ']'", "puuttuu ']'"),
    ("revenue.price", "revenue needs [name] or [index]", "tarvitsee [nimi]"),
    ("opening_cash.x", "unexpected 'x'", "ylimääräinen"),
    ("", "empty assumption path", "puuttuu"),
    ("revenue[Siivous].", "ends with '.'", "päättyy pisteeseen"),
])
def test_bad_paths(pilots, path, en, fi):
    s = pilots["varkaus_cooperative"]
    with pytest.raises(AssumptionError) as exc:
        check_path(s, path)
    assert isinstance(exc.value, ValueError)
    assert en in exc.value.en and fi in exc.value.fi
    assert str(exc.value) == f"{exc.value.en} / {exc.value.fi}"
    with pytest.raises(AssumptionError):
        with_values(s, {path: 1.0})


def test_ambiguous_role_lists_the_matches(pilots):
    with pytest.raises(AssumptionError, match="matches several: Ohjaaja 1, Ohjaaja 2"):
        check_path(pilots["mikkeli_subcontracting"], "staff[Työnohjaaja].fte")


def test_bad_values(pilots):
    s = pilots["varkaus_cooperative"]
    with pytest.raises(AssumptionError, match="expected a month YYYY-MM or null"):
        with_values(s, {"people[M1].phases[1].start": "July"})
    with pytest.raises(AssumptionError, match="expected a number"):
        with_values(s, {"revenue[Siivous].price": "26"})


def test_explicit_palkkatuki_fields():
    d = dict(name="T", model="salaried", budget_owner="X", start="2024-01", horizon_months=12,
             people=[dict(id="M1", age=30, phases=[dict(kind="employment", start="2024-01", hours_per_week=20,
                                                         hourly_wage=10.0,
                                                         palkkatuki=dict(rate=0.5, months=6))])])
    s = validate(d)
    paths = {a.path: a for a in numeric_assumptions(s)}
    assert paths["people[M1].phases[0].palkkatuki.rate"].value == 0.5
    assert paths["people[M1].phases[0].palkkatuki.months"].integer
    assert "people[M1].phases[0].palkkatuki.monthly_cap" not in paths     # None: not an assumption
    s2 = with_values(s, {"people[M1].phases[0].palkkatuki.months": 3})
    assert s2.people[0].phases[0].palkkatuki.months == 3
    # 3 subsidised months instead of 6: the subsidy halves (same pay every month, cap not reached)
    a, b = project(s).kpis["total_subsidies"], project(s2).kpis["total_subsidies"]
    assert b == pytest.approx(a / 2, rel=1e-9)


def test_bad_uncertainty_path_is_named_where_it_is_used_not_when_loading(tmp_path):
    """A stale path (an item renamed or removed since) must not make the
    scenario unloadable; the tornado names the field."""
    from simulator.uncertainty.sensitivity import SensitivityError, tornado
    from simulator.model.paths import uncertainty_problems as problems
    f = tmp_path / "u.yaml"
    f.write_text("base: varkaus_cooperative\nuncertainty:\n  sensitivity:\n"
                 "    - {assumption: 'revenue[Nope].price', low: 1, high: 2}\n", encoding="utf-8")
    s = load(f)
    (where, en, fi), = problems(s)
    assert where == "uncertainty.sensitivity[0].assumption" and "no revenue item 'Nope'" in en and fi
    with pytest.raises(SensitivityError) as exc:
        tornado(s, "npv")
    assert "uncertainty.sensitivity[0].assumption" in str(exc.value) and "Nope" in str(exc.value)


def test_describe_month_bounds_span_the_projection(pilots):
    s = pilots["pieksamaki_salaried"]
    a = describe(s, "people[M7].phases[1].start")
    assert (a.minimum, a.maximum) == (s.first_month, s.last_month)


def test_dropping_a_phase_hands_its_months_to_the_phase_before():
    wa = dict(kind="work_activity", days_per_month=10, tyoosuusraha_per_day=5)
    d = dict(name="T", model="salaried", budget_owner="X", start="2024-01", horizon_months=24,
             people=[dict(id="M1", age=30, phases=[
                 dict(wa, start="2024-01"),                                   # no end: until the next phase
                 dict(kind="employment", start="2024-06", end="2024-12", hours_per_week=10, hourly_wage=10.0),
                 dict(wa, start="2025-01")])])
    s = validate(d)
    never = with_values(s, {"people[M1].phases[1].start": None}).people[0].phases
    # the first phase runs on to the dropped phase's end; the last phase is untouched
    assert [(ph.start, ph.end) for ph in never] == [("2024-01", "2024-12"), ("2025-01", None)]
    later = with_values(s, {"people[M1].phases[1].start": "2024-09"}).people[0].phases
    assert [(ph.start, ph.end) for ph in later] == [("2024-01", None), ("2024-09", "2024-12"), ("2025-01", None)]
    # past its own end: never
    gone = with_values(s, {"people[M1].phases[1].start": "2025-03"}).people[0].phases
    assert gone == never
    _valid(with_values(s, {"people[M1].phases[1].start": None}), "<never>")
    # paid hours: 7 months × 10 h × 52/12, 4 months, none
    hours = [project(x).columns["paid_hours"].sum() for x in (s, with_values(s, {"people[M1].phases[1].start": "2024-09"}),
                                                      with_values(s, {"people[M1].phases[1].start": None}))]
    assert hours == [pytest.approx(7 * 10 * 52 / 12), pytest.approx(4 * 10 * 52 / 12), 0]
