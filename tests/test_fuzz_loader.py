"""Fuzzing the scenario loader: ``parse_yaml``/``read_yaml``, base resolution,
``load`` and ``validate`` get thousands of random and damaged inputs.

The property, for every input: the result is a valid ``Scenario`` or a
``ScenarioError`` whose every problem says where (field path, YAML line and
column, or the file as a whole) and what, in English and Finnish; never any
other exception; each input is handled within ``TIME_LIMIT`` seconds; no
``!!python`` tag ever runs code. The number of inputs tried is printed at
the end (run the whole file).
"""
from __future__ import annotations

import copy
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.model.loader import MAX_YAML_NODES, load, parse_yaml, read_yaml
from simulator.model.scenario import Scenario
from simulator.model.problems import ScenarioError, validate

try:
    from .fuzz_mutations import (HOSTILE_YAML, YAML_TOKENS, Tally, check_scenario_error, mutated, nasty_values,
                                 yaml_text_mutations)
except ImportError:
    from fuzz_mutations import (HOSTILE_YAML, YAML_TOKENS, Tally, check_scenario_error, mutated, nasty_values,
                                yaml_text_mutations)

ROOT = Path(__file__).resolve().parent.parent
PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")
PILOT_TEXT = {p: (ROOT / "scenarios" / f"{p}.yaml").read_text(encoding="utf-8") for p in PILOTS}
PILOT_DATA = {p: yaml.safe_load(t) for p, t in PILOT_TEXT.items()}
TIME_LIMIT = 5.0          # seconds for one input (the machine is shared; typical inputs take ms)
SENTINEL = Path("/tmp/h3_pwned")

TALLY = Tally({"hostile", "bytes", "token_soup", "text_mutation", "data_validate", "data_yaml", "base",
               "objects"}, TIME_LIMIT)

FUZZ = dict(deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    SENTINEL.unlink(missing_ok=True)
    d = tmp_path_factory.mktemp("fuzz_loader")
    yield d
    assert not SENTINEL.exists(), "a !!python tag ran code"


def _timed(category: str, fn):
    """Run ``fn``; count the input and its outcome; enforce the property."""
    t0 = time.perf_counter()
    try:
        result = fn()
    except ScenarioError as exc:
        check_scenario_error(exc)
        outcome = "error"
        result = exc
    else:
        assert isinstance(result, Scenario), type(result)
        outcome = "valid"
    TALLY.add(category, outcome, time.perf_counter() - t0)
    return result


def _load_bytes(workdir: Path, raw: bytes, name: str = "s.yaml"):
    path = workdir / name
    path.write_bytes(raw)
    return load(path)


# ---------------------------------------------------------------- hand-made attacks

@pytest.mark.parametrize("name,raw,fragment", HOSTILE_YAML, ids=[h[0] for h in HOSTILE_YAML])
def test_hostile_yaml_is_refused_with_its_place(workdir, name, raw, fragment):
    exc = _timed("hostile", lambda: _load_bytes(workdir, raw))
    assert isinstance(exc, ScenarioError), f"{name} was accepted"
    text = exc.render("en")
    assert fragment in text, text
    assert str(workdir / "s.yaml") in text                    # names the file
    if name not in ("too_large", "nul_byte", "latin1", "huge_sexagesimal", "impossible_date", "feb_30"):
        assert "line " in text and "column " in text          # and the place in it
    assert not SENTINEL.exists()


def test_alias_bomb_limit_counts_expanded_values():
    """10 aliases to a 1 000-item list are 10 011 values: allowed; 60 are over
    the limit (60 × 1 001 + 61 > 50 000) and refused."""
    item = "a: &a [" + ", ".join(["1"] * 1000) + "]\n"
    ok = parse_yaml((item + "b: [" + ", ".join(["*a"] * 10) + "]\n").encode())
    assert len(ok["b"]) == 10 and ok["b"][0] is ok["a"]
    assert 10 * 1001 + 1001 < MAX_YAML_NODES < 60 * 1001
    with pytest.raises(ScenarioError, match="50000 values"):
        parse_yaml((item + "b: [" + ", ".join(["*a"] * 60) + "]\n").encode())


def test_merge_keys_still_work_and_override_is_not_a_duplicate():
    doc = parse_yaml(b"base: &b {x: 1, y: 2}\nother: {<<: *b, y: 3}\n")
    assert doc["other"] == {"x": 1, "y": 3}


def test_the_pilots_read_exactly_as_before():
    for p in PILOTS:
        assert read_yaml(ROOT / "scenarios" / f"{p}.yaml") == PILOT_DATA[p]
        assert validate(PILOT_DATA[p]).name


def test_inf_and_nan_are_refused_in_every_number_field():
    data = copy.deepcopy(PILOT_DATA["varkaus_cooperative"])
    data["opening_cash"] = float("inf")
    data["revenue"][0]["price"] = float("nan")
    with pytest.raises(ScenarioError) as info:
        validate(data)
    paths = [p for p, _, _ in info.value.problems]
    assert paths == ["opening_cash", "revenue[0].price"], paths
    assert "äärellinen" in info.value.render("fi")


def test_base_loop_and_odd_base_names(workdir):
    (workdir / "a.yaml").write_text("base: b\nname: a\n")
    (workdir / "b.yaml").write_text("base: a\nname: b\n")
    exc = _timed("base", lambda: load(workdir / "a.yaml"))
    assert "loop" in exc.render("en")
    for base in ("x" * 5000, "a\x00b", "", "/", "/dev/zero", "/dev/null", "../" * 50 + "etc/passwd"):
        doc = {"base": base, "name": "n"}
        result = _timed("base", lambda: _load_bytes(workdir, yaml.safe_dump(doc).encode()))
        assert isinstance(result, ScenarioError), base


# ---------------------------------------------------------------- random input

@settings(max_examples=500, **FUZZ)
@given(raw=st.binary(max_size=3000))
def test_random_bytes(workdir, raw):
    _timed("bytes", lambda: _load_bytes(workdir, raw))


@settings(max_examples=500, **FUZZ)
@given(tokens=st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=8), max_size=80))
def test_yaml_token_soup(workdir, tokens):
    raw = "".join(tokens).encode("utf-8", "surrogatepass")
    _timed("token_soup", lambda: _load_bytes(workdir, raw))


