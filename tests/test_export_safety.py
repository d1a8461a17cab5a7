"""User text never becomes a formula in exports (CSV / formula injection).

Every free-text field of a scenario — its name, budget owner, description,
people's ids, staff roles and names, revenue, overhead, grant and loan
names, the share-capital note — gets a text starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (``tests/test_export.py`` checks the
first four in a few fields). In the workbook each is a text cell and no
formula contains it; in every CSV the program writes (``export --csv``,
``compare``/``person``/``public --format csv``) each cell that holds it
starts with an apostrophe, so a spreadsheet shows it as text.
"""
from __future__ import annotations

import copy
import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from simulator.cli.main import main
from simulator.engine.projection import project
from simulator.export.csv_dialects import monthly_csv, safe_text
from simulator.export.importer import read_workbook
from simulator.export.xlsx import write_workbook
from simulator.model.problems import validate

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = ("=", "+", "-", "@", "\t=", "\r=", "\t", "\r")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def payload(i: int) -> str:
    """A hostile text: a formula-looking start and a marker to search for."""
    p = PREFIXES[i % len(PREFIXES)]
    return f'{p}HYPERLINK("http://x.invalid/?PAYLOAD{i}","click")+cmd|\' /C calc\'!A0'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    d = yaml.safe_load((ROOT / "scenarios" / "varkaus_cooperative.yaml").read_text(encoding="utf-8"))
    d = copy.deepcopy(d)
    n = iter(range(1000))
    d["name"] = payload(next(n))
    d["budget_owner"] = payload(next(n))
    d["description"] = payload(next(n))
    for k, person in enumerate(d["people"]):          # ids allow only A-Z a-z 0-9 _ -
        person["id"] = f"-PAYLOAD{k}" if k % 2 else f"-{k}"
    d["staff"][0]["role"] = payload(next(n))
    d["staff"].append({"role": payload(next(n)), "name": payload(next(n)), "fte": 0.1, "monthly_pay": 100})
    for group in ("revenue", "overheads", "grants"):
        for item in d[group]:
            item["name"] = payload(next(n))
    d["financing"]["share_capital"][0]["note"] = payload(next(n))
    d["financing"]["loans"][0]["name"] = payload(next(n))
    scenario = validate(d)
    texts = [v for v in _strings(scenario.model_dump(mode="json")) if "PAYLOAD" in v or re.match(r"^-\d$", v)]
    path = tmp_path_factory.mktemp("safety") / "hostile.xlsx"
    write_workbook([project(scenario)], path)
    return scenario, texts, path


def _strings(x):
    if isinstance(x, dict):
        for v in x.values():
            yield from _strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from _strings(v)
    elif isinstance(x, str):
        yield x


def test_every_payload_start_is_covered(hostile):
    _, texts, _ = hostile
    starts = {t[:2] if t[0] in "\t\r" else t[0] for t in texts}
    assert {"=", "+", "-", "@", "\t=", "\r=", "\tH", "\rH"} <= starts, starts
    assert len(texts) >= 20


def test_no_formula_in_the_workbook_holds_user_text(hostile):
    _, _, path = hostile
    with zipfile.ZipFile(path) as zf:
        xml = {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("xl/")}
    formulas = [f for text in xml.values() for f in re.findall(r"<f>(.*?)</f>", text, re.S)]
    assert formulas                                            # the workbook does calculate
    assert not [f for f in formulas if "PAYLOAD" in f or "HYPERLINK" in f or "cmd|" in f]
    assert not re.search(r"<definedName[^>]*>[^<]*PAYLOAD", xml["xl/workbook.xml"])


def test_each_payload_is_a_text_cell(hostile):
    scenario, texts, path = hostile
    wb = openpyxl.load_workbook(path)                          # formulas as written, not values
    found: dict[str, set] = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and ("PAYLOAD" in c.value or c.value in texts):
                    # a carriage return is stored as the OOXML escape _x000D_
                    found.setdefault(c.value.replace("_x000D_", "\r"), set()).add(c.data_type)
    assert set().union(*found.values()) == {"s"}, found
    missing = [t for t in texts if t not in found]
    assert not missing, missing                                # every field was exported, as text
    assert read_workbook(path).scenario == scenario            # and reads back unchanged


def test_control_characters_round_trip(tmp_path):
    """XlsxWriter stores control characters as OOXML escapes (_x000D_); import
    turns them back. (openpyxl drops the escape of a literal "_x000D_" typed
    as text, so such text would come back as a carriage return.)"""
    d = yaml.safe_load((ROOT / "scenarios" / "pieksamaki_salaried.yaml").read_text(encoding="utf-8"))
    d["name"] = "\r=1+1 literal\r\x07bell\ttab\x1f"
    d["budget_owner"] = "a_x_b _x12_"
    scenario = validate(d)
    path = tmp_path / "esc.xlsx"
    write_workbook([project(scenario)], path)
    assert read_workbook(path).scenario == scenario


def _cells(text: str, delimiter: str = ",") -> list[str]:
    return [c for row in csv.reader(io.StringIO(text), delimiter=delimiter) for c in row]


def _check_csv(text: str, names, delimiter=","):
    cells = _cells(text, delimiter)
    for name in names:
        assert safe_text(name) in cells, (name, cells[:5])
    bad = [c for c in cells if c.startswith(FORMULA_START) and not re.fullmatch(r"-\d[\d.,]*", c)]
    assert not bad, bad[:5]                                    # only negative numbers start with "-"


def test_monthly_csv_in_both_dialects(hostile):
    scenario = hostile[0]
    other = validate({**scenario.model_dump(mode="json"), "name": "@SUM(PAYLOAD)"})
    projections = [project(scenario), project(other)]
    _check_csv(monthly_csv(projections, "standard").decode("utf-8"), [scenario.name, other.name])
    _check_csv(monthly_csv(projections, "fi").decode("utf-8-sig"), [scenario.name, other.name], ";")


def test_command_line_csv(hostile, tmp_path, capsys):
    scenario = hostile[0]
    a = tmp_path / "a.yaml"
    a.write_text(yaml.safe_dump(scenario.model_dump(mode="json", exclude_none=True), allow_unicode=True),
                 encoding="utf-8")
    pilot = str(ROOT / "scenarios" / "pieksamaki_salaried.yaml")
    for argv in (["compare", str(a), pilot, "--format", "csv"],
                 ["public", str(a), pilot, "--format", "csv"],
                 ["person", str(a), str(a), "--person", "-2", "--format", "csv"]):
        assert main(argv) == 0, argv
        out = capsys.readouterr().out
        assert out.count("\n") > 3, argv
        _check_csv(out, [scenario.name])


def test_safe_text_rule():
    for p in FORMULA_START:
        assert safe_text(p + "x") == "'" + p + "x"
    for ok in ("x=1", " =1", "M1", "", "'=1"):
        assert safe_text(ok) == ok
