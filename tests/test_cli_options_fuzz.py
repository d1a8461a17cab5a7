"""Every option of every command, with bad values: no traceback, ever.

The options come from the parser itself (``simulator.cli.main.build_parser``),
so an option added later is covered without touching this file. Each
command starts from a valid command line (``BASE``); one argument at a
time is replaced by each value of ``BAD``, and ``main(argv)`` is called in
the same process with stdout and stderr captured (stdout strict UTF-8 like
a real terminal's, so a value that cannot be printed is found too).

Each run must end in one of two ways:
- a refusal: exit status 1 or 2, nothing on stdout, a message on stderr
  that is in Finnish (the default language; the messages carry English
  too) and names no Python internals (no "Traceback", no "Error:" class
  names);
- a proper result: status 0, some output, and JSON output that a strict
  parser reads.

A NUL byte cannot be passed in a real command line (``execve`` ends the
argument there), so it is not among the values; a byte that is not UTF-8
reaches Python as a lone surrogate (``\\udcff``), and that one is.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import re
from pathlib import Path

import pytest

from simulator.cli.main import build_parser, main
from simulator.model.jsonio import strict_loads

BAD = ["", "-1", "0", "nan", "inf", "-inf", "1e308", "99999", "abc", "x" * 5000, "../x", "äö€😀",
       "\udcff", "2023-13"]

TINY = """\
name: Pieni
model: cooperative
budget_owner: testi
start: 2022-01
horizon_months: 12
people:
  - id: M1
    age: 30
    disability_pension: 800
    phases:
      - {kind: work_activity, start: 2022-01, end: 2022-05, days_per_month: 10}
      - {kind: employment, start: 2022-06, hours_per_week: 15, hourly_wage: 11.0}
revenue:
  - {name: work, basis: per_hour, price: 25, volume: 40}
uncertainty:
  seed: 1
  draws: 50
  distributions:
    - {assumption: "revenue[work].price", kind: uniform, low: 20, high: 30}
"""

PRICE = "revenue[work].price"

# a valid command line per command (positionals in the parser's order); "{s}" is the tiny scenario,
# "{wb}" its workbook, "{ws}" the workspace, "{users}" the users file
BASE = {
    "run": ["{s}"],
    "compare": ["{s}", "{s}"],
    "validate": ["{s}"],
    "export": ["{s}", "-o", "out.xlsx"],
    "import": ["{wb}"],
    "person": ["{s}", "--person", "M1"],
    "public": ["{s}"],
    "history": ["pieni", "--workspace", "{ws}"],
    "show": ["pieni", "--workspace", "{ws}"],
    "diff": ["pieni", "0", "0", "--workspace", "{ws}"],
    "restore": ["pieni", "0", "--workspace", "{ws}"],
    "save": ["{s}", "--as", "pieni2", "--workspace", "{ws}"],
    "sensitivity": ["{s}", "--assumption", PRICE],
    "solve": ["{s}", "--assumption", PRICE, "--goal", "min_cash_at_least:0"],
    "montecarlo": ["{s}", "--draws", "20"],
    "brief": ["{s}", "-o", "b.pdf", "--draws", "10"],
    "users hash-password": ["--stdin"],
    "users add": ["bob", "--role", "director", "--unit", "varkaus", "--file", "{users}", "--stdin"],
    "users remove": ["bob", "--file", "{users}"],
    "users list": ["--file", "{users}"],
    "users check": ["admin", "--file", "{users}", "--stdin"],
    "users unlock": ["admin", "--file", "{users}"],
}
SLOW = {"brief", "export", "import"}      # a good value makes a whole PDF or workbook: fewer values
SLOW_BAD = ["", "-1", "nan", "1e308", "abc", "x" * 5000, "../x", "\udcff"]
FINNISH = re.compile(r"[äöÄÖ]|\b(ei|on|pitää|virhe|valitsin|tiedosto\w*|odotettiin|anna|kenttä\w*|puuttu\w*|"
                     r"tuntemat\w*|väli\w*)\b", re.I)
INTERNALS = re.compile(r"Traceback|File \"/|\b[A-Z]\w+(Error|Exception)\b:")


def _commands(parser) -> dict[str, argparse.ArgumentParser]:
    """"command" (or "users add") -> its parser, walking nested subcommands."""
    out = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = _commands(sub)
                if nested:
                    out.update({f"{name} {k}": v for k, v in nested.items()})
                else:
                    out[name] = sub
    return out


COMMANDS = _commands(build_parser())


def _arguments(sub):
    """(option string or None for a positional, index among positionals, nargs) of every argument taking a value."""
    out, pos = [], 0
    for a in sub._actions:
        if isinstance(a, (argparse._HelpAction, argparse._StoreTrueAction, argparse._StoreFalseAction)):
            continue
        if a.option_strings:
            out.append((a.option_strings[-1], a.option_strings, None, a.nargs))
        else:
            out.append((a.dest, None, pos, a.nargs))
            pos += 1
    return out


def _cases():
    for cmd, sub in COMMANDS.items():
        for label, opts, pos, nargs in _arguments(sub):
            for value in (SLOW_BAD if cmd.split()[0] in SLOW else BAD):
                yield pytest.param(cmd, opts, pos, nargs, value, id=f"{cmd}|{label}|{value[:12]!a}")


def test_every_command_has_a_base_line():
    assert set(COMMANDS) == set(BASE), "a new command needs a valid command line in BASE"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A tiny scenario, its workbook, a workspace with one revision, a users file with one user."""
    root = tmp_path_factory.mktemp("fuzz")
    s = root / "pieni.yaml"
    s.write_text(TINY, encoding="utf-8")
    ws = root / "ws"
    users = root / "users.yaml"
    with _env(root):
        assert _call(["save", str(s), "--as", "pieni", "--workspace", str(ws)])[0] == 0
        assert _call(["export", str(s), "-o", str(root / "pieni.xlsx")])[0] == 0
        assert _call(["users", "add", "admin", "--role", "coordinator", "--file", str(users), "--stdin"],
                     stdin="salasana-123456\n")[0] == 0
    return {"s": str(s), "wb": str(root / "pieni.xlsx"), "ws": str(ws), "users": str(users), "root": root}


