"""Fuzzing the workbook importer (``simulator.export.importer.read_workbook``).

Inputs: a real exported pilot workbook with its Assumptions rows mutated
(wrong types, huge strings, formulas, error values, dates, rows deleted,
duplicated, swapped or shifted, markers and keys broken, the hidden ``_data``
sheet damaged), the real file damaged at the zip level (truncated, bytes
flipped, parts deleted or replaced), random bytes and random zips, and
hand-made attacks (zip bombs, too many parts, lying sizes, XML entity bombs,
external entities, oversized files).

The property: a validated scenario or the importer's ``ScenarioError`` whose
every problem names the sheet and cell (or the file as a whole: not a
workbook, damaged, too big) in English and Finnish; never another exception;
each input within ``TIME_LIMIT`` seconds. The count is printed at the end.
"""
from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.engine.projection import project
from simulator.export import fields as F
from simulator.export import importer
from simulator.export.importer import read_workbook
from simulator.export.xlsx import workbook_bytes
from simulator.model.scenario import Scenario
from simulator.model.problems import ScenarioError
from simulator.model.loader import load

try:
    from .fuzz_mutations import ODD_TEXT, Tally
    from .xlsx_mini import ErrorCell, Formula, mini_xlsx, workbook_members, zip_bomb, zip_bytes, zip_members
except ImportError:
    from fuzz_mutations import ODD_TEXT, Tally
    from xlsx_mini import ErrorCell, Formula, mini_xlsx, workbook_members, zip_bomb, zip_bytes, zip_members

ROOT = Path(__file__).resolve().parent.parent
PILOT = ROOT / "scenarios" / "varkaus_cooperative.yaml"
TIME_LIMIT = 8.0            # seconds for one input (typical: 20–100 ms)
TALLY = Tally({"hostile", "cells", "zip_parts", "bytes", "random_zip"}, TIME_LIMIT)
FUZZ = dict(deadline=None, suppress_health_check=list(HealthCheck))
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")   # openpyxl on damaged files

_FILE_LEVEL = re.compile(r"not an \.xlsx|damaged|larger than|too large when unpacked|not a workbook exported|"
                         r"the workbook has \d+ scenario|cannot read file|not a file")
_CELL = re.compile(r"^[^!]+![A-Z]{1,3}\d+( \(.+\))?$")


class Real:
    """The real export of the Varkaus pilot: bytes, parts, and its Assumptions and _data rows."""
    scenario: Scenario
    data: bytes
    members: dict
    rows: list
    data_rows: list


@pytest.fixture(scope="module")
def real():
    r = Real()
    r.scenario = load(PILOT)
    r.data = workbook_bytes([project(r.scenario)], "fi")
    r.members = zip_members(r.data)
    wb = openpyxl.load_workbook(io.BytesIO(r.data), read_only=True, data_only=True)
    sheet = next(ws for ws in wb.worksheets
                 if next(ws.iter_rows(max_row=1, max_col=1, values_only=True))[0] == F.MARKER)
    r.sheet = sheet.title
    r.rows = [_trim(list(row)) for row in sheet.iter_rows(max_col=64, values_only=True)]
    r.data_rows = [_trim(list(row)) for row in wb["_data"].iter_rows(values_only=True)]
    wb.close()
    return r


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz_importer")


def _trim(row):
    while row and row[-1] is None:
        row.pop()
    return row


def check_import_error(exc: ScenarioError) -> str:
    """Every problem names its place (sheet!cell, a sheet, or the file as a
    whole) and says what is wrong in English and Finnish."""
    assert exc.problems and exc.source
    for where, en, fi in exc.problems:
        assert en.strip() and fi.strip() and en != fi, exc.problems
        assert where or _FILE_LEVEL.search(en), f"no place: {en!r}"
        if "!" in where.split(" (")[0]:
            assert _CELL.match(where), where
    text = exc.render()
    assert "Traceback" not in text
    return text


def _timed(category: str, workdir: Path, blob: bytes, scenario: int = 1):
    path = workdir / "w.xlsx"
    path.write_bytes(blob)
    t0 = time.perf_counter()
    try:
        result = read_workbook(path, scenario)
    except ScenarioError as exc:
        check_import_error(exc)
        result, outcome = exc, "error"
    else:
        assert isinstance(result, importer.Imported) and isinstance(result.scenario, Scenario)
        assert all(isinstance(v, str) for v in result.cells.values())
        outcome = "valid"
    TALLY.add(category, outcome, time.perf_counter() - t0)
    return result


