"""Every JSON the program writes is strict: no NaN, no Infinity (issue 17, item 4).

One writer (``simulator/model/jsonio.py``) serves every command; the outputs
of the three pilots and of a comparison over different years are read with
a parser that refuses ``NaN``/``Infinity`` the way JavaScript's does.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from simulator.cli.main import main
from simulator.model import jsonio
from simulator.model.jsonio import NonFiniteJSON, strict_loads

ROOT = Path(__file__).resolve().parent.parent
PILOTS = [str(ROOT / "scenarios" / f"{p}.yaml") for p in
          ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")]
# json.dumps is allowed only in the writer itself and for the messages' sort key (never written)
ALLOWED_DUMPS = {"simulator/model/jsonio.py", "simulator/i18n/messages.py"}


def run_json(capsys, *argv):
    code = main([*argv, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "NaN" not in out and "Infinity" not in out
    return strict_loads(out)


def test_every_json_goes_through_the_one_writer():
    hits = []
    for path in (ROOT / "simulator").rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel not in ALLOWED_DUMPS and re.search(r"\bjson\.dumps?\(", path.read_text(encoding="utf-8")):
            hits.append(rel)
    assert not hits, f"json.dump(s) outside simulator/model/jsonio.py: {hits}"


def test_the_writer_refuses_nan_and_infinity_naming_the_place():
    assert jsonio.dumps({"a": [np.int64(1), np.float64(2.5), np.bool_(True)], "b": "ä"}) == \
        '{"a": [1, 2.5, true], "b": "ä"}'
    for bad in (math.nan, math.inf, -math.inf, np.float64("nan")):
        with pytest.raises(NonFiniteJSON) as e:
            jsonio.dumps({"months": [{"x": 1.0}, {"x": bad}]})
        assert "$.months[1].x" in e.value.en and "$.months[1].x" in e.value.fi
    with pytest.raises(ValueError):
        strict_loads('{"a": NaN}')
    # a byte of a file name that is not UTF-8 (a lone surrogate) is written as its escape: valid UTF-8 JSON
    text = jsonio.dumps({"file": "a\udcffb"})
    assert text.encode("utf-8") == b'{"file": "a\\udcffb"}' and strict_loads(text) == {"file": "a\udcffb"}


@pytest.mark.parametrize("pilot", PILOTS)
def test_every_command_of_a_pilot_writes_strict_json(capsys, pilot):
    doc = run_json(capsys, "run", pilot)
    person = doc["people"][0]["id"]
    run_json(capsys, "person", pilot, "--person", person)
    run_json(capsys, "public", pilot)
    run_json(capsys, "montecarlo", pilot, "--draws", "200")
    run_json(capsys, "sensitivity", pilot, "--top", "3")
    run_json(capsys, "sensitivity", pilot, "--two-way", "opening_cash", "assumptions.discount_rate", "--steps", "3")
    # opening cash may be 0 in a pilot: a base of 0 has no default range (goal.default_range), so give one
    run_json(capsys, "solve", pilot, "--assumption", "opening_cash", "--goal", "min_cash_at_least:0",
             "--low", "0", "--high", "1000000")


def test_compare_of_the_pilots_and_person_across_them(capsys):
    doc = run_json(capsys, "compare", *PILOTS)
    assert len(doc["scenarios"]) == 3
    doc = run_json(capsys, "person", *PILOTS, "--person", "M1")
    assert len(doc["views"]) == 3
    run_json(capsys, "public", *PILOTS)


def test_compare_over_different_years_writes_null_for_a_year_a_scenario_does_not_run(capsys, tmp_path):
    later = tmp_path / "later.yaml"
    later.write_text("base: mikkeli_subcontracting\nname: Mikkeli myöhemmin\nstart: 2024-01\n", encoding="utf-8")
    doc = run_json(capsys, "compare", PILOTS[0], str(later))
    first, second = doc["comparison"]["Varkaus – työosuuskunta"], doc["comparison"]["Mikkeli myöhemmin"]
    # Varkaus runs 2022–2026, the later one 2024–2028 (60 months each): each has null for the other's years
    assert first["result_2022"] is not None and second["result_2022"] is None
    assert first["result_2028"] is None and second["result_2028"] is not None
    assert isinstance(second["result_2024"], float)
    assert doc["comparability"] and doc["comparability"][0]["code"] == "cmp_horizon_differs"


def test_store_and_users_json(capsys, tmp_path, monkeypatch):
    for k in ("SIMULATOR_USERS", "SIMULATOR_WORKSPACE", "SIMULATOR_USER_DIR"):
        monkeypatch.delenv(k, raising=False)
    ws = str(tmp_path / "ws")
    assert main(["save", PILOTS[0], "--as", "varkaus", "--workspace", ws]) == 0
    assert main(["save", PILOTS[1], "--as", "varkaus", "--workspace", ws, "--base-revision", "0"]) == 0
    capsys.readouterr()
    assert len(run_json(capsys, "history", "varkaus", "--workspace", ws)) == 2
    assert run_json(capsys, "show", "varkaus", "--workspace", ws)["document"]
    assert run_json(capsys, "diff", "varkaus", "0", "1", "--workspace", ws)


def test_a_huge_price_never_reaches_the_output_as_nan(capsys, tmp_path):
    """A price of 1e308 is refused at input or, if it gets through, by the writer: never NaN, never a traceback."""
    path = tmp_path / "huge.yaml"
    path.write_text("base: varkaus_cooperative\nrevenue:\n  - {name: Siivous- ja kiinteistöpalvelut, price: 1e308}\n",
                    encoding="utf-8")
    for command in (["run"], ["compare", PILOTS[0]]):
        code = main([*command, str(path), "--format", "json"])
        out, err = capsys.readouterr()
        assert "Traceback" not in err and "NaN" not in out and "Infinity" not in out
        if code == 0:
            strict_loads(out)
        else:
            assert code == 2 and out == "" and err