_ENV = ("SIMULATOR_USERS", "SIMULATOR_WORKSPACE", "SIMULATOR_USER_DIR", "SIMULATOR_PASSWORD")


@contextlib.contextmanager
def _env(root: Path):
    """Run inside root/a/b (so '../x' stays in root) with none of the simulator's environment."""
    mp = pytest.MonkeyPatch()
    cwd = root / "a" / "b"
    cwd.mkdir(parents=True, exist_ok=True)
    try:
        for k in _ENV:
            mp.delenv(k, raising=False)
        mp.setattr("getpass.getpass", lambda *a, **k: "salasana-123456")
        mp.chdir(cwd)
        yield
    finally:
        mp.undo()


def _call(argv, stdin="salasana-123456\n"):
    out_b, err_b = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_b, encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(err_b, encoding="utf-8", errors="backslashreplace", write_through=True)
    mp = pytest.MonkeyPatch()
    mp.setattr("sys.stdin", io.StringIO(stdin))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        mp.undo()
    return code, out_b.getvalue().decode("utf-8"), err_b.getvalue().decode("utf-8")


def _argv(cmd, opts, pos, nargs, value, world) -> list[str]:
    base = [a.format(**world) for a in BASE[cmd]]
    words = cmd.split()
    sub = COMMANDS[cmd]
    width = {o: (2 if a.nargs == 2 else 1) for a in sub._actions for o in a.option_strings
             if not isinstance(a, (argparse._HelpAction, argparse._StoreTrueAction))}
    # split the base into positionals and options
    positionals, options, i = [], [], 0
    while i < len(base):
        if base[i].startswith("-") and base[i] in width:
            options.append(base[i:i + 1 + width[base[i]]])
            i += 1 + width[base[i]]
        else:
            positionals.append(base[i])
            i += 1
    if opts is None:                                   # a positional
        if nargs in ("+", "*"):
            positionals = positionals[:pos] + [value]
        else:
            positionals[pos] = value
    else:
        options = [o for o in options if o[0] not in opts]
        options.append([opts[-1]] + [value] * (2 if nargs == 2 else 1))
    return words + positionals + [w for o in options for w in o]


@pytest.mark.parametrize("cmd, opts, pos, nargs, value", list(_cases()))
def test_bad_option_value(world, cmd, opts, pos, nargs, value):
    argv = _argv(cmd, opts, pos, nargs, value, world)
    with _env(world["root"]):
        code, out, err = _call(argv)
    shown = f"argv={[a[:40] for a in argv]!a}\nstdout={out[:300]!r}\nstderr={err[:600]!r}"
    assert not INTERNALS.search(err), shown
    if code == 0:
        assert out.strip() or "--output" in (opts or ()) or cmd.startswith("users"), shown
        if "json" in argv:
            strict_loads(out)
    else:
        assert code in (1, 2), shown
        assert err.strip(), shown
        assert FINNISH.search(err), "no Finnish in the message\n" + shown
        assert len(err) < 20_000, "the message echoes a huge value\n" + shown
        if not (cmd == "users check" and code == 1):
            assert out == "", shown


def test_the_examples_of_issue_17(world):
    """person --year 99999, --hourly-wage nan|inf: refused by the option types, in both languages."""
    with _env(world["root"]):
        for args, en, fi in ((["--year", "99999"], "must be between 1900 and 2200", "pitää olla välillä 1900–2200"),
                             (["--year", "2030"], "runs 2022–2022", "kattaa vuodet 2022–2022"),
                             (["--hourly-wage", "nan"], "expected a finite number", "odotettiin äärellistä lukua"),
                             (["--hourly-wage", "inf"], "expected a finite number", "odotettiin äärellistä lukua"),
                             (["--hourly-wage", "1e308"], "at most 1000", "enintään 1000")):
            code, out, err = _call(["person", world["s"], "--person", "M1", *args])
            assert code == 2 and out == "" and en in err and fi in err, err
            assert "Traceback" not in err


def test_a_long_value_is_cut_in_the_message(world):
    with _env(world["root"]):
        code, out, err = _call(["run", world["s"], "--format", "y" * 100_000])
    assert code == 2 and "--format" in err and len(err) < 2_000 and "…" in err


def test_numbers_are_read_by_the_shared_option_types():
    """No option reads a number with bare int/float (which take 'nan', 'inf' and any size)."""
    bare = [f"{cmd} {a.option_strings or a.dest}" for cmd, sub in COMMANDS.items() for a in sub._actions
            if a.type in (int, float)]
    assert not bare, f"use simulator.cli.options.integer/number/year: {bare}"
