"""Each person's month is an engine output (issue 12): ``run --format
json``'s ``people``, ``person --format json``, the workbook's person sheet
and the app's Compare page per-person table show the same figures.

The independent reference is the ``person`` command as it was before the
person's lines moved into the engine: its Pieksämäki M1 five-year gross pay
(pay + lomaraha) was 42 074,03 € — the figure the Compare page used to
miss by the lomaraha (it showed 40 467,60 €).
"""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from simulator.cli.main import main
from simulator.engine.projection import project
from simulator.export.person_sheets import FIRST_ROW, PERSON_COLUMNS, PERSON_FIRST_COL
from simulator.export.xlsx import write_workbook
from simulator.model.loader import load

ROOT = Path(__file__).resolve().parent.parent
PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")
M1_GROSS_PAY = 42190.89      # person CLI, Pieksämäki M1, 2022-01..2026-12 (TTES raises from 9.24 €/h in 1/2022 terms, issue 14)


def _cli(*argv) -> dict:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = main(list(argv))
    assert rc in (0, None)
    return json.loads(buf.getvalue())


@pytest.fixture(scope="module", params=PILOTS)
def pilot(request):
    path = ROOT / "scenarios" / f"{request.param}.yaml"
    run = _cli("run", str(path), "--format", "json")
    people = {p.id: _cli("person", str(path), "--person", p.id, "--format", "json") for p in load(path).people}
    return request.param, path, run, people


def test_run_json_carries_every_person(pilot):
    _, path, run, people = pilot
    assert [p["id"] for p in run["people"]] == [p.id for p in load(path).people]
    for p in run["people"]:
        assert [m["month"] for m in p["months"]] == [m["month"] for m in run["months"]]
        for key in ("gross_pay", "tyoosuusraha", "employee_pension", "employee_unemployment",
                    "daily_allowance_contribution", "employee_contributions", "income_tax", "hoitotuki",
                    "vammaistuki", "housing_allowance", "net_income", "baseline_net_income", "change"):
            assert key in p["months"][0], key


def test_run_people_equal_person_months(pilot):
    _, _, run, people = pilot
    for p in run["people"]:
        theirs = people[p["id"]]["months"]
        assert len(theirs) == len(p["months"])
        for mine, other in zip(p["months"], theirs):
            shared = set(mine) & set(other)
            assert len(shared) >= 20
            for k in shared:
                assert mine[k] == other[k], (p["id"], mine["month"], k)


def test_contributions_total_is_the_three_contributions(pilot):
    _, _, run, _ = pilot
    for p in run["people"]:
        for m in p["months"]:
            parts = m["employee_pension"] + m["employee_unemployment"] + m["daily_allowance_contribution"]
            assert abs(m["employee_contributions"] - parts) <= 0.015     # three roundings to the cent


def _person_sheet(book):
    wb = openpyxl.load_workbook(book, data_only=True)
    return wb[next(n for n in wb.sheetnames if n.startswith("Henkilöt – nettotulot"))]


def _sheet_rows(ws):
    out = {}
    for r in range(FIRST_ROW + 1, ws.max_row + 1):
        pid, year = ws.cell(r, 1).value, ws.cell(r, 2).value
        if pid is None or not isinstance(year, int):
            continue
        out[(pid, year)] = {k: ws.cell(r, PERSON_FIRST_COL + 1 + c).value for c, (k, _, _) in enumerate(PERSON_COLUMNS)}
    return out


def test_workbook_person_sheet_equals_run_people(pilot, tmp_path):
    name, path, run, people = pilot
    book = write_workbook([project(load(path))], tmp_path / f"{name}.xlsx")
    ws = _person_sheet(book)
    rows = _sheet_rows(ws)
    keys = [k for k, _, fmt in PERSON_COLUMNS if fmt == "eur" and k in run["people"][0]["months"][0]]
    assert {"gross_pay", "net_income", "change", "income_tax", "employee_contributions", "hoitotuki",
            "pensioners_housing_allowance", "general_housing_allowance", "labour_market_support",
            "basic_social_assistance", "client_fee", "work_activity_fees", "disposable_income",
            "status_quo_disposable_income"} <= set(keys)
    rates = [k for k, _, fmt in PERSON_COLUMNS if fmt == "pct"]
    assert rates == ["marginal_tax_rate", "participation_tax_rate"]
    for p in run["people"]:
        for year in sorted({int(m["month"][:4]) for m in p["months"]}):
            ms = [m for m in p["months"] if int(m["month"][:4]) == year]
            sheet = rows[(p["id"], year)]
            for k in keys:
                # the sheet sums unrounded months; the JSON rounds each month to the cent
                assert abs(sheet[k] - sum(m[k] for m in ms)) <= 0.005 * len(ms) + 1e-9, (p["id"], year, k)
            for k in rates:
                # a year's rate: the mean of its months (null months, no rise in earnings, left out);
                # the JSON rounds each month to 4 decimals
                known = [m[k] for m in ms if m[k] is not None]
                want = sum(known) / len(known) if known else "–"
                got = sheet[k]
                assert (got == want) if want == "–" else abs(got - want) <= 0.00005 + 1e-9, (p["id"], year, k)
        # the total row's rates: the person's summary over the projection
        total = _total_row(ws, p["id"])
        summ = people[p["id"]]["summary"]
        for k, s_key in (("marginal_tax_rate", "marginal_tax_rate_mean"),
                         ("participation_tax_rate", "participation_tax_rate")):
            got, want = total[k], summ[s_key]
            assert (got == "–") if want is None else abs(got - want) <= 0.00005 + 1e-9, (p["id"], k)


