"""Uploads (``simulator.export.intake.scenario_from_upload``): size limits, file
types, bad YAML, bad and hostile workbooks, and valid files from the pilots.
Expected documents come from an independent path: ``load`` of the same file
on disk, or the scenario the workbook was exported from."""
from __future__ import annotations

import glob
import io
import os
import tempfile
import zipfile
from pathlib import Path

import pytest

from simulator.export import intake, xml_guard
from simulator.engine.projection import project
from simulator.export.xlsx import workbook_bytes
from simulator.export.intake import scenario_from_upload
from simulator.model.problems import ScenarioError
from simulator.model.loader import load

try:
    from .xlsx_mini import mini_xlsx, understated, zip_bomb, zip_bytes, zip_members
except ImportError:
    from xlsx_mini import mini_xlsx, understated, zip_bomb, zip_bytes, zip_members

ROOT = Path(__file__).resolve().parent.parent
PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")


def pilot_bytes(p: str) -> bytes:
    return (ROOT / "scenarios" / f"{p}.yaml").read_bytes()


def dump(path) -> dict:
    d = load(path).model_dump(mode="json")
    d.pop("base", None)
    return d


def refused(filename, data, *fragments, number=1) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        scenario_from_upload(filename, data, number)
    exc = info.value
    text = exc.render()
    assert "Traceback" not in text and exc.problems
    for where, en, fi in exc.problems:
        assert en and fi and en != fi                      # English and Finnish
    for f in fragments:
        assert f in text, f"{f!r} not in {text!r}"
    return exc


@pytest.fixture(scope="module")
def books():
    """Workbooks exported from the pilots: one scenario, and all three."""
    models = [load(ROOT / "scenarios" / f"{p}.yaml") for p in PILOTS]
    projections = [project(m) for m in models]
    return {"one": workbook_bytes(projections[:1], "fi"), "three": workbook_bytes(projections, "en"),
            "models": models}


# ---------------------------------------------------------------- valid files

@pytest.mark.parametrize("pilot", PILOTS)
def test_pilot_yaml_uploads_as_itself(pilot):
    doc = scenario_from_upload(f"{pilot}.yaml", pilot_bytes(pilot))
    assert doc == dump(ROOT / "scenarios" / f"{pilot}.yaml")
    assert "base" not in doc


def test_override_on_a_pilot_is_merged_like_load(tmp_path):
    text = b"base: mikkeli_subcontracting\nname: Oma\nopening_cash: 1234.5\npeople:\n  - {id: M7, remove: true}\n"
    doc = scenario_from_upload("oma.YML", text)            # upper-case suffix is fine
    (tmp_path / "oma.yaml").write_bytes(text)
    expected = load(tmp_path / "oma.yaml").model_dump(mode="json")
    assert doc == expected and doc["base"] == "mikkeli_subcontracting"
    assert doc["opening_cash"] == 1234.5 and "M7" not in [p["id"] for p in doc["people"]]


def test_workbook_of_one_pilot(books):
    doc = scenario_from_upload("varkaus.xlsx", books["one"])
    expected = books["models"][0].model_dump(mode="json")
    assert expected.pop("base") is None                    # a pilot has no base; the upload names none
    assert doc == expected


def test_workbook_of_three_scenarios_by_number(books):
    for k, model in enumerate(books["models"], 1):
        assert scenario_from_upload("all.XLSX", books["three"], k)["name"] == model.name
    refused("all.xlsx", books["three"], "has 3 scenario(s)", "number 4", number=4)


def test_the_yaml_limit_is_one_megabyte_exactly():
    text = pilot_bytes("pieksamaki_salaried")
    pad = intake.MAX_YAML_BYTES - len(text)
    at_limit = text + b"#" * (pad - 1) + b"\n"             # comment padding: 1 000 000 bytes in all
    assert len(at_limit) == intake.MAX_YAML_BYTES == 1_000_000
    assert scenario_from_upload("p.yaml", at_limit)["name"] == "Pieksämäki – palkkatyömalli"
    refused("p.yaml", at_limit + b"\n", "too big", "at most 1 MB", "liian suuri")


def test_the_workbook_limit_is_ten_megabytes(tmp_path):
    assert intake.MAX_XLSX_BYTES == xml_guard.MAX_BYTES == 10_000_000      # one bound: upload and import
    refused("big.xlsx", b"PK\x03\x04" + b"\0" * 10_000_000, "too big", "at most 10 MB")
    from simulator.export.importer import read_workbook
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 10_000_000)
    with pytest.raises(ScenarioError, match="larger than 10 MB"):
        read_workbook(path)


# ---------------------------------------------------------------- wrong type, empty, names

@pytest.mark.parametrize("filename", ["s.txt", "s.json", "s", "s.yaml.exe", "s.xls", "s.csv", ".yaml "])
def test_wrong_file_type(filename):
    refused(filename, pilot_bytes("varkaus_cooperative"), "wrong file type", "väärä tiedostotyyppi")


