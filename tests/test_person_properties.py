"""Property: raising gross pay never lowers net income unless a pension is
lost, and then the warning is present.

Two notches of the law also lower net income when pay rises a little, and
the person's view names them too: the päivärahamaksu, charged on the whole
wage once the year's wage reaches its threshold (income-tax.md §5), and the
employee's TyEL contribution, due once monthly pay reaches the TyEL
earnings floor. Either way, a fall in net income never goes unexplained.
"""
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from simulator.model.parameters import ParameterSet
from simulator.person.income import person_view
from simulator.model.problems import validate

PARAMS = ParameterSet.load()
PENSION_NOTES = {"pension_rests_kela", "pension_rests_kela_chosen", "pension_rests_earnings_related",
                 "pension_rests_earnings_related_chosen"}
NOTCH_NOTES = {"daily_allowance_notch", "tyel_floor_notch"}


def _view(person: dict, year: int, months: int, hours: float, wage: float, employer: str, growth: float):
    s = validate({
        "name": "p", "model": "salaried", "budget_owner": "t", "start": f"{year}-01", "horizon_months": months,
        "assumptions": {"wage_growth": growth},
        "people": [{**person, "id": "P", "phases": [
            {"kind": "employment", "start": f"{year}-01", "employer": employer,
             "hours_per_week": hours, "hourly_wage": wage}]}]})
    return person_view(s, "P", PARAMS)


persons = st.fixed_dictionaries({
    "birth_year": st.integers(1958, 2004),
    "disability_pension": st.one_of(st.none(), st.floats(0, 1100, allow_nan=False)),
    "earnings_related_pension": st.one_of(st.none(), st.floats(0, 900, allow_nan=False)),
    "municipality": st.sampled_from(["varkaus", "mikkeli", "pieksamaki"]),
    "withholding_rate": st.one_of(st.none(), st.floats(0, 0.4, allow_nan=False)),
})


NO_PENSION = {"birth_year": 1990, "disability_pension": None, "earnings_related_pension": None,
              "municipality": "varkaus", "withholding_rate": None}
KELA = {**NO_PENSION, "disability_pension": 775.70}


# the päivärahamaksu threshold 16 499 €/yr (2024): 21.1426 → 21.1626 h at 15 €/h crosses it
@example(person=NO_PENSION, year=2024, months=12, hours=21.1426, extra=0.02, wage=15.0, employer="company",
         growth=0.0, hoitotuki=None)
# the TyEL floor 68.57 €/month (2024): 1.5724 → 1.5924 h at 10 €/h crosses it
@example(person=NO_PENSION, year=2024, months=12, hours=1.5724, extra=0.02, wage=10.0, employer="company",
         growth=0.0, hoitotuki=None)
# the earnings limit 976.59 €/month (2024): 20 → 21 h at 11 €/h crosses it
@example(person=KELA, year=2024, months=12, hours=20.0, extra=1.0, wage=11.0, employer="this",
         growth=0.0, hoitotuki="basic")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person=persons, year=st.integers(2021, 2026), months=st.sampled_from([12, 18, 24]),
       hours=st.floats(0, 37.5, allow_nan=False), extra=st.floats(0.01, 20, allow_nan=False),
       wage=st.floats(5, 25, allow_nan=False), employer=st.sampled_from(["company", "this"]),
       growth=st.floats(0, 0.05, allow_nan=False),
       hoitotuki=st.sampled_from([None, "basic", "highest"]))
def test_more_pay_never_less_net_unless_a_pension_is_lost(person, year, months, hours, extra, wage, employer,
                                                         growth, hoitotuki):
    has_pension = (person["disability_pension"] or 0) > 0 or (person["earnings_related_pension"] or 0) > 0
    person = {**person, "hoitotuki": hoitotuki if has_pension else None}
    low = _view(person, year, months, hours, wage, employer, growth)
    high = _view(person, year, months, min(hours + extra, 60.0), wage, employer, growth)
    assert high.lines["gross_pay"].sum() >= low.lines["gross_pay"].sum() - 1e-6
    drop = low.lines["net_income"].sum() - high.lines["net_income"].sum()
    if drop <= 1e-6:
        return
    lost = high.lines["pension_resting"].sum() - low.lines["pension_resting"].sum()
    codes = {n.code for n in high.notes}
    if lost > 1e-6:
        assert codes & PENSION_NOTES, f"pension lost ({lost:.2f} €) without a warning"
    else:
        assert codes & NOTCH_NOTES, f"net income fell by {drop:.2f} € with no pension lost and no note: {codes}"
