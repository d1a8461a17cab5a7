"""The command line of the person's view and the public purse: the
commands ``person`` and ``public`` registered by
``simulator.cli.person.add_parsers``, run by ``handle`` through the command
line's one entry (``simulator.cli.main.main``: option types, error handler)."""
import csv
import io
import json
from pathlib import Path

import pytest

from simulator.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
PILOTS = [str(ROOT / "scenarios" / f"{p}.yaml") for p in
          ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")]


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_person_table_in_finnish_and_english(capsys):
    rc, out, err = run(capsys, "person", PILOTS[2], "--person", "M1")
    assert rc == 0 and not err
    for text in ("Henkilö M1", "Nettotulot", "Eläkekatto", "Ansiorajan alle", "Kotikunta: Pieksämäki"):
        assert text in out
    rc, out, _ = run(capsys, "person", PILOTS[2], "--person", "M1", "--lang", "en")
    assert rc == 0 and "Net income" in out and "Pension cliff" in out


def test_person_json_contract(capsys):
    rc, out, _ = run(capsys, "person", PILOTS[0], "--person", "M4", "--format", "json")
    doc = json.loads(out)
    assert set(doc) >= {"scenario", "person", "summary", "years", "months", "warnings", "pension_cliff"}
    assert len(doc["months"]) == 60 and doc["months"][0]["month"] == "2022-01"
    for m in doc["months"]:
        assert abs(m["change"] - (m["net_income"] - m["baseline_net_income"])) < 0.02
    cliff = doc["pension_cliff"]
    assert cliff["curve"][0]["hours_per_week"] == 0 and cliff["curve"][-1]["hours_per_week"] == 37.5
    assert len(cliff["limits_by_year"]) == 5


def test_person_across_models_and_csv(capsys):
    rc, out, _ = run(capsys, "person", *PILOTS, "--person", "M1", "--format", "json")
    doc = json.loads(out)
    assert rc == 0 and len(doc["views"]) == 3 and len(doc["comparison"]) == 3
    rc, out, _ = run(capsys, "person", *PILOTS, "--person", "M1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 180 and rows[0]["scenario"] and "net_income" in rows[0]
    rc, out, _ = run(capsys, "person", *PILOTS, "--person", "M1")
    assert "nettotulot malleittain" in out


def test_public_commands(capsys):
    rc, out, _ = run(capsys, "public", *PILOTS)
    assert rc == 0 and "Julkinen talous" in out and "Kela" in out and "Nettokustannus henkilövuotta kohden" in out
    rc, out, _ = run(capsys, "public", PILOTS[0], "--format", "json")
    doc = json.loads(out)
    assert doc["organisation_public"] is False and doc["kpis"]["net_public_cost"] is not None
    # the public purse reads the parties: each party's total and difference from the status quo
    assert doc["parties"]["county"]["total"] is not None and doc["parties"]["county"]["difference"] is not None
    assert -doc["parties"]["kela"]["total"] == pytest.approx(doc["by_payer"]["kela"]["net_cost"], abs=0.02)
    rc, out, _ = run(capsys, "public", *PILOTS)
    assert "Ero nykytilaan" in out and "Hyvinvointialue" in out
    rc, out, _ = run(capsys, "public", *PILOTS, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 15 and set(rows[0]) >= {"scenario", "year", "municipality", "kela", "total"}


def _write(tmp_path, text):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("person, text, expected", [
    ("M9", "base: varkaus_cooperative\n", "no person 'M9'"),
    ("M6", "base: varkaus_cooperative\npeople:\n  - {id: M6, let_pension_rest: true}\n", "let_pension_rest"),
    ("M1", "base: varkaus_cooperative\npeople:\n  - {id: M1, disability_pension: -10}\n", "disability_pension"),
    ("M1", "base: varkaus_cooperative\npeople:\n  - {id: M1, municipality: helsinki}\n", "municipality"),
    ("M6", "base: varkaus_cooperative\npeople:\n  - {id: M6, hoitotuki: basic}\n", "hoitotuki"),
])
def test_bad_input_exits_2_with_both_languages(capsys, tmp_path, person, text, expected):
    rc, out, err = run(capsys, "person", _write(tmp_path, text), "--person", person)
    assert rc == 2 and out == ""
    assert expected in err and " / " in err   # English / Finnish


def test_negative_hourly_wage_and_missing_file(capsys):
    rc, out, err = run(capsys, "person", PILOTS[0], "--person", "M1", "--hourly-wage", "-3")
    assert rc == 2 and out == "" and "Traceback" not in err
    assert "--hourly-wage: '-3': must be greater than 0" in err and "pitää olla suurempi kuin 0" in err
    rc, out, err = run(capsys, "public", "no_such.yaml")
    assert rc == 2 and "tiedostoa ei voi lukea" in err


def test_a_year_without_tax_parameters_carries_forward_with_a_warning(capsys, tmp_path):
    path = _write(tmp_path, "base: pieksamaki_salaried\nstart: 2026-07\nhorizon_months: 12\n")
    rc, out, err = run(capsys, "person", path, "--person", "M1", "--format", "json")
    assert rc == 0, err
    warnings = json.loads(out)["parameter_warnings"]   # messages: code, params, text (fi by default), fi, en
    assert any(2027 in w["params"]["years"] and "2027" in w["text"] and w["text"] == w["fi"] for w in warnings)

