"""One test per kind of bad input: exit status 2, a message naming the file,
the field path and what was expected, no traceback, nothing written."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
name: t
model: cooperative
budget_owner: test
start: 2022-01
horizon_months: 12
people:
  - id: M1
    age: 30
    phases:
      - {kind: employment, start: 2022-01, hours_per_week: 20, hourly_wage: 11.0}
revenue:
  - {name: work, basis: per_hour, price: 25, volume: 10}
"""


def cli(*args):
    return subprocess.run([sys.executable, "-m", "simulator", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def check_rejected(path, *fragments, command="run"):
    before = path.read_bytes()
    r = cli(command, str(path))
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert str(path) in r.stderr
    for f in fragments:
        assert f in r.stderr, f"{f!r} not in {r.stderr!r}"
    assert r.stdout == ""
    assert path.read_bytes() == before  # nothing written, the file untouched
    return r.stderr


@pytest.fixture
def write(tmp_path):
    def _write(text, name="s.yaml", binary=False):
        p = tmp_path / name
        p.write_bytes(text) if binary else p.write_text(text, encoding="utf-8")
        return p
    return _write


def test_good_file_runs(write):
    r = cli("run", str(write(GOOD)), "--format", "json")
    assert r.returncode == 0, r.stderr


def test_unknown_key(write):
    check_rejected(write(GOOD + "colour: blue\n"), "colour", "Extra inputs are not permitted", "tuntematon kenttä")


def test_unknown_nested_key(write):
    bad = GOOD.replace("hourly_wage: 11.0}", "hourly_wage: 11.0, overtime: 2}")
    check_rejected(write(bad), "people[0].phases[0].overtime")


def test_wrong_type(write):
    bad = GOOD.replace("hourly_wage: 11.0", 'hourly_wage: "11"')
    check_rejected(write(bad), "people[0].phases[0].hourly_wage", "valid number", "pitää olla luku")


def test_month_13(write):
    check_rejected(write(GOOD.replace("start: 2022-01\nhorizon", "start: 2022-13\nhorizon")),
                   "start", "month must be 01-12", "kuukauden pitää olla 01–12")


def test_not_a_month(write):
    check_rejected(write(GOOD.replace("start: 2022-01\nhorizon", "start: soon\nhorizon")),
                   "start", "YYYY-MM")


def test_end_before_start(write):
    bad = GOOD.replace("{kind: employment, start: 2022-01,", "{kind: employment, start: 2022-05, end: 2022-02,")
    check_rejected(write(bad), "people[0].phases[0].end", "before start")


def test_negative_hours(write):
    bad = GOOD.replace("hours_per_week: 20", "hours_per_week: -3")
    check_rejected(write(bad), "people[0].phases[0].hours_per_week", "greater than or equal to 0", "vähintään 0")


def test_negative_price(write):
    check_rejected(write(GOOD.replace("price: 25", "price: -25")), "revenue[0].price")


def test_horizon_out_of_range(write):
    check_rejected(write(GOOD.replace("horizon_months: 12", "horizon_months: 500")), "horizon_months", "120")


def test_overlapping_phases(write):
    bad = GOOD.replace("      - {kind: employment",
                       "      - {kind: work_activity, start: 2021-06, end: 2022-03, days_per_month: 10}\n      - {kind: employment")
    check_rejected(write(bad), "people[0].phases[1]", "overlaps phases[0]")


def test_unknown_phase_kind(write):
    check_rejected(write(GOOD.replace("kind: employment", "kind: holiday")), "people[0].phases[0]", "work_activity")


def test_all_problems_at_once(write):
    bad = GOOD.replace("hours_per_week: 20", "hours_per_week: -3").replace("price: 25", "price: -1") + "extra: 1\n"
    err = check_rejected(write(bad), "hours_per_week", "revenue[0].price", "extra")
    assert len(err.strip().splitlines()) == 3


def test_empty_file(write):
    check_rejected(write(""), "expected a YAML mapping", "tyhjä")


def test_binary_file(write):
    check_rejected(write(b"\x89PNG\r\n\x1a\n\x00\x00\x00", binary=True), "binary file")


def test_not_utf8(write):
    check_rejected(write(b"name: \xe4\xe4kk\xf6nen\n", binary=True), "UTF-8")


def test_yaml_not_a_mapping(write):
    check_rejected(write("- just\n- a list\n"), "expected a YAML mapping")


def test_yaml_syntax_error(write):
    check_rejected(write("name: [unclosed\nmodel: x\n"), "YAML syntax error", "line")


def test_missing_file(tmp_path):
    r = cli("run", str(tmp_path / "nope.yaml"))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "nope.yaml" in r.stderr


def test_missing_base(write):
    check_rejected(write("base: no_such_pilot\nname: x\n"), "base", "not found")


def test_validate_reports_bad_and_exits_2(write):
    check_rejected(write(GOOD.replace("price: 25", "price: -25")), "revenue[0].price", command="validate")


def test_bad_flag():
    r = cli("run", "scenarios/varkaus_cooperative.yaml", "--format", "xml")
    assert r.returncode == 2 and "invalid choice" in r.stderr and "Traceback" not in r.stderr


def test_compare_reports_every_bad_file(write):
    a = write(GOOD.replace("price: 25", "price: -25"), "a.yaml")
    b = write("", "b.yaml")
    r = cli("compare", str(a), str(b))
    assert r.returncode == 2 and "a.yaml" in r.stderr and "b.yaml" in r.stderr and r.stdout == ""