def test_the_real_workbook_imports_back(real, workdir):
    imported = _timed("hostile", workdir, real.data)
    assert imported.scenario == real.scenario and imported.original == real.scenario
    rebuilt = mini_xlsx([(real.sheet, real.rows, False), ("_data", real.data_rows, True)])
    assert _timed("hostile", workdir, rebuilt).scenario == real.scenario


# ---------------------------------------------------------------- hand-made attacks

def _with(members, **changes):
    out = dict(members)
    for k, v in changes.items():
        name = k.replace("__", "/").replace("_DOT_", ".")
        if v is None:
            out.pop(name, None)
        else:
            out[name] = v
    return out


XML_BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                       for i in range(1, 10))
            + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
              b'uniqueCount="1"><si><t>&lol9;</t></si></sst>')
XXE = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
       b'<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')


def _attacks(real):
    m = real.members
    rows, drows, sheet = real.rows, real.data_rows, real.sheet
    others = {k: v for k, v in m.items() if k != "xl/worksheets/sheet9.xml"}
    yield "zip_bomb_250MB", zip_bomb("xl/worksheets/sheet9.xml", 250, others), "larger than 20 MB unpacked", 1
    yield "too_many_parts", zip_bytes({**m, **{f"x/{i}.xml": b"" for i in range(6000)}}), "parts", 1
    yield "oversized_file", b"PK" + b"\0" * (importer.MAX_BYTES + 10), "larger than", 1
    yield "empty_file", b"", "not an .xlsx", 1
    yield "truncated_zip", real.data[: len(real.data) // 3], "not an .xlsx", 1
    yield "no_workbook_part", zip_bytes(_with(m, xl__workbook_DOT_xml=None)), "workbook.xml", 1
    yield "xml_entity_bomb", zip_bytes(_with(m, xl__sharedStrings_DOT_xml=XML_BOMB)), "declarations", 1
    yield "external_entity", zip_bytes(_with(workbook_members([("S", [[1]], False)]),
                                             xl__worksheets__sheet1_DOT_xml=XXE)), "", 1
    yield "garbage_styles", zip_bytes(_with(m, xl__styles_DOT_xml=b"<<<")), "damaged", 1
    yield "garbage_sheet", zip_bytes(_with(m, xl__worksheets__sheet6_DOT_xml=b"\x00\xff" * 50)), "damaged", 1
    yield "no_marker", mini_xlsx([("Sheet1", [["hello"]], False)]), "not a workbook exported", 1
    yield "marker_only", mini_xlsx([("A", [[F.MARKER]], False)]), "missing", 1
    yield "scenario_0", real.data, "asked for number 0", 0
    yield "scenario_2", real.data, "asked for number 2", 2
    yield "scenario_-1", real.data, "asked for number -1", -1
    big_rows = rows + [["x", None, 1]] * 5000
    yield "over_5000_rows", mini_xlsx([(sheet, big_rows, False)]), "more than 5000 rows", 1
    wide = [r + [None] * (70 - len(r)) + ["far"] if r else r for r in rows]
    yield "seventy_columns", mini_xlsx([(sheet, wide, False), ("_data", drows, True)]), "", 1
    huge = [list(r) for r in rows]
    huge[4] = ["name", "Nimi", "x" * 32767]
    yield "32767_character_name", mini_xlsx([(sheet, huge, False)]), "name", 1
    deep = [list(r) for r in drows]
    deep[3] = [1, 0, "[" * 100_000]
    yield "deep_json_in_data", mini_xlsx([(sheet, rows, False), ("_data", deep, True)]), "", 1
    formulas = [[Formula("=1+1") if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                 for v in r] for r in rows]
    yield "formulas_without_values", mini_xlsx([(sheet, formulas, False)]), "", 1
    errors = [[ErrorCell("#REF!") if c == 2 and v is not None else v for c, v in enumerate(r)] for r in rows]
    yield "error_values", mini_xlsx([(sheet, errors, False)]), "", 1
    lying = bytearray(zip_bytes({**m}, zipfile.ZIP_DEFLATED))
    yield "lying_sizes", _lie_about_sizes(bytes(lying)), "", 1


def _lie_about_sizes(data: bytes) -> bytes:
    """Every central-directory entry claims its part unpacks to 10 bytes."""
    out = bytearray(data)
    i = out.find(b"PK\x01\x02")
    while i != -1:
        out[i + 24:i + 28] = (10).to_bytes(4, "little")
        i = out.find(b"PK\x01\x02", i + 4)
    return bytes(out)


def test_hand_made_workbook_attacks(real, workdir):
    seen = []
    for name, blob, fragment, k in _attacks(real):
        result = _timed("hostile", workdir, blob, k)
        if isinstance(result, ScenarioError):
            text = result.render("en")
            assert fragment in text, (name, text)
            assert "root:x:0:0" not in text, name
        else:
            assert fragment in ("", "name"), f"{name} was accepted"
            assert "root:x:0:0" not in json.dumps(result.scenario.model_dump(mode="json")), name
        seen.append(name)
    assert len(seen) >= 20


def test_a_huge_name_imports_but_the_long_name_is_refused_by_the_model(real, workdir):
    rows = [list(r) for r in real.rows]
    rows[4] = ["name", "Nimi", "x" * 32767]
    exc = _timed("hostile", workdir, mini_xlsx([(real.sheet, rows, False)]))
    assert isinstance(exc, ScenarioError)
    assert any(w.startswith(f"{real.sheet}!C5") for w, _, _ in exc.problems), exc.problems


# ---------------------------------------------------------------- mutated cells

def _xml_text():
    return st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10 ** 30), 10 ** 30), st.sampled_from([10 ** 400, -(10 ** 400)]),
    st.floats(), _xml_text(), st.sampled_from([t for t in ODD_TEXT if "\u0000" not in t]),
    st.sampled_from(["1 234,5", "−5", "12,5 €", "1e999", "NaN", "inf", "TOSI", "EPÄTOSI", "kyllä", "01/2023",
                     "13/2023", " 2023-02 ", "explicit", "auto", "x" * 40_000]),
    st.builds(Formula, st.sampled_from(["=1+1", "=SUM(A1:A3)", '=HYPERLINK("http://x","y")',
                                        "=cmd|' /C calc'!A0", "=A1", "=1/0"])),
    st.builds(ErrorCell, st.sampled_from(["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?"])),
    st.dates(), st.datetimes(),
)
ROW_OPS = ("cell", "cell", "cell", "value", "value", "delete", "duplicate", "swap", "blank", "truncate",
           "shift", "key")