def test_empty_file():
    refused("s.yaml", b"", "empty", "tyhjä")
    refused("s.xlsx", b"", "empty")


def test_the_message_names_only_the_file_not_its_folder():
    exc = refused("../../etc/secret\x07name.yaml", b"name: [\n", "YAML syntax error", "line 2")
    assert exc.source == "secret?name.yaml"
    assert refused("C:\\Users\\M1\\s.yaml", b"- 1\n").source == "s.yaml"


def test_a_workbook_named_yaml_gets_a_hint(books):
    refused("s.yaml", books["one"], "zip package", "name it .xlsx")


# ---------------------------------------------------------------- bad YAML

@pytest.mark.parametrize("text,fragments", [
    (b"name: [unclosed\n", ("YAML syntax error at line 2",)),
    (b"name: a\nname: b\n", ("duplicate key 'name'", "line 2")),
    (b"name: !!python/object/apply:os.system ['true']\n", ("is not allowed", "line 1")),
    (b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     b"e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n", ("more than 50000 values",)),
    (b"\xff\xfe name", ("not UTF-8",)),
    (b"- a list\n", ("expected a YAML mapping",)),
])
def test_bad_yaml(text, fragments):
    refused("s.yaml", text, *fragments)


def test_invalid_scenario_names_every_field_path():
    text = pilot_bytes("varkaus_cooperative").replace(b"horizon_months: 60", b"horizon_months: 600")
    text += b"colour: blue\n"
    exc = refused("v.yaml", text, "horizon_months", "less than or equal to 120", "colour", "tuntematon kenttä")
    assert {p for p, _, _ in exc.problems} == {"horizon_months", "colour"}


@pytest.mark.parametrize("base", ["../../etc/passwd", "/etc/passwd", "user/mine", "varkaus_cooperative.yaml", ""])
def test_an_upload_may_only_build_on_a_pilot(base):
    exc = refused("s.yaml", f"base: {base!r}\nname: x\n".encode(), "may only be based on a pilot")
    assert exc.problems[0][0] == "base" and "root:" not in exc.render()


# ---------------------------------------------------------------- bad and hostile workbooks

def test_not_a_zip():
    refused("s.xlsx", b"just text", "not an .xlsx workbook")
    refused("s.xlsx", os.urandom(3000), "not an .xlsx workbook")


def test_a_zip_that_is_not_a_workbook():
    refused("s.xlsx", zip_bytes({"hello.txt": b"hi"}), "no xl/workbook.xml")
    refused("s.xlsx", mini_xlsx([("Sheet1", [["hello"]], False)]), "not a workbook exported by this program")


@pytest.fixture
def nothing_unpacked(monkeypatch):
    """Call it after building the file: from then on, any part unpacked fails the test (the zip
    directory's bounds come first). The failure is the test's: the importer catches no AssertionError."""
    unpacked = []

    def forbid():
        def record(self, name, *args, **kwargs):
            unpacked.append(getattr(name, "filename", name))
            raise AssertionError(f"{name} was unpacked")
        monkeypatch.setattr(zipfile.ZipFile, "open", record)
    yield forbid
    assert not unpacked, unpacked


def test_zip_bomb_is_refused_before_unpacking(nothing_unpacked):
    bomb = zip_bomb("xl/worksheets/sheet1.xml", 70)           # 70 MiB = 73.4 MB of zeros in under 1 MB
    assert len(bomb) < 1_000_000
    nothing_unpacked()
    refused("bomb.xlsx", bomb, "sheet1.xml (xl/worksheets/sheet1.xml)", "larger than 20 MB unpacked (73.4 MB",
            "zip-pommi")


def test_many_parts_too_large_together_are_refused_before_unpacking(nothing_unpacked):
    parts = {f"xl/worksheets/sheet{i}.xml": bytes(16 << 20) for i in range(1, 4)}   # 3 x 16.8 MB: each allowed
    bomb = zip_bytes({"xl/workbook.xml": b"<workbook/>", **parts, "xl/worksheets/sheet4.xml": bytes(10 << 20)},
                     zipfile.ZIP_DEFLATED)
    nothing_unpacked()
    exc = refused("bomb.xlsx", bomb, "too large when unpacked: 60.8 MB, at most 60 MB", "60,8 Mt", "zip-pommi")
    assert exc.problems[0][0] == ""                              # the file as a whole


def test_a_highly_compressed_part_is_refused(nothing_unpacked):
    bomb = zip_bomb("xl/sharedStrings.xml", 2)                 # 2 MiB at a ratio of hundreds
    nothing_unpacked()
    refused("b.xlsx", bomb, "part xl/sharedStrings.xml", "larger than 2 MB unpacked (2.1 MB")