def _total_row(ws, pid) -> dict:
    r = next(r for r in range(FIRST_ROW + 1, ws.max_row + 1)
             if ws.cell(r, 1).value == pid and ws.cell(r, 2).value in ("Yhteensä", "Total"))
    return {k: ws.cell(r, PERSON_FIRST_COL + 1 + c).value for c, (k, _, _) in enumerate(PERSON_COLUMNS)}


def test_workbook_person_sheet_shows_the_household_benefits(pilot, tmp_path):
    """Mikkeli M1 (disability pensioner with hoitotuki) gets the pensioners'
    housing allowance; M6 (no pension, unemployed) labour-market support and
    the general housing allowance: the columns are not empty, and each
    benefit and fee column's total is its months' sum in ``run``."""
    name, path, run, _ = pilot
    if name != "mikkeli_subcontracting":
        pytest.skip("the household profiles M1 and M6 are Mikkeli's")
    ws = _person_sheet(write_workbook([project(load(path))], tmp_path / f"{name}.xlsx"))
    m1, m6 = _total_row(ws, "M1"), _total_row(ws, "M6")
    assert m1["hoitotuki"] > 0 and m1["pensioners_housing_allowance"] > 0 and m1["labour_market_support"] == 0
    assert m6["labour_market_support"] > 0 and m6["general_housing_allowance"] > 0
    assert m6["pensioners_housing_allowance"] == 0 and m6["kela_pension"] == 0
    for pid, total in (("M1", m1), ("M6", m6)):
        months = next(p for p in run["people"] if p["id"] == pid)["months"]
        for k in ("hoitotuki", "pensioners_housing_allowance", "general_housing_allowance",
                  "labour_market_support", "basic_social_assistance", "client_fee", "work_activity_fees",
                  "employee_contributions", "disposable_income", "status_quo_disposable_income"):
            assert abs(total[k] - sum(m[k] for m in months)) <= 0.005 * len(months), (pid, k)


def test_compare_page_per_person_equals_run_people(pilot):
    from ui import engine_cache
    _, path, run, _ = pilot
    r = engine_cache.Run(None, {}, [], engine_cache._per_person(project(load(path))))
    totals = {c: engine_cache.per_person_totals([r], ["s"], c)["s"] for c in ("gross_pay", "tyoosuusraha", "net_income",
                                                                        "change")}
    for p in run["people"]:
        for c, col in totals.items():
            want = sum(m[c] for m in p["months"])
            assert abs(col[p["id"]] - want) <= 0.005 * len(p["months"]), (p["id"], c)


def test_pieksamaki_m1_gross_pay_in_every_view(pilot, tmp_path):
    name, path, run, people = pilot
    if name != "pieksamaki_salaried":
        pytest.skip("the figure of the review is Pieksämäki M1's")
    m1 = next(p for p in run["people"] if p["id"] == "M1")
    # run --format json: sum of unrounded months rounds to the same cent as the person summary
    p = project(load(path))
    assert round(float(np.sum(p.person("M1").lines["gross_pay"])), 2) == M1_GROSS_PAY
    assert abs(sum(m["gross_pay"] for m in m1["months"]) - M1_GROSS_PAY) <= 0.3
    assert people["M1"]["summary"]["gross_pay_total"] == M1_GROSS_PAY
    # the Compare page (the function it reads) and the workbook's total row
    from ui import engine_cache
    r = engine_cache.Run(None, {}, [], engine_cache._per_person(p))
    assert round(engine_cache.per_person_totals([r], ["s"], "gross_pay")["s"]["M1"], 2) == M1_GROSS_PAY
    book = write_workbook([p], tmp_path / "p.xlsx")
    ws = _person_sheet(book)
    col = PERSON_FIRST_COL + 1 + [k for k, _, _ in PERSON_COLUMNS].index("gross_pay")
    total = next(ws.cell(r, col).value for r in range(FIRST_ROW + 1, ws.max_row + 1)
                 if ws.cell(r, 1).value == "M1" and ws.cell(r, 2).value in ("Yhteensä", "Total"))
    assert round(total, 2) == M1_GROSS_PAY
