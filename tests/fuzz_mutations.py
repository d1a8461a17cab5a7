"""Hypothesis strategies for hostile input (used by the fuzz and intake tests).

- ``nasty_values()``: values of every wrong kind: None, huge and negative
  numbers, NaN/inf, odd unicode, long strings, dates, bytes, deep nesting,
  text that looks like a formula or a path.
- ``mutated(doc)``: a deep copy of a scenario mapping with 1–6 random edits
  (delete a key, replace a value, swap its type, add an unknown key,
  duplicate or empty a list, copy a value from elsewhere).
- ``yaml_text_mutations(text)``: the text of a scenario file damaged at the
  byte level (truncated, spliced with YAML syntax, lines duplicated, bytes
  flipped) — duplicate keys, bad indentation, anchors, tags.
- ``HOSTILE_YAML``: hand-made attacks: alias bombs, recursive aliases, deep
  nesting, ``!!python`` tags, huge numbers, impossible dates.
- ``check_scenario_error(exc, source)``: the error is clear (see there).
"""
from __future__ import annotations

import copy
import re

from hypothesis import strategies as st

from simulator.model.loader import MAX_FILE_BYTES
from simulator.model.problems import ScenarioError

ODD_TEXT = ["", " ", "\t", "\r\n", "\u202eevil", "\ufeffBOM", "\u0000", "\u200b", "Ä" * 3, "😀", "\u0301a",
            "a\nb: c", "- x", "{x: 1}", "[1, 2", "&a", "*a", "!!python/object:os.system", "%", "@x",
            "=1+1", "+A1", "-A1", "@SUM(A1)", "\t=1", "\r=1", "../../etc/passwd", "/etc/passwd", "C:\\x",
            "x" * 5000, "2022-13", "2022-00", "0000-01", "9999-12", "2022-1", "22-01", "2022-01-01",
            "auto", "none", "explicit", "employment", "work_activity", "avotyo", "cooperative",
            "salaried", "subcontracting", "this", "other", "company", "M1", "M1 ", "m1", "true", "null"]

SPECIAL_NUMBERS = [0, -1, -0.0, 1e308, -1e308, 5e-324, float("nan"), float("inf"), float("-inf"),
                   10 ** 20, -(10 ** 20), 10 ** 400, 2 ** 63, 2 ** 64 + 1, 0.1 + 0.2, 121, 13, 24, 61, 361]


def _nest(n: int, leaf=1):
    x = leaf
    for _ in range(n):
        x = [x]
    return x


def nasty_values():
    return st.one_of(
        st.none(), st.booleans(),
        st.integers(), st.integers(min_value=-(10 ** 40), max_value=10 ** 40),
        st.sampled_from(SPECIAL_NUMBERS),
        st.floats(),
        st.text(max_size=30), st.sampled_from(ODD_TEXT),
        st.dates(), st.datetimes(), st.binary(max_size=16),
        st.lists(st.integers(), max_size=4),
        st.dictionaries(st.text(max_size=6), st.integers(), max_size=3),
        st.integers(1, 60).map(_nest),
    )


def _paths(doc, prefix=()):
    """Every (container path, key) in a nested dict/list, the root's keys included."""
    out = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.append(prefix + (k,))
            out += _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out.append(prefix + (i,))
            out += _paths(v, prefix + (i,))
    return out


def _get(doc, path):
    for k in path:
        doc = doc[k]
    return doc


def _swap_type(v):
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return [v]
    if isinstance(v, list):
        return v[0] if v else {}
    if isinstance(v, dict):
        return list(v.values())
    return "x"


OPS = ("delete", "replace", "replace", "swap", "unknown_key", "duplicate", "empty", "copy")


