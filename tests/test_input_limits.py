"""Issue 17 (input side): uploads read in bounded time, strict numbers, YAML 1.2
scalars, and user values cut in messages.

The hostile workbooks are the Varkaus pilot's export with one thing added;
each must be refused quickly with a message naming the sheet (or the part),
in English and Finnish, or read quickly. ``benchmarks/upload_worst_case.py``
times the same kinds at the limits against the pilot's own workbook.
"""
from __future__ import annotations

import copy
import io
import math
import re
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from simulator.engine.projection import project
from simulator.export import xml_guard as G
from simulator.export.importer import read_workbook
from simulator.export.intake import scenario_from_upload
from simulator.export.xlsx import workbook_bytes
from simulator.model.loader import Dumper, dump, load, parse_yaml
from simulator.model.overrides import merge
from simulator.model.problems import SHOWN_CHARS, ScenarioError, validate
from simulator.model.schema import MONEY_MAX

ROOT = Path(__file__).resolve().parent.parent
PILOT = ROOT / "scenarios" / "varkaus_cooperative.yaml"
QUICK = 5.0      # seconds: every hostile file (the pilot's workbook reads in 0.1–0.3 s)
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


@pytest.fixture(scope="module")
def parts():
    data = workbook_bytes([project(load(PILOT))], "fi")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def _pack(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    return buf.getvalue()


def _sheet(parts):
    names = re.findall(rb'<sheet name="([^"]*)"', parts["xl/workbook.xml"])
    return f"xl/worksheets/sheet{names.index(b'Oletukset') + 1}.xml"


def _inject(parts, part, after: bytes, blob: bytes):
    xml = parts[part]
    k = xml.index(after) + len(after)
    return _pack({**parts, part: xml[:k] + blob + xml[k:]})


def _read(tmp_path, blob):
    path = tmp_path / "w.xlsx"
    path.write_bytes(blob)
    t0 = time.perf_counter()
    try:
        result = read_workbook(path)
    except ScenarioError as exc:
        result = exc
    return result, time.perf_counter() - t0


HOSTILE = {   # name: (builder, words of the English message)
    "comment_19.5MB": (lambda p, s: _inject(p, s, b"<sheetData>", b"<!--" + b"x" * 19_500_000 + b"-->"),
                       "comment, CDATA section or processing instruction longer than"),
    "comment_150MB": (lambda p, s: _inject(p, s, b"<sheetData>", b"<!--" + b"x" * 150_000_000 + b"-->"),
                      "larger than 20 MB unpacked"),
    "attribute_5MB": (lambda p, s: _inject(p, s, b"<sheetData", b' x="' + b"a" * 5_000_000 + b'"'),
                      "tag, attribute or text longer than"),
    "text_5MB": (lambda p, s: _inject(p, s, b"<sheetData>", b"<x>" + b"t" * 5_000_000 + b"</x>"),
                 "tag, attribute or text longer than"),
    "many_medium_comments": (lambda p, s: _inject(p, s, b"<sheetData>", (b"<!--" + b"x" * 200_000 + b"-->") * 30),
                             "first rows went over"),
    "many_tiny_comments": (lambda p, s: _inject(p, s, b"<sheetData>", b"<!---->" * 500),
                           "more than 100 comments"),
    "doctype": (lambda p, s: _inject(p, s, b"?>", b"<!DOCTYPE x>"), "declarations"),
    "deep_nesting": (lambda p, s: _inject(p, s, b"<sheetData>", b"<x>" * 200_000 + b"</x>" * 200_000),
                     "first rows went over"),
    "tiny_elements_before_row_1": (lambda p, s: _inject(p, s, b"<sheetData>", b"<x/>" * 2_000_000),
                                   "first rows went over"),
    "tiny_elements_after_row_1": (lambda p, s: _inject(p, s, b"</row>", b"<x/>" * 500_000),
                                  "reading the sheet's content went over"),
    "utf16": (lambda p, s: _pack({**p, s: p[s].decode("utf-8").encode("utf-16")}), "not UTF-8"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_workbook_is_refused_quickly_naming_the_sheet(parts, tmp_path, name):
    build, words = HOSTILE[name]
    result, seconds = _read(tmp_path, build(parts, _sheet(parts)))
    assert isinstance(result, ScenarioError), f"{name} was accepted"
    (where, en, fi), = result.problems
    assert words in en, en
    assert where.startswith("Oletukset (xl/worksheets/"), where
    assert "Oletukset" in en and "välilehti Oletukset" in fi and en != fi
    assert seconds < QUICK, (name, seconds)


def test_a_huge_shared_string_is_refused_naming_the_part(parts, tmp_path):
    xml = parts["xl/sharedStrings.xml"]
    k = xml.rindex(b"</sst>")
    blob = _pack({**parts, "xl/sharedStrings.xml": xml[:k] + b"<si><t>" + b"s" * 1_500_000 + b"</t></si>" + xml[k:]})
    result, seconds = _read(tmp_path, blob)
    assert isinstance(result, ScenarioError) and seconds < QUICK
    assert "part xl/sharedStrings.xml" in result.problems[0][1] and "osa xl/sharedStrings.xml" in result.problems[0][2]


def test_many_styles_are_refused(parts, tmp_path):
    xml = parts["xl/styles.xml"]
    k = xml.rindex(b"</cellXfs>")
    result, seconds = _read(tmp_path, _pack({**parts, "xl/styles.xml": xml[:k] + b"<xf/>" * (G.MAX_OTHER_TAGS + 1)
                                                                        + xml[k:]}))
    assert isinstance(result, ScenarioError) and seconds < QUICK
    assert "more than 10000 XML elements" in result.problems[0][1]


def test_tokens_just_under_the_limit_are_read(parts, tmp_path):
    """A comment, an attribute and a text just under the token bound after the last row: read, same scenario."""
    token = G.MAX_TOKEN - 100
    blob = _inject(parts, _sheet(parts), b"</sheetData>",
                   b"<!--" + b"x" * token + b"-->" + b'<x a="' + b"a" * token + b'"/>' + b"<y>" + b"t" * token + b"</y>")
    result, seconds = _read(tmp_path, blob)
    assert not isinstance(result, ScenarioError), result
    assert result.scenario == load(PILOT) and seconds < QUICK


def test_the_check_measures_tokens_across_its_chunks():
    assert G.check_xml(b"<a>" + b"t" * (G.MAX_TOKEN - 2) + b"</a>", "p") == 2   # "a>" and the text: one stretch
    with pytest.raises(G.XmlLimit):
        G.check_xml(b"<a>" + b"t" * (G.MAX_TOKEN + 1) + b"</a>", "p")
    with pytest.raises(G.XmlLimit):          # a text straddling the 1 MB chunks
        G.check_xml(b"<a/>" * 250_000 + b"t" * (G.MAX_TOKEN + 1) + b"<a/>", "p")
    with pytest.raises(G.XmlLimit, match="unfinished"):
        G.check_xml(b"<a><!-- never closed", "p")
    assert G.check_xml(b"<?xml version='1.0'?><a><!-- < > --><![CDATA[<<]]></a>", "p") == 8   # every < counts


def test_the_three_pilots_workbook_imports_each_scenario():
    data = workbook_bytes([project(load(ROOT / "scenarios" / f"{p}.yaml")) for p in
                           ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")], "en")
    for k in (1, 2, 3):
        doc = scenario_from_upload("three.xlsx", data, k)
        assert doc["name"]


# ---------------------------------------------------------------- strict YAML 1.2 scalars

def _pilot_text() -> str:
    return PILOT.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["1:00", "0x3c", "6_0", "0o17", "1_0"])
def test_yaml_1_1_numbers_are_texts_and_the_field_refuses_them(value):
    text = re.sub(r"(?m)^horizon_months: .*$", f"horizon_months: {value}", _pilot_text())
    assert parse_yaml(text.encode())["horizon_months"] == value          # not 60, not 15
    with pytest.raises(ScenarioError) as e:
        validate(parse_yaml(text.encode()))
    assert any(p == "horizon_months" and value in en for p, en, _ in e.value.problems), e.value.problems


@pytest.mark.parametrize("value", [".inf", "+.inf", "-.inf", ".nan", ".NaN", "-.Inf"])
def test_infinity_and_nan_are_refused_with_the_line(value):
    text = re.sub(r"(?m)^horizon_months: .*$", f"horizon_months: {value}", _pilot_text())
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("horizon_months"))
    with pytest.raises(ScenarioError) as e:
        parse_yaml(text.encode())
    (_, en, fi), = e.value.problems
    assert f"line {line}," in en and f"rivi {line}," in fi and "infinity and NaN" in en


@pytest.mark.parametrize("tag", ["!!timestamp 2024-01-01", "!!python/object/apply:os.system ['true']",
                                 "!!binary aGVsbG8=", "!!int 0x3c", "!!float 1e3", "!custom x"])
def test_explicit_tags_are_refused_naming_the_line(tag):
    with pytest.raises(ScenarioError) as e:
        parse_yaml(f"name: x\nstart: {tag}\n".encode())
    (_, en, fi), = e.value.problems
    assert "line 2," in en and "is not allowed" in en and "rivi 2," in fi
    assert "datetime" not in en and "object at 0x" not in en


def test_yaml_1_2_core_scalars():
    d = parse_yaml(b"a: 017\nb: 1e3\nc: yes\nd: 2024-01-01\ne: 2024-01\nf: TRUE\ng: ~\nh: -1.5\ni: !!str 5\n")
    assert d == {"a": 17, "b": 1000.0, "c": "yes", "d": "2024-01-01", "e": "2024-01", "f": True, "g": None,
                 "h": -1.5, "i": "5"}


def test_a_text_that_yaml_1_2_reads_as_a_number_is_written_quoted():
    s = validate(merge(yaml.safe_load(_pilot_text()), {"people": [{"id": "1e3", "birth_year": 1990}]}))
    assert "'1e3'" in dump(s)
    assert validate(parse_yaml(dump(s).encode())) == s
    assert parse_yaml(yaml.dump({"x": "2E5"}, Dumper=Dumper).encode()) == {"x": "2E5"}


def test_the_pilots_load_as_before():
    """YAML 1.2 changes nothing in the pilots and the cases (run --format json is byte-identical too)."""
    for path in list((ROOT / "scenarios").glob("*.yaml")) + list((ROOT / "tests" / "cases").glob("*.yaml")):
        assert parse_yaml(path.read_bytes()) == yaml.safe_load(path.read_text(encoding="utf-8")), path


# ---------------------------------------------------------------- finite and bounded numbers

def _pilot():
    return yaml.safe_load(_pilot_text())


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused_in_a_mapping_and_an_override(bad):
    d = _pilot()
    d["revenue"][0]["price"] = bad
    with pytest.raises(ScenarioError) as e:
        validate(d)
    assert any(p == "revenue[0].price" for p, _, _ in e.value.problems), e.value.problems
    over = merge(_pilot(), {"assumptions": {"wage_growth": bad}})
    with pytest.raises(ScenarioError):
        validate(over)


@pytest.mark.parametrize("path,value", [
    (("revenue", 0, "price"), 1e308), (("overheads", 0, "amount"), MONEY_MAX * 1.01),
    (("staff", 0, "monthly_pay"), 2e7), (("opening_cash",), -1e308), (("opening_cash",), 1e308),
    (("revenue", 0, "volume"), 1e12)])
def test_money_and_volumes_are_bounded(path, value):
    d = _pilot()
    node = d
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    with pytest.raises(ScenarioError) as e:
        validate(d)
    where = ".".join(str(k) for k in path).replace(".0.", "[0].")
    (p, en, fi), = [x for x in e.value.problems if x[0] == where]
    assert ("less than or equal" in en and "enintään" in fi) or ("greater than or equal" in en and "vähintään" in fi)


def test_a_price_at_the_bound_is_accepted_and_runs_finite():
    d = _pilot()
    d["revenue"][0]["price"] = float(MONEY_MAX)
    p = project(validate(d))
    assert all(math.isfinite(v) for v in p.kpis.values() if isinstance(v, float))


def test_uncertainty_values_are_bounded():
    d = _pilot()
    d["uncertainty"] = {"sensitivity": [{"assumption": "revenue[0].price", "low": 0, "high": 1e308}]}
    with pytest.raises(ScenarioError) as e:
        validate(d)
    assert any("uncertainty.sensitivity[0].high" in p for p, _, _ in e.value.problems)


def test_a_workbook_cell_of_1e308_is_refused_at_its_cell(parts, tmp_path):
    sheet = _sheet(parts)
    xml = parts[sheet]
    price = load(PILOT).revenue[0].price
    cell = re.compile(rb'(<c r="[A-Z]+\d+"(?: s="\d+")?><v>)' + f"{price:g}".encode() + rb"(</v>)")   # a number cell
    assert cell.search(xml)
    blob = _pack({**parts, sheet: cell.sub(rb"\g<1>1E+308\g<2>", xml, count=1)})
    result, _ = _read(tmp_path, blob)
    assert isinstance(result, ScenarioError)
    assert any("!" in w and "less than or equal" in en for w, en, _ in result.problems), result.problems


# ---------------------------------------------------------------- long values cut in messages

def test_a_100000_character_value_is_cut_in_every_message():
    long = "y" * 100_000
    d = copy.deepcopy(_pilot())
    d["name"] = long
    d["people"][0]["id"] = long
    d["horizon_months"] = long
    with pytest.raises(ScenarioError) as e:
        validate(d)
    text = e.value.render()
    assert "y" * (SHOWN_CHARS + 1) not in text and "…" in text and len(text) < 3_000
    with pytest.raises(ScenarioError) as e:      # a YAML key (duplicate) and an odd key
        parse_yaml(f"{long}: 1\n{long}: 2\n".encode())
    assert len(e.value.render()) < 1_000
    with pytest.raises(ScenarioError) as e:
        validate({**_pilot(), long: 1})
    assert len(e.value.render()) < 1_000
    with pytest.raises(ScenarioError) as e:
        scenario_from_upload("x.yaml", f"base: {long}\nname: x\n".encode())
    assert len(e.value.render()) < 1_000 and "…" in e.value.render()