@st.composite
def mutated_rows(draw, rows):
    rows = [list(r) for r in rows]
    for _ in range(draw(st.integers(1, 5))):
        if not rows:
            break
        op = draw(st.sampled_from(ROW_OPS))
        r = draw(st.integers(0, len(rows) - 1))
        if op == "cell":
            c = draw(st.integers(0, max(len(rows[r]) + 1, 3)))
            rows[r] += [None] * (c + 1 - len(rows[r]))
            rows[r][c] = draw(CELLS)
        elif op == "value":     # the value column of a scalar row, or a table cell
            c = 2 if len(rows[r]) <= 3 else draw(st.integers(1, len(rows[r]) - 1))
            rows[r] += [None] * (c + 1 - len(rows[r]))
            rows[r][c] = draw(CELLS)
        elif op == "delete":
            del rows[r]
        elif op == "duplicate":
            rows.insert(r, list(rows[r]))
        elif op == "swap":
            s = draw(st.integers(0, len(rows) - 1))
            rows[r], rows[s] = rows[s], rows[r]
        elif op == "blank":
            rows.insert(r, [])
        elif op == "truncate":
            del rows[r:]
        elif op == "shift":
            rows[r].insert(draw(st.integers(0, 2)), None)
        elif op == "key" and rows[r]:
            rows[r][0] = draw(st.sampled_from(["name", "[people]", "[phases]", "[nope]", "people", "", None,
                                               F.MARKER, "assumptions.wage_growth", "pipeline.conversion_rate"]))
    return rows