@st.composite
def mutated(draw, doc: dict, max_edits: int = 6):
    """A damaged deep copy of ``doc`` (see the module docstring)."""
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, max_edits))):
        paths = _paths(doc)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _get(doc, path[:-1]), path[-1]
        op = draw(st.sampled_from(OPS))
        if op == "delete":
            del parent[key]
        elif op == "replace":
            parent[key] = draw(nasty_values())
        elif op == "swap":
            parent[key] = _swap_type(parent[key])
        elif op == "unknown_key":
            target = parent[key] if isinstance(parent[key], dict) else parent
            if isinstance(target, dict):
                target[draw(st.sampled_from(["colour", "Name", " name", "", "base", "remove", "id", "kind"]))] = \
                    draw(nasty_values())
            else:
                target.append(draw(nasty_values()))
        elif op == "duplicate":
            if isinstance(parent, list):
                parent.append(copy.deepcopy(parent[key]))
            elif isinstance(parent[key], list) and parent[key]:
                parent[key] = parent[key] * draw(st.integers(2, 30))
            else:
                parent[key] = [parent[key], parent[key]]
        elif op == "empty":
            v = parent[key]
            parent[key] = type(v)() if isinstance(v, (list, dict, str)) else None
        elif op == "copy":
            other = _get(doc, draw(st.sampled_from(paths)))
            parent[key] = copy.deepcopy(other) if not isinstance(parent, list) or other is not parent else 1
    return doc


YAML_TOKENS = [":", ": ", "-", "- ", " ", "  ", "\n", "\n  ", "\t", "&a ", "*a", "&b ", "*b", "<<: *a", "? ",
               "[", "]", "{", "}", ",", "|", ">", "'", '"', "#", "%YAML 1.1\n", "---\n", "...\n",
               "!!binary ", "!!python/object/apply:os.system ['true']", "!!set ", "!!omap ", "!!str ",
               "!!float ", "!!int ", "!<tag:x> ", "2022-13-45", "2022-02-30", "9" * 120, ".inf", ".nan",
               "~", "1:2:3:4:5", "0x1F", "0o7", "1_000", "1e400", "1.0e+400", "\\u0000", "\\x00",
               "name", "people", "phases", "base", "id", "kind", "\ufeff", "\u2028", "\u0085", "é", "😀",
               "\x07", "\x1b", "\r", "@", "`"]


@st.composite
def yaml_text_mutations(draw, text: str) -> bytes:
    """The file ``text`` damaged at the byte or line level."""
    raw = text.encode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "splice", "cut", "dup_line", "swap_line", "flip",
                                   "indent", "bytes"]))
        n = len(raw)
        at = draw(st.integers(0, n))
        if op == "truncate":
            raw = raw[:at]
        elif op == "splice":
            raw = raw[:at] + "".join(draw(st.lists(st.sampled_from(YAML_TOKENS), min_size=1, max_size=6))
                                     ).encode("utf-8") + raw[at:]
        elif op == "cut":
            raw = raw[:at] + raw[at + draw(st.integers(1, 200)):]
        elif op in ("dup_line", "swap_line", "indent"):
            lines = raw.split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            if op == "dup_line":
                lines.insert(i, lines[i])              # duplicate keys, repeated list items
            elif op == "swap_line":
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = b" " * draw(st.integers(0, 9)) + lines[i].lstrip()
            raw = b"\n".join(lines)
        elif op == "flip" and n:
            i = min(at, n - 1)
            raw = raw[:i] + bytes([raw[i] ^ (1 << draw(st.integers(0, 7)))]) + raw[i + 1:]
        elif op == "bytes":
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=20)) + raw[at:]
    return raw