@settings(max_examples=450, **FUZZ)
@given(data=st.data(), pilot=st.sampled_from(PILOTS))
def test_damaged_pilot_files(workdir, data, pilot):
    raw = data.draw(yaml_text_mutations(PILOT_TEXT[pilot]))
    _timed("text_mutation", lambda: _load_bytes(workdir, raw))


@settings(max_examples=1000, **FUZZ)
@given(data=st.data(), pilot=st.sampled_from(PILOTS))
def test_mutated_pilot_data(data, pilot):
    doc = data.draw(mutated(PILOT_DATA[pilot]))
    _timed("data_validate", lambda: validate(doc, f"{pilot}.yaml"))


@settings(max_examples=120, **FUZZ)
@given(data=st.data(), pilot=st.sampled_from(PILOTS))
def test_mutated_pilot_data_through_yaml(workdir, data, pilot):
    doc = data.draw(mutated(PILOT_DATA[pilot]))
    raw = yaml.safe_dump(doc, allow_unicode=True).encode("utf-8")
    _timed("data_yaml", lambda: _load_bytes(workdir, raw))


BASES = st.one_of(st.sampled_from(PILOTS + ("varkaus_cooperative.yaml", "s", "s.yaml", "missing",
                                             "/etc/passwd", "../../../../etc/hostname", "x" * 300,
                                             "a\x00b", "/dev/zero", ".", "..")),
                  nasty_values())


@settings(max_examples=200, **FUZZ)
@given(data=st.data(), pilot=st.sampled_from(PILOTS), base=BASES)
def test_overrides_on_a_base(workdir, data, pilot, base):
    """A partial scenario on a base: the merge and the base lookup never crash."""
    doc = data.draw(mutated(PILOT_DATA[pilot], max_edits=3))
    keep = data.draw(st.sets(st.sampled_from(sorted(doc)), max_size=4))
    override = {k: doc[k] for k in keep}
    override["base"] = base
    raw = yaml.safe_dump(override, allow_unicode=True).encode("utf-8")
    _timed("base", lambda: _load_bytes(workdir, raw, "s.yaml"))


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10) | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["name", "model", "people", "phases", "kind", "start", "id", "revenue", "x"])
        | st.text(max_size=5) | st.integers(), inner, max_size=5),
    max_leaves=30)


@settings(max_examples=300, **FUZZ)
@given(obj=JSONISH)
def test_random_objects(obj):
    _timed("objects", lambda: validate(obj))


# ---------------------------------------------------------------- the tally

def test_thousands_of_inputs_were_tried(capsys):
    TALLY.report("loader", capsys, minimum=3000)
