"""Exported workbooks recalculated headless by LibreOffice Calc agree with
the engine on every monthly line and KPI (within 0.01 €): the three pilots,
random scenarios (tests/strategies.py, fixed seed), hand-made feature
scenarios (English workbook), and a workbook whose inputs were edited
(an hourly wage, price growth, sick days, occupational health care, the
accident insurance class, depreciation periods and a statutory rate) against
the engine run on the same changes. One LibreOffice process converts all four files (a
throwaway profile forces recalculation, see simulator/export/libreoffice.py).
"""
from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from simulator.engine.projection import project
from simulator.export.importer import read_workbook
from simulator.export.libreoffice import recalculate, soffice
from simulator.export.verify import cached_vs_recalculated, compare, error_cells, formula_cells
from simulator.export.xlsx import write_workbook
from simulator.model.parameters import ParameterSet
from simulator.model.loader import load
from simulator.model.problems import validate

try:
    from .strategies import scenarios
except ImportError:
    from strategies import scenarios

ROOT = Path(__file__).resolve().parent.parent
PILOTS = [ROOT / "scenarios" / f"{p}.yaml" for p in
          ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")]
N_RANDOM = 8

# Shared unit costs (shared_by_participants) on every kind of item that takes one: staff posts,
# monthly, annual and one-off overheads and an investment. Full cost: 4 people of the unit's
# participants, e.g. the van 24 000 € (not indexed) shared by 16 is 4/16 of it,
# 24 000 × 4/16 / 48 = 125 €/month of depreciation from 2025-03 (the workbook once cached
# 500 €/month here, the price without the share); the rent 1 500 × 4/25 = 240 €/month; a post
# shared by 3 (< 4 people) counts in full (share min(1, 4/3) = 1).
SHARED_FULL = {
    "name": "shared full", "model": "subcontracting", "budget_owner": "unit", "start": "2025-01",
    "horizon_months": 30, "opening_cash": 0.0, "assumptions": {"cost_inflation": 0.02},
    "people": [{"id": f"P{k}", "age": 30, "phases": [
        {"kind": "work_activity", "start": "2025-01", "days_per_month": 15, "day_price": 60}]} for k in range(4)],
    "staff": [{"role": "instructor", "fte": 1.0, "monthly_pay": 2600, "shared_by_participants": 20},
              {"role": "boss", "fte": 0.2, "monthly_pay": 4000},
              {"role": "few", "fte": 0.5, "monthly_pay": 3000, "shared_by_participants": 3}],
    "overheads": [
        {"name": "rent", "kind": "monthly", "amount": 1500, "vat": "standard", "shared_by_participants": 25},
        {"name": "licence", "kind": "annual", "amount": 1200, "due_month": 3, "vat": "standard",
         "shared_by_participants": 10},
        {"name": "course", "kind": "one_off", "amount": 2000, "start": "2025-05", "vat": "none",
         "shared_by_participants": 8},
        {"name": "van", "kind": "one_off", "amount": 24000, "start": "2025-03", "vat": "standard",
         "depreciation_years": 4, "shared_by_participants": 16, "indexed": False},
        {"name": "own", "kind": "monthly", "amount": 100, "vat": "standard"}],
}
# The same at marginal cost: none of the shared items count (the shared posts leave the roster,
# so the own post "boss" must still read its own cells, not the first shared post's).
SHARED_MARGINAL = {**SHARED_FULL, "name": "shared marginal", "overhead_basis": "marginal"}

FEATURES = [
    {   # pipeline employed here with an explicit 100 % subsidy under the old rules, staff
        # paid from a project grant, unregistered VAT, income tax with losses, two loans
        "name": "=features one", "model": "cooperative", "budget_owner": "+owner",
        "description": "@test -1", "start": "2022-11", "horizon_months": 40, "opening_cash": -1500.0,
        "assumptions": {"wage_growth": 0.03, "price_growth": 0.015, "cost_inflation": 0.025,
                        "discount_rate": 0.05, "customer_payment_term_days": 45,
                        "palkkatuki_payment_delay_months": 3, "holiday_pay_month": 3,
                        "vat_registered": False, "pays_income_tax": True, "income_tax_payment_month": 2,
                        "accident_insurance_rate": 0.012},
        "people": [
            {"id": "A1", "birth_year": 1957, "reduced_work_capacity": True, "phases": [
                {"kind": "avotyo", "start": "2022-11", "days_per_month": 12, "tyoosuusraha_per_day": 13,
                 "day_price": 60, "cost_per_day": 20, "meal_fee_per_day": 4, "company_fee_per_day": 15,
                 "company_fee_vat": "standard", "time_limited": True}]},
            {"id": "A2", "age": 16, "phases": [
                {"kind": "work_activity", "start": "2022-11", "end": "2023-03", "days_per_month": 10,
                 "tyoosuusraha_per_day": 5, "arranged_by": "other"},
                {"kind": "employment", "start": "2023-04", "end": "2024-08", "hours_per_week": 30,
                 "monthly_pay": 2100, "palkkatuki": {"rate": 0.5, "months": 6}},
                {"kind": "employment", "start": "2024-09", "hours_per_week": 6, "hourly_wage": 12,
                 "palkkatuki": "auto"}]},
        ],
        "pipeline": {"avotyo_time_limit_months": 5, "conversion_rate": 0.35,
                     "after_conversion": {"employer": "this", "hours_per_week": 25, "hourly_wage": 13.5,
                                          "palkkatuki": {"rate": 1.0, "months": 12}}},
        "staff": [{"role": "coach", "fte": 0.6, "monthly_pay": 3000, "paid_by": "project_grant",
                   "start": "2023-02", "end": "2025-01"},
                  {"role": "boss", "name": "-boss", "fte": 0.2, "monthly_pay": 4000}],
        "revenue": [{"name": "@cleaning", "basis": "per_hour", "price": 30, "volume_from_paid_hours": 0.5,
                     "seasonality": [1, 1, 1.2, 1, 1, 0.8, 0.3, 0.9, 1, 1, 1, 1.1], "vat": "standard"},
                    {"name": "fixed", "basis": "per_month", "price": 900, "volume": 1, "growth": 0.0,
                     "start": "2023-03", "end": "2025-06", "vat": "exempt"}],
        "overheads": [{"name": "rent", "kind": "monthly", "amount": 400, "vat": "standard"},
                      {"name": "audit", "kind": "annual", "amount": 700, "due_month": 2, "vat": "standard",
                       "indexed": False},
                      {"name": "machine", "kind": "one_off", "amount": 2500, "start": "2023-01", "vat": "standard"}],
        "grants": [{"name": "start grant", "kind": "one_off", "amount": 4000, "start": "2022-12"},
                   {"name": "city", "kind": "annual", "amount": 1200, "due_month": 6, "indexed": True},
                   {"name": "donation", "kind": "monthly", "amount": 50, "subsidy": False, "end": "2023-12"}],
        "financing": {"share_capital": [{"month": "2022-12", "amount": 500, "note": "=members"}],
                      "loans": [{"name": "a", "amount": 8000, "drawdown": "2022-10", "annual_rate": 0.06,
                                 "term_months": 24},
                                {"name": "b", "amount": 3000, "drawdown": "2023-05", "annual_rate": 1e-9,
                                 "term_months": 12, "repayment": "straight"}]},
    },
    {   # a payroll above the unemployment-insurance threshold; ages past the limits
        "name": "features two", "model": "salaried", "budget_owner": "big", "start": "2023-01",
        "horizon_months": 26, "opening_cash": 100000.0,
        "assumptions": {"holiday_pay_month": 1, "customer_payment_term_days": 0,
                        "palkkatuki_payment_delay_months": 0, "group_life_insurance_rate": 0.001},
        "people": [{"id": "Old", "birth_year": 1955, "phases": [
                       {"kind": "employment", "start": "2021-06", "hours_per_week": 37.5, "monthly_pay": 3500}]},
                   {"id": "Young", "age": 17, "phases": [
                       {"kind": "employment", "start": "2023-02", "end": "2023-09", "hours_per_week": 8,
                        "hourly_wage": 10}]}],
        "staff": [{"role": "team", "fte": 10, "monthly_pay": 20000}],
        "revenue": [{"name": "services", "basis": "per_unit", "price": 1000, "volume": 230, "vat": "standard"}],
    },
    {   # one month
        "name": "one month", "model": "subcontracting", "budget_owner": "x", "start": "2024-08",
        "horizon_months": 1, "people": [{"id": "P", "age": 30, "phases": [
            {"kind": "work_activity", "start": "2024-01", "days_per_month": 20, "day_price": 70}]}],
    },
    {   # nothing at all
        "name": "empty", "model": "salaried", "budget_owner": "x", "start": "2025-01", "horizon_months": 12,
    },
    {   # issue 14: TyEL basic rate (its expense loading starts in 2023), the cleaning accident class,
        # sick pay and occupational health care for people and staff (Kela's 2024 reimbursement
        # falls past the horizon), investments: indexed (12 000 × 1.03 in 2023), bought before
        # the horizon (none of it inside) and at its end (2 of 36 months); a one-off expensed at
        # once; Old (born 1955, upper age 68) pays no pension from 2024, Mid is in the 53–62 band
        "name": "features five", "model": "cooperative", "budget_owner": "coop", "start": "2022-10",
        "horizon_months": 30, "opening_cash": 5000.0,
        "assumptions": {"pension_scheme": "tyel_basic", "accident_insurance_class": "cleaning",
                        "sick_days_per_year": 9, "occupational_health_per_person": 300, "cost_inflation": 0.03},
        "people": [
            {"id": "Old", "birth_year": 1955, "phases": [
                {"kind": "employment", "start": "2022-01", "hours_per_week": 20, "monthly_pay": 1800}]},
            {"id": "Mid", "birth_year": 1966, "phases": [
                {"kind": "employment", "start": "2023-02", "end": "2024-05", "hours_per_week": 30,
                 "hourly_wage": 12.5}]},
            {"id": "Young", "birth_year": 2005, "phases": [
                {"kind": "employment", "start": "2022-10", "hours_per_week": 10, "hourly_wage": 11}]}],
        "staff": [{"role": "coach", "fte": 0.5, "monthly_pay": 3200, "start": "2023-01"}],
        "revenue": [{"name": "cleaning", "basis": "per_month", "price": 6000, "volume": 1, "vat": "standard"}],
        "overheads": [
            {"name": "van", "kind": "one_off", "amount": 12000, "start": "2023-03", "vat": "standard",
             "depreciation_years": 2},
            {"name": "old machine", "kind": "one_off", "amount": 2000, "start": "2022-05", "vat": "standard",
             "depreciation_years": 2},
            {"name": "late machine", "kind": "one_off", "amount": 900, "start": "2025-02", "vat": "standard",
             "depreciation_years": 3, "indexed": False},
            {"name": "tools", "kind": "one_off", "amount": 800, "start": "2024-01", "vat": "standard"},
            {"name": "rent", "kind": "monthly", "amount": 300, "vat": "none"}],
    },
    {   # Keva with an own accident rate (it wins over the class); P57 (upper age 68) pays no
        # pension in 2026, P63 leaves the 53–62 band in 2026, P16 starts at 17; an investment
        # written off within the horizon without VAT registration
        "name": "features six", "model": "salaried", "budget_owner": "unit", "start": "2025-06",
        "horizon_months": 20, "opening_cash": 0.0,
        "assumptions": {"pension_scheme": "keva", "accident_insurance_class": "cleaning",
                        "accident_insurance_rate": 0.009, "sick_days_per_year": 12.5,
                        "occupational_health_per_person": 240, "vat_registered": False},
        "people": [
            {"id": "P57", "birth_year": 1957, "phases": [
                {"kind": "employment", "start": "2024-01", "hours_per_week": 25, "hourly_wage": 10}]},
            {"id": "P63", "birth_year": 1963, "phases": [
                {"kind": "employment", "start": "2025-06", "hours_per_week": 20, "hourly_wage": 10}]},
            {"id": "P16", "age": 16, "phases": [
                {"kind": "employment", "start": "2025-06", "hours_per_week": 8, "hourly_wage": 9}]}],
        "overheads": [{"name": "desk", "kind": "one_off", "amount": 1500, "start": "2025-08", "vat": "standard",
                       "depreciation_years": 1}],
    },
    {   # issue 14 items 3–5: pay by collective agreements' dated raises, costs by the CPI then
        # cost inflation, palkkatuki for a jobseeker aged 55+, none for a non-jobseeker, expected
        # renewals on the reduced-capacity route, a project grant covering 80 %, the VAT relief
        # (tapering in 2023 and 2024, abolished from 2025)
        "name": "features seven", "model": "cooperative", "budget_owner": "coop", "start": "2022-11",
        "horizon_months": 40, "opening_cash": 0.0,
        "assumptions": {"palkkatuki_renewal_probability": 0.6, "project_grant_share": 0.8,
                        "cost_inflation": 0.04, "customer_payment_term_days": 0},
        "people": [
            {"id": "S55", "birth_year": 1966, "phases": [
                {"kind": "employment", "start": "2023-08", "hours_per_week": 30, "hourly_wage": 11,
                 "palkkatuki": "auto", "pay_basis": "tes_kiinteistopalvelu"}]},
            {"id": "NoJob", "birth_year": 1990, "jobseeker": False, "phases": [
                {"kind": "employment", "start": "2023-08", "hours_per_week": 20, "hourly_wage": 11,
                 "palkkatuki": "auto", "pay_basis": "tes_kauppa"}]},
            {"id": "Red", "birth_year": 1995, "reduced_work_capacity": True, "phases": [
                {"kind": "employment", "start": "2022-11", "hours_per_week": 25, "hourly_wage": 10,
                 "palkkatuki": "auto", "pay_basis": "ttes"}]}],
        "staff": [{"role": "coach", "fte": 0.5, "monthly_pay": 3000, "paid_by": "project_grant",
                   "pay_basis": "ttes"}],
        "revenue": [{"name": "cleaning", "basis": "per_month", "price": 1800, "volume": 1, "vat": "standard"}],
        "overheads": [{"name": "supplies", "kind": "monthly", "amount": 150, "vat": "standard"}],
    },
    SHARED_FULL,
    SHARED_MARGINAL,
]


def _random_scenarios(n: int) -> list[dict]:
    out = []

    @seed(20261124)
    @settings(max_examples=n, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(scenarios())
    def collect(data):
        out.append(data)
    collect()
    return out[:n]


def _edited_parameters(params: ParameterSet) -> ParameterSet:
    """The TyEL basic rate (Varkaus's scheme) of 2024 set to 27 % (instead of 25.12 %)."""
    p = params.get("tyel.basic_rate")
    entries = tuple(dataclasses.replace(e, value=27.0) if e.valid_from.year == 2024 else e for e in p.entries)
    changed = dict(params.parameters)
    changed[p.name] = dataclasses.replace(p, entries=entries)
    return ParameterSet(changed)


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed; ./run test installs it")
        pytest.skip("LibreOffice (soffice) is not installed; ./run test installs it")
    d = tmp_path_factory.mktemp("lo")
    t0 = time.perf_counter()
    pilots = [project(load(p)) for p in PILOTS]
    write_workbook(pilots, d / "pilots.xlsx")
    rand = [project(validate(x)) for x in _random_scenarios(N_RANDOM)]
    write_workbook(rand, d / "random.xlsx")
    feats = [project(validate(x)) for x in FEATURES]
    write_workbook(feats, d / "features.xlsx", lang="en")
    # an edited workbook: change inputs in a copy with openpyxl
    base = load(PILOTS[0])
    write_workbook([project(base)], d / "one.xlsx")
    cells = read_workbook(d / "one.xlsx").cells
    wb = openpyxl.load_workbook(d / "one.xlsx")
    # the issue 14 inputs too: the registration fee (overheads[9]) becomes an investment, the
    # machines' (overheads[10]) period shortens, the accident class goes back to the average
    changes = {"people[0].phases[1].hourly_wage": 12.5, "assumptions.price_growth": 0.04,
               "assumptions.sick_days_per_year": 10.0, "assumptions.occupational_health_per_person": 260.0,
               "assumptions.accident_insurance_class": "average", "overheads[9].depreciation_years": 2,
               "overheads[10].depreciation_years": 3}
    assert base.overheads[9].depreciation_years is None and base.overheads[10].depreciation_years == 5
    edits = {cells[path]: value for path, value in changes.items()}
    params = wb["Parametrit ja lähteet"]
    tyel_2024 = next(r for r in range(1, params.max_row + 1) if params.cell(r, 1).value == "tyel.basic_rate"
                     and params.cell(r, 4).value.year == 2024)
    edits[f"Parametrit ja lähteet!E{tyel_2024}"] = 27.0
    for ref, value in edits.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell].value = value
    wb.save(d / "edited.xlsx")
    data = base.model_dump(mode="json")
    data["people"][0]["phases"][1]["hourly_wage"] = 12.5
    for key in ("price_growth", "sick_days_per_year", "occupational_health_per_person", "accident_insurance_class"):
        data["assumptions"][key] = changes["assumptions." + key]
    data["overheads"][9]["depreciation_years"] = 2
    data["overheads"][10]["depreciation_years"] = 3
    edited = project(validate(data), _edited_parameters(ParameterSet.load()))
    export_seconds = time.perf_counter() - t0
    files = [d / n for n in ("pilots.xlsx", "random.xlsx", "features.xlsx", "edited.xlsx")]
    out, seconds = recalculate(files, d / "out")
    print(f"\nexport {export_seconds:.1f} s, LibreOffice recalculation of 4 workbooks {seconds:.1f} s")
    load_values = lambda p: openpyxl.load_workbook(p, data_only=True)
    return {"pilots": (files[0], load_values(out[0]), pilots, "fi"),
            "random": (files[1], load_values(out[1]), rand, "fi"),
            "features": (files[2], load_values(out[2]), feats, "en"),
            "edited": (files[3], load_values(out[3]), [edited], "fi")}


@pytest.mark.parametrize("name", ["pilots", "random", "features", "edited"])
def test_recalculated_workbook_agrees_with_engine(books, name):
    _, values, projections, lang = books[name]
    assert error_cells(values) == []
    problems = compare(values, projections, lang=lang)
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.parametrize("name", ["pilots", "random", "features"])
def test_calculated_cells_are_formulas(books, name):
    path, _, projections, lang = books[name]
    assert formula_cells(openpyxl.load_workbook(path), projections, lang=lang) == []


@pytest.mark.parametrize("name", ["pilots", "random", "features"])
def test_cached_values_equal_recalculated_values(books, name):
    """Viewers that never recalculate show the cached values: every formula
    cell's cached value (helper rows included) equals LibreOffice's result."""
    path, values, _, _ = books[name]
    problems = cached_vs_recalculated(path, values)
    assert problems == [], "\n".join(problems)


def test_edit_changed_the_figures(books):
    """The edited workbook's figures moved (the check above is not vacuous)."""
    _, values, (edited,), _ = books["edited"]
    original = project(load(PILOTS[0]))
    assert abs(edited.kpis["total_costs"] - original.kpis["total_costs"]) > 100
    for line in ("employer_pension", "accident_insurance", "sick_pay", "occupational_health_care",
                 "occupational_health_reimbursement_received", "one_off_costs", "depreciation"):
        assert abs(edited.columns[line].sum() - original.columns[line].sum()) > 1, line
    ws = values["Yhteenveto"]
    row = next(r for r in range(1, 40) if ws.cell(r, 2).value == "total_costs")
    assert abs(ws.cell(row, 3).value - edited.kpis["total_costs"]) < 0.02


def test_shared_unit_costs_recalculate_at_the_unit_share(books):
    """The recalculated workbook carries the scenario's share of every shared
    item (hand arithmetic; 4 people): full cost, then marginal cost (none)."""
    from simulator.export.verify import key_rows, sheet_name
    _, values, projections, lang = books["features"]
    k_full = FEATURES.index(SHARED_FULL) + 1
    month = lambda ws, rows, key, j: ws.cell(rows[key], 5 + j).value
    ws = values[sheet_name("monthly", k_full, True, lang)]
    rows = key_rows(ws)
    # 2025-01 (j=0), 2025-03 (j=2), 2025-05 (j=4)
    assert month(ws, rows, "depreciation", 1) == pytest.approx(0.0)
    assert month(ws, rows, "depreciation", 2) == pytest.approx(24000 * 4 / 16 / 48)        # 125
    assert month(ws, rows, "investment_payments", 2) == pytest.approx(24000 * 4 / 16)      # 6 000
    assert month(ws, rows, "overheads", 0) == pytest.approx(1500 * 4 / 25 + 100)           # 340
    assert month(ws, rows, "overheads", 2) == pytest.approx(1500 * 4 / 25 + 100 + 1200 * 4 / 10)  # 820
    assert month(ws, rows, "one_off_costs", 4) == pytest.approx(2000 * 4 / 8)              # 1 000
    # pay: 2 600 × 4/20 + 4 000 × 0.2 + 3 000 × 0.5 (shared by 3 < 4: in full) = 2 820
    assert (month(ws, rows, "wages", 0) + month(ws, rows, "holiday_pay", 0)
            == pytest.approx(2600 * 4 / 20 + 4000 * 0.2 + 3000 * 0.5))
    ws = values[sheet_name("monthly", k_full + 1, True, lang)]
    rows = key_rows(ws)
    for key in ("depreciation", "investment_payments", "one_off_costs"):
        assert all(month(ws, rows, key, j) == pytest.approx(0.0) for j in range(30)), key
    assert month(ws, rows, "overheads", 2) == pytest.approx(100.0)                          # own only
    assert month(ws, rows, "wages", 0) + month(ws, rows, "holiday_pay", 0) == pytest.approx(4000 * 0.2)
