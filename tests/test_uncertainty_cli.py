"""Command line of sensitivity, solve and montecarlo (simulator/uncertainty/cli.py):
formats, exit codes, bilingual messages, and solve --write never touching the input or a pilot."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from simulator.cli.main import main
from simulator.engine.projection import project
from simulator.model.scenario import SCENARIO_DIR
from simulator.model.loader import load

VARKAUS = str(SCENARIO_DIR / "varkaus_cooperative.yaml")
MIKKELI = str(SCENARIO_DIR / "mikkeli_subcontracting.yaml")
PRICE = "revenue[Alihankinta].price"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sensitivity_table_fi_and_en(capsys):
    code, out, err = run(capsys, "sensitivity", VARKAUS, "--top", "4")
    assert code == 0 and err == ""
    assert "Herkkyys: nykyarvo (NPV)" in out and "Vaihteluväli" in out and "näytetään 4/" in out
    table = out.split("\n\n")[1].splitlines()
    assert len(table) == 2 + 4                          # header, rule, the four largest bars
    code, en, _ = run(capsys, "sensitivity", VARKAUS, "--top", "4", "--lang", "en", "--kpi", "min_cash")
    assert code == 0 and "Sensitivity: minimum cash" in en and "showing 4 of" in en and "Swing" in en


def test_sensitivity_json_and_csv_agree(capsys):
    code, out, _ = run(capsys, "sensitivity", MIKKELI, "--format", "json", "--kpi", "total_result")
    assert code == 0
    doc = json.loads(out)
    assert doc["kpi"] == "total_result" and doc["scenario"]["model"] == "subcontracting"
    swings = [b["swing"] for b in doc["bars"]]
    assert swings == sorted(swings, reverse=True) and len(swings) > 40     # json: every bar unless --top
    assert doc["base_kpi"] == pytest.approx(project(load(MIKKELI)).kpis["total_result"], abs=0.01)
    code, out, _ = run(capsys, "sensitivity", MIKKELI, "--format", "csv", "--kpi", "total_result", "--top", "5")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    assert list(rows[0]) == ["path", "label", "unit", "base", "low", "high", "kpi_low", "kpi_high", "swing",
                             "bounds_from"]
    assert [r["path"] for r in rows] == [b["path"] for b in doc["bars"][:5]]
    assert float(rows[0]["swing"]) == pytest.approx(doc["bars"][0]["swing"], rel=1e-6)


def test_sensitivity_only_given_assumptions(capsys):
    code, out, _ = run(capsys, "sensitivity", MIKKELI, "--format", "json", "--assumption", PRICE,
                       "--assumption", "pipeline.conversion_rate", "--rel", "0.1")
    doc = json.loads(out)
    assert code == 0 and {b["path"] for b in doc["bars"]} == {
        "revenue[Alihankinta (pakkaus ja kokoonpano)].price", "pipeline.conversion_rate"}
    price = next(b for b in doc["bars"] if b["path"].startswith("revenue"))
    assert (price["low"], price["high"]) == (pytest.approx(14.4), pytest.approx(17.6))


def test_two_way_formats(capsys):
    args = ("sensitivity", MIKKELI, "--two-way", PRICE, "pipeline.conversion_rate", "--steps", "3")
    code, out, _ = run(capsys, *args, "--lang", "en")
    assert code == 0 and "Two-way sensitivity: NPV" in out and "rows: Alihankinta" in out
    code, out, _ = run(capsys, *args, "--format", "json")
    doc = json.loads(out)
    assert len(doc["table"]) == 3 and len(doc["table"][0]) == 3
    assert doc["a"]["values"] == pytest.approx([12.8, 16.0, 19.2])
    assert doc["table"][1][1] == pytest.approx(doc["base_kpi"])        # the middle cell is the base scenario
    code, out, _ = run(capsys, *args, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 1 + 9 and rows[0][2] == "npv"


# Goal seek runs on Varkaus: the redrawn Mikkeli pilot (unit costs shared by 25
# participants) already breaks even, so a price goal there has nothing to seek.
V_PRICE = "revenue[Siivous].price"


def test_solve_formats(capsys):
    args = ("solve", VARKAUS, "--assumption", V_PRICE, "--goal", "break_even_by:2024-12")
    code, out, err = run(capsys, *args, "--lang", "en")
    assert code == 0 and err == ""
    assert "Goal seek" in out and "Answer" in out and "(raise)" in out and "break-even by 2024-12" in out
    code, out, _ = run(capsys, *args)
    assert "Tavoitehaku" in out and "(nosta)" in out and "kannattavuusraja viimeistään 12/2024" in out
    code, out, _ = run(capsys, *args, "--format", "json")
    doc = json.loads(out)
    assert doc["direction"] == "raise" and doc["value"] > 26 and doc["written"] is None   # the pilot's 26 €/h misses
    code, out, _ = run(capsys, *args, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert float(rows[0]["value"]) == pytest.approx(doc["value"])


def test_solve_already_met_says_so(capsys):
    # the pilot's lowest cash (about −4 500 €) is above the −10 000 € floor already
    code, out, _ = run(capsys, "solve", VARKAUS, "--assumption", "revenue[Siivous].price", "--goal",
                       "min_cash_at_least:-10000", "--lang", "en")
    assert code == 0 and "already meets the goal" in out and "Boundary value" in out


def test_solve_write_applies_the_answer(capsys, tmp_path):
    target = tmp_path / "answer.yaml"
    code, out, _ = run(capsys, "solve", VARKAUS, "--assumption", V_PRICE, "--goal", "break_even_by:2024-12",
                       "--write", str(target), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["written"] == str(target.resolve())
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Goal seek / tavoitehaku: break_even_by:2024-12")
    s = load(target)
    assert s.revenue[0].price == pytest.approx(doc["value"])   # Siivous is the first line
    assert "revenue[Siivous- ja kiinteistöpalvelut].price" in s.name
    be = project(s).kpis["break_even_month"]
    assert be is not None and be <= "2024-12"
    # an existing file needs --force
    before = target.read_bytes()
    code, out, err = run(capsys, "solve", VARKAUS, "--assumption", V_PRICE, "--goal", "break_even_by:2023-12",
                         "--write", str(target))
    assert code == 2 and out == "" and "--force" in err and "on jo olemassa" in err
    assert target.read_bytes() == before
    code, _, _ = run(capsys, "solve", VARKAUS, "--assumption", V_PRICE, "--goal", "break_even_by:2023-12",
                     "--write", str(target), "--force")
    assert code == 0 and target.read_bytes() != before


def test_solve_write_refuses_input_and_pilots(capsys, tmp_path):
    mine = tmp_path / "mine.yaml"
    shutil.copy(MIKKELI, mine)
    before = mine.read_bytes()
    code, out, err = run(capsys, "solve", str(mine), "--assumption", PRICE, "--goal", "break_even_by:2024-12",
                         "--write", str(mine), "--force")
    assert code == 2 and out == "" and "will not overwrite the input" in err and "syöteskenaariota" in err
    assert mine.read_bytes() == before
    pilot_before = (SCENARIO_DIR / "varkaus_cooperative.yaml").read_bytes()
    code, _, err = run(capsys, "solve", str(mine), "--assumption", PRICE, "--goal", "break_even_by:2024-12",
                       "--write", VARKAUS, "--force")
    assert code == 2 and "pilot" in err and "pilottiskenaariota" in err
    assert (SCENARIO_DIR / "varkaus_cooperative.yaml").read_bytes() == pilot_before
    code, _, err = run(capsys, "solve", str(mine), "--assumption", PRICE, "--goal", "break_even_by:2024-12",
                       "--write", str(tmp_path / "x.txt"))
    assert code == 2 and ".yaml" in err
    code, _, err = run(capsys, "solve", str(mine), "--assumption", PRICE, "--goal", "break_even_by:2024-12",
                       "--write", str(tmp_path / "nope" / "x.yaml"))
    assert code == 2 and "does not exist" in err


def test_unreachable_goal_writes_nothing(capsys, tmp_path):
    target = tmp_path / "never.yaml"
    # the discount rate moves no accrual result, so no rate breaks even by 12/2024
    code, out, err = run(capsys, "solve", VARKAUS, "--assumption", "assumptions.discount_rate", "--goal",
                         "break_even_by:2024-12", "--write", str(target))
    assert code == 2 and out == "" and not target.exists()
    assert "no value of assumptions.discount_rate between" in err and "mikään oletuksen" in err


@pytest.mark.parametrize("argv, en, fi", [
    (["sensitivity", MIKKELI, "--kpi", "npvv"], "unknown KPI 'npvv'", "tuntematon tunnusluku"),
    (["sensitivity", MIKKELI, "--kpi", "result_year:2040"], "year 2040 is outside", "ei ole laskelman vuosi"),
    (["sensitivity", MIKKELI, "--assumption", "revenue[Nope].price"], "no revenue item 'Nope'", "ei ole nimeä"),
    (["sensitivity", MIKKELI, "--top", "0"], "--top: '0': must be at least 1", "--top: '0': pitää olla vähintään 1"),
    (["sensitivity", MIKKELI, "--rel", "-0.2"], "--rel: '-0.2': must be greater than 0 and at most 10",
     "--rel: '-0.2': pitää olla suurempi kuin 0 ja enintään 10"),
    (["sensitivity", MIKKELI, "--rel", "nan"], "--rel: 'nan': expected a finite number", "odotettiin äärellistä lukua"),
    (["sensitivity", MIKKELI, "--two-way", PRICE, "opening_cash", "--steps", "50"],
     "--steps: '50': must be between 2 and 21", "--steps: '50': pitää olla välillä 2–21"),
    (["sensitivity", MIKKELI, "--two-way", PRICE, "revenue[Nope].price"], "no revenue item 'Nope'", "ei ole nimeä"),
    (["solve", MIKKELI, "--assumption", "pipeline.convresion_rate", "--goal", "break_even_by:2024-12"],
     "unknown field 'convresion_rate' (did you mean: conversion_rate", "tuntematon kenttä"),
    (["solve", MIKKELI, "--assumption", PRICE, "--goal", "profit"], "unknown goal 'profit'", "tuntematon tavoite"),
    (["solve", MIKKELI, "--assumption", PRICE, "--goal", "min_cash_at_least:0", "--low", "30", "--high", "20"],
     "low 30 is above high 20", "alaraja 30"),
    (["solve", MIKKELI, "--assumption", PRICE, "--goal", "min_cash_at_least:0", "--low", "abc"],
     "must be a number, got 'abc'", "pitää olla luku"),
    (["solve", "missing.yaml", "--assumption", PRICE, "--goal", "min_cash_at_least:0"], "cannot read file",
     "tiedostoa ei voi lukea"),
    (["montecarlo", VARKAUS, "--draws", "0"], "--draws: '0': must be between 1 and 200000",
     "--draws: '0': pitää olla välillä 1–200000"),
    (["montecarlo", VARKAUS, "--seed", "-1"], "--seed: '-1': must be between 0 and", "--seed: '-1': pitää olla"),
])
def test_bad_input_exits_2_with_both_languages(capsys, argv, en, fi):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert en in err and fi in err
    assert "Traceback" not in err


def test_montecarlo_formats(capsys):
    args = ("montecarlo", VARKAUS, "--draws", "300", "--seed", "5")
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["draws"] == 300 and doc["seed"] == 5
    code, out, _ = run(capsys, *args, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["month", "p10", "p50", "p90", "prob_negative_by"]
    assert len(rows) == load(VARKAUS).horizon_months
    assert all(float(r["p10"]) <= float(r["p50"]) <= float(r["p90"]) for r in rows)
    code, out, _ = run(capsys, *args, "--lang", "en")
    assert code == 0 and "Monte Carlo" in out and "Draws: 300" in out and "Probability cash goes below zero" in out
    assert "Percentiles of the KPIs" in out and "Distribution of the break-even month" in out