@st.composite
def data_sheet(draw, drows):
    kind = draw(st.sampled_from(["keep", "keep", "drop", "garbage", "truncated", "other"]))
    if kind == "keep":
        return drows
    if kind == "drop":
        return None
    d = [list(r) for r in drows]
    text = d[3][2]
    d[3][2] = {"garbage": draw(_xml_text()), "truncated": text[: draw(st.integers(0, len(text)))],
               "other": json.dumps({"name": "M", "model": "x"})}[kind]
    return d


@settings(max_examples=350, **FUZZ)
@given(data=st.data())
def test_mutated_assumption_cells(real, workdir, data):
    rows = data.draw(mutated_rows(real.rows))
    drows = data.draw(data_sheet(real.data_rows))
    sheets = [(data.draw(st.sampled_from([real.sheet, "Assumptions", "x" * 31, "'quoted'", "Ä ö"])), rows, False)]
    if data.draw(st.booleans()):
        sheets.append(("Kopio", data.draw(mutated_rows(real.rows)), False))   # a second scenario
    if drows is not None:
        sheets.append(("_data", drows, True))
    k = data.draw(st.sampled_from([1, 1, 1, 2, 3]))
    _timed("cells", workdir, mini_xlsx(sheets), k)


# ---------------------------------------------------------------- the real file, damaged

PART_OPS = ("drop", "truncate", "garbage", "flip", "swap", "empty")


@settings(max_examples=120, **FUZZ)
@given(data=st.data())
def test_damaged_parts_of_the_real_workbook(real, workdir, data):
    members = dict(real.members)
    names = sorted(members)
    for _ in range(data.draw(st.integers(1, 3))):
        name = data.draw(st.sampled_from(names))
        op = data.draw(st.sampled_from(PART_OPS))
        blob = members.get(name, b"")
        if op == "drop":
            members.pop(name, None)
        elif op == "truncate":
            members[name] = blob[: data.draw(st.integers(0, len(blob)))]
        elif op == "garbage":
            members[name] = data.draw(st.binary(max_size=200))
        elif op == "flip" and blob:
            i = data.draw(st.integers(0, len(blob) - 1))
            members[name] = blob[:i] + bytes([blob[i] ^ 0x20]) + blob[i + 1:]
        elif op == "swap":
            members[name] = members.get(data.draw(st.sampled_from(names)), b"")
        elif op == "empty":
            members[name] = b""
    _timed("zip_parts", workdir, zip_bytes(members))


@settings(max_examples=120, **FUZZ)
@given(data=st.data())
def test_damaged_bytes_of_the_real_file(real, workdir, data):
    blob = bytearray(real.data)
    for _ in range(data.draw(st.integers(1, 6))):
        op = data.draw(st.sampled_from(["flip", "truncate", "insert", "cut"]))
        i = data.draw(st.integers(0, len(blob)))
        if op == "flip" and i < len(blob):
            blob[i] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "truncate":
            del blob[i:]
        elif op == "insert":
            blob[i:i] = data.draw(st.binary(min_size=1, max_size=50))
        elif op == "cut":
            del blob[i:i + data.draw(st.integers(1, 500))]
    _timed("bytes", workdir, bytes(blob))


@settings(max_examples=300, **FUZZ)
@given(blob=st.binary(max_size=2000) | st.binary(max_size=30).map(lambda b: b"PK\x03\x04" + b))
def test_random_bytes(workdir, blob):
    _timed("bytes", workdir, blob)


@settings(max_examples=150, **FUZZ)
@given(data=st.data())
def test_random_zips(real, workdir, data):
    names = sorted(real.members) + ["xl/worksheets/sheet99.xml", "../../evil", "/abs", "a" * 300]
    members = {}
    for _ in range(data.draw(st.integers(0, 8))):
        name = data.draw(st.sampled_from(names))
        members[name] = data.draw(st.sampled_from([b"", b"<x/>", real.members.get(name, b"")[:300]])
                                  | st.binary(max_size=100))
    _timed("random_zip", workdir, zip_bytes(members, data.draw(st.sampled_from([zipfile.ZIP_STORED,
                                                                               zipfile.ZIP_DEFLATED]))))


# ---------------------------------------------------------------- the tally

def test_thousands_of_inputs_were_tried(capsys):
    TALLY.report("importer", capsys, minimum=1000)