def _laughs(levels: int, width: int) -> str:
    lines = ["a0: &a0 [lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + f"\nname: *a{levels - 1}\n"


# (name, YAML bytes): attacks with a known expected error fragment (English).
HOSTILE_YAML = [
    ("billion_laughs", _laughs(9, 9).encode(), "values"),
    ("laughs_into_people", (_laughs(6, 10) + "people: *a5\n").encode(), "values"),
    ("quadratic_aliases", ("a: &a [" + ", ".join(["x"] * 2000) + "]\nb: [" + ", ".join(["*a"] * 2000)
                           + "]\n").encode(), "values"),
    ("recursive_alias", b"name: &a [*a]\n", "recursive"),
    ("recursive_mapping", b"a: &a {b: *a}\n", "recursive"),
    ("deep_flow_nesting", b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested"),
    ("deep_block_nesting", "".join("  " * i + f"k{i}:\n" for i in range(200)).encode(), "nested"),
    ("python_object", b"name: !!python/object/apply:os.system ['touch /tmp/h3_pwned']\n", "is not allowed"),
    ("python_name", b"name: !!python/name:os.system\n", "is not allowed"),
    ("python_module", b"name: !!python/module:os\n", "is not allowed"),
    ("huge_int", b"opening_cash: " + b"9" * 5000 + b"\n", "number"),
    # YAML 1.2: a text (no sexagesimal numbers, no dates), refused by the field, its value cut
    ("huge_sexagesimal", b"opening_cash: 1" + b":59" * 3000 + b"\n", "valid number"),
    ("impossible_date", b"start: 2022-13-45\n", "expected a month"),
    ("feb_30", b"start: 2022-02-30\n", "expected a month"),
    ("timestamp_tag", b"start: !!timestamp 2022-01-01\n", "tag !!timestamp is not allowed"),
    ("infinity", b"opening_cash: -.inf\n", "infinity and NaN are not allowed"),
    ("duplicate_key", b"name: a\nname: b\n", "duplicate key"),
    ("duplicate_nested", b"assumptions: {wage_growth: 0.1, wage_growth: 0.2}\n", "duplicate key"),
    ("two_documents", b"name: a\n---\nname: b\n", "single document"),
    ("bad_base64", b"name: !!binary 'xx'\n", "is not allowed"),
    ("unknown_tag", b"name: !whatever x\n", "is not allowed"),
    ("unhashable_key", b"? [a, b]\n: 1\n", "unhashable"),
    ("too_large", b"name: x\n" + b"# padding\n" * (MAX_FILE_BYTES // 10 + 1), "larger than"),
    ("nul_byte", b"name: a\x00b\n", "binary"),
    ("latin1", "name: Pieksämäki\n".encode("latin-1"), "UTF-8"),
    ("many_values", ("x: [" + ", ".join(["1"] * 60_000) + "]\n").encode(), "values"),
]


_PLACE = re.compile(r"line \d+, column \d+|larger than|binary file|not UTF-8|expected a YAML mapping|"
                    r"cannot read file|invalid file name|nested too deeply")


def check_scenario_error(exc: ScenarioError, source: str | None = None) -> str:
    """A clear error: at least one problem; each names where (a field path, a
    line and column, or the file as a whole for size/encoding/shape) and says
    what is wrong in English and in Finnish; no traceback. Returns the text."""
    assert isinstance(exc, ScenarioError)
    assert exc.problems, "an error without problems"
    text = exc.render()
    assert "Traceback" not in text
    assert isinstance(exc.source, str) and exc.source, "the error names no file"
    if source is not None:
        assert text.startswith(exc.source)
    for where, en, fi in exc.problems:
        assert isinstance(where, str) and isinstance(en, str) and isinstance(fi, str)
        assert en.strip() and fi.strip(), exc.problems
        assert where or _PLACE.search(en), f"no location in {where!r}: {en!r}"
    return text


__all__ = ["HOSTILE_YAML", "ODD_TEXT", "check_scenario_error", "mutated", "nasty_values",
           "yaml_text_mutations"]


class Tally:
    """Inputs tried per category and their outcomes ("valid" or "error"),
    with the slowest input; every input must finish within ``time_limit``."""

    def __init__(self, categories: set, time_limit: float):
        import collections
        self.categories, self.time_limit = categories, time_limit
        self.counts = collections.Counter()
        self.slowest = (0.0, "")

    def add(self, category: str, outcome: str, elapsed: float) -> None:
        assert elapsed < self.time_limit, f"{category}: {elapsed:.1f} s"
        if elapsed > self.slowest[0]:
            self.slowest = (elapsed, category)
        self.counts[category] += 1
        self.counts[outcome] += 1

    def report(self, what: str, capsys, minimum: int) -> None:
        """Print the tally; at least ``minimum`` inputs, some valid, some refused."""
        import pytest
        c = self.counts
        if not self.categories <= set(c):
            pytest.skip("the tally needs the whole file to run")
        total = sum(c[k] for k in self.categories)
        with capsys.disabled():
            print(f"\n{what} fuzz: {total} inputs ({', '.join(f'{k} {c[k]}' for k in sorted(self.categories))}); "
                  f"valid {c['valid']}, clear errors {c['error']}, other exceptions 0; "
                  f"slowest {self.slowest[0]:.2f} s ({self.slowest[1]})")
        assert total >= minimum
        assert c["valid"] > 0 and c["error"] > 0