def test_a_big_non_sheet_part_is_refused(nothing_unpacked):
    members = {"xl/workbook.xml": b"<workbook/>", "xl/media/image1.png": os.urandom(xml_guard.MAX_PART_UNPACKED + 1)}
    data = zip_bytes(members, zipfile.ZIP_DEFLATED)
    nothing_unpacked()
    refused("b.xlsx", data, "xl/media/image1.png", "larger than 2 MB unpacked")


def test_too_many_parts(nothing_unpacked):
    data = zip_bytes({f"p{i}.xml": b"" for i in range(xml_guard.MAX_PARTS + 1)})
    nothing_unpacked()
    refused("b.xlsx", data, "more than 1000 parts")


def test_a_part_compressed_otherwise_than_xlsx_is_refused(books, nothing_unpacked):
    """zipfile inflates bzip2 and lzma in one step: 10 MB of bzip2 could fill the memory."""
    members = zip_members(books["one"])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data, compress_type=zipfile.ZIP_BZIP2 if name == "xl/styles.xml" else None)
    nothing_unpacked()
    refused("b.xlsx", buf.getvalue(), "part xl/styles.xml", "compressed in a way .xlsx workbooks do not use")


def test_a_part_inflating_past_its_declared_size_is_refused(books):
    """The directory says the styles are their real size; they inflate to 200 MB more. zipfile cuts them
    at the declared size, but only after inflating a whole step: openpyxl's one read of the part would
    take hundreds of MB (650 MB for 300 MB) before the cut."""
    import tracemalloc
    bomb = understated(zip_members(books["one"]), "xl/styles.xml", 200)
    assert len(bomb) < 2_000_000
    tracemalloc.start()
    try:
        refused("b.xlsx", bomb, "part xl/styles.xml", "unpacks to more than its declared size", "zip-pommi")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 60_000_000, peak                               # the largest part read: 2 MB; 470 MB before


@pytest.mark.parametrize("name", ["bomb", "parts", "understated", "not_a_zip"])
def test_the_upload_and_import_apply_the_same_bounds(books, tmp_path, name):
    """One check: the app's upload and the command line's import refuse alike (only the file's name differs)."""
    from simulator.export.importer import read_workbook
    data = {"bomb": lambda: zip_bomb("xl/worksheets/sheet1.xml", 25),
            "parts": lambda: zip_bytes({f"p{i}.xml": b"" for i in range(xml_guard.MAX_PARTS + 1)}),
            "understated": lambda: understated(zip_members(books["one"]), "xl/styles.xml", 5),
            "not_a_zip": lambda: b"just text"}[name]()
    upload = refused("w.xlsx", data)
    path = tmp_path / "w.xlsx"
    path.write_bytes(data)
    with pytest.raises(ScenarioError) as info:
        read_workbook(path)
    assert info.value.problems == upload.problems and info.value.source == str(path)


def test_bad_cells_name_the_sheet_and_cell(books):
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(books["one"]))
    ws = wb["Oletukset"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "horizon_months")
    ws.cell(row, 3).value = "sixty"
    buf = io.BytesIO()
    wb.save(buf)
    exc = refused("v.xlsx", buf.getvalue(), f"Oletukset!C{row} (horizon_months)", "expected a number",
                  "odotettiin lukua")
    assert exc.source == "v.xlsx" and "upload-" not in exc.render()   # the upload's name, not the temp copy


def test_no_temporary_copy_is_left_behind(books):
    pattern = os.path.join(tempfile.gettempdir(), "upload-*.xlsx")
    before = set(glob.glob(pattern))
    scenario_from_upload("v.xlsx", books["one"])
    with pytest.raises(ScenarioError):
        scenario_from_upload("v.xlsx", books["one"][:5000])
    assert set(glob.glob(pattern)) <= before


# ---------------------------------------------------------------- random uploads

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NAMES = st.one_of(st.text(max_size=40), st.sampled_from(["s.yaml", "s.yml", "s.xlsx", "S.YAML", "../../x.yaml",
                                                         "C:\\x\\s.xlsx", "\x00.yaml", "a" * 500 + ".yaml"]))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(filename=NAMES, data=st.data())
def test_random_uploads_never_crash(books, filename, data):
    blob = data.draw(st.one_of(st.binary(max_size=500),
                               st.sampled_from([pilot_bytes("varkaus_cooperative"), books["one"]]).flatmap(
                                   lambda b: st.integers(0, len(b)).map(lambda n: b[:n]))))
    try:
        doc = scenario_from_upload(filename, blob)
    except ScenarioError as exc:
        assert exc.problems and all(en and fi for _, en, fi in exc.problems)
        assert "/" not in exc.source and "\\" not in exc.source and len(exc.source) <= 80
    else:
        assert isinstance(doc, dict) and doc["name"]
