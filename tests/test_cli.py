"""The command-line contract of design.md §3."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PILOTS = [f"scenarios/{p}.yaml" for p in ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")]
MONTH_KEYS = {"month", "revenue", "wages", "employer_contributions", "overheads", "subsidies", "result",
              "cash_in", "cash_out", "net_cash_flow", "closing_cash"}
KPI_KEYS = {"break_even_month", "min_cash", "min_cash_month", "npv", "total_result"}


def cli(*args):
    r = subprocess.run([sys.executable, "-m", "simulator", *args], cwd=ROOT, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_run_json_contract():
    doc = json.loads(cli("run", PILOTS[0], "--format", "json"))
    assert set(doc) >= {"scenario", "months", "kpis", "warnings"}
    assert doc["scenario"]["model"] == "cooperative" and doc["scenario"]["name"]
    assert len(doc["months"]) == 60 and doc["months"][0]["month"] == "2022-01"
    for m in doc["months"]:
        assert MONTH_KEYS <= set(m)
        for k in MONTH_KEYS - {"month", "result", "net_cash_flow", "closing_cash"}:
            assert m[k] >= 0, f"{k} must be a positive magnitude"
        assert abs(m["net_cash_flow"] - (m["cash_in"] - m["cash_out"])) < 0.02
    assert KPI_KEYS <= set(doc["kpis"])
    assert isinstance(doc["warnings"], list)
    cum, be = 0.0, doc["kpis"]["break_even_month"]
    # break-even: from that month on the cumulative result stays >= 0
    if be is not None:
        for m in doc["months"]:
            cum += m["result"]
            if m["month"] >= be:
                assert cum >= -0.01


def test_run_csv_and_table():
    rows = list(csv.DictReader(io.StringIO(cli("run", PILOTS[1], "--format", "csv"))))
    assert len(rows) == 60 and MONTH_KEYS <= set(rows[0])
    table = cli("run", PILOTS[2])
    assert "Kannattavuusraja" in table and "Kassa lopussa" in table
    assert "Break-even month" in cli("run", PILOTS[2], "--lang", "en")


def test_compare_three_pilots():
    text = cli("compare", *PILOTS)
    for name in ("Varkaus", "Mikkeli", "Pieksämäki"):
        assert name in text
    doc = json.loads(cli("compare", *PILOTS, "--format", "json"))
    assert len(doc["scenarios"]) == 3 and len(doc["comparison"]) == 3
    rows = list(csv.DictReader(io.StringIO(cli("compare", *PILOTS, "--format", "csv"))))
    assert len(rows) == 180 and rows[0]["scenario"]


def test_validate_pilots():
    out = cli("validate", *PILOTS)
    assert out.count(": OK") == 3
