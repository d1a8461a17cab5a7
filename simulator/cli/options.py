"""What every command shares: the parser that speaks Finnish too, the option
types that refuse bad numbers before any work, and ``UserError``.

Option types (``type=`` of argparse) check a value when the command line is
read, so a bad value never reaches the engine: ``number`` (finite, within a
range), ``integer`` (within a range), ``year`` (a calendar year the model
knows). A refusal names the option and the value (cut to
``MAX_SHOWN`` characters) in English and Finnish and exits with status 2.

Errors found later (a bad scenario, a person not in it, a store refusal)
are raised and reported by the one handler of ``simulator/cli/main.py``
(``report``); commands raise ``UserError(en, fi)`` for their own refusals.
"""
from __future__ import annotations

import argparse
import math
import re
import sys

from simulator.model.conventions import MAX_YEAR, MIN_YEAR

EXIT_USER_ERROR = 2
MAX_SHOWN = 60                  # characters of a bad value shown in a message
MAX_HOURLY_WAGE = 1000.0        # €/h: a sanity bound on a typed hourly wage, not a rule of law


class UserError(Exception):
    """A refusal the user can fix; the message in English and Finnish."""

    def __init__(self, en: str, fi: str | None = None):
        self.en, self.fi = en, fi
        super().__init__(en if fi is None else f"{en} / {fi}")

    def render(self) -> str:
        return str(self)


def load_all(paths) -> list:
    """Every scenario file loaded, or ``UserError`` with every file's problems."""
    from simulator.model.loader import load
    from simulator.model.problems import ScenarioError
    scenarios, errors = [], []
    for path in paths:
        try:
            scenarios.append(load(path))
        except ScenarioError as exc:
            errors.append(exc.render())
    if errors:
        raise UserError("\n".join(errors))
    return scenarios


def shown(value) -> str:
    """A value for a message: quoted, control characters escaped, cut to MAX_SHOWN characters."""
    text = repr(str(value))
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 2] + "…" + text[0]


def _refuse(value, en: str, fi: str):
    raise argparse.ArgumentTypeError(f"{shown(value)}: {en} / {fi}")


def _parse_number(value: str, integer: bool):
    text = value.strip()
    if integer:
        if not re.fullmatch(r"[+-]?\d{1,18}", text):
            _refuse(value, "expected a whole number", "odotettiin kokonaislukua")
        return int(text)
    try:
        x = float(text)
    except ValueError:
        _refuse(value, "expected a number", "odotettiin lukua")
    if not math.isfinite(x):
        _refuse(value, "expected a finite number", "odotettiin äärellistä lukua")
    return x


def _n(x, lang: str) -> str:
    text = str(x) if isinstance(x, int) else f"{x:g}"
    return text.replace(".", ",") if lang == "fi" else text


def _range_text(lo, hi, above: bool) -> tuple[str, str]:
    lo_en, lo_fi, hi_en, hi_fi = _n(lo, "en"), _n(lo, "fi"), _n(hi or 0, "en"), _n(hi or 0, "fi")
    if hi is None:
        return ((f"greater than {lo_en}", f"suurempi kuin {lo_fi}") if above
                else (f"at least {lo_en}", f"vähintään {lo_fi}"))
    if above:
        return f"greater than {lo_en} and at most {hi_en}", f"suurempi kuin {lo_fi} ja enintään {hi_fi}"
    return f"between {lo_en} and {hi_en}", f"välillä {lo_fi}–{hi_fi}"


def number(lo: float, hi: float | None = None, above: bool = False):
    """An option type: a finite decimal number ≥ ``lo`` (> ``lo`` with ``above``) and ≤ ``hi``."""
    def parse(value: str) -> float:
        x = _parse_number(value, integer=False)
        if (x <= lo if above else x < lo) or (hi is not None and x > hi):
            en, fi = _range_text(lo, hi, above)
            _refuse(value, f"must be {en}", f"pitää olla {fi}")
        return x
    parse.__name__ = "number"
    return parse


def integer(lo: int, hi: int | None = None):
    """An option type: a whole number (at most 18 digits) ≥ ``lo`` and ≤ ``hi``."""
    def parse(value: str) -> int:
        x = _parse_number(value, integer=True)
        if x < lo or (hi is not None and x > hi):
            en, fi = _range_text(lo, hi, False)
            _refuse(value, f"must be {en}", f"pitää olla {fi}")
        return x
    parse.__name__ = "integer"
    return parse


def text(value: str) -> str:
    """An option type for free text (an author, a message): a byte of the
    command line that is not UTF-8 (a lone surrogate) becomes U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", value)


year = integer(MIN_YEAR, MAX_YEAR)
year.__doc__ = f"An option type: a calendar year {MIN_YEAR}–{MAX_YEAR} (the model's months)."


# ------------------------------------------------------------------ the parser

_FI = (   # argparse's English messages (Python 3.11) and their Finnish
    (r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$",
     r"valitsin \1: tuntematon arvo \2 (vaihtoehdot: \3)"),
    (r"^argument (\S+): invalid (\w+) value: (.*)$", r"valitsin \1: virheellinen arvo \3"),
    (r"^argument (\S+): expected one argument$", r"valitsin \1: odotettiin yhtä arvoa"),
    (r"^argument (\S+): expected (\d+) arguments$", r"valitsin \1: odotettiin \2 arvoa"),
    (r"^argument (\S+): expected at least one argument$", r"valitsin \1: odotettiin vähintään yhtä arvoa"),
    (r"^argument (\S+): ignored explicit argument (.*)$", r"valitsin \1: ylimääräinen arvo \2"),
    (r"^argument (\S+): ('.*'|\".*\"): (.*) / (.*)$", r"valitsin \1: \2: \4"),   # options.py's own
    (r"^argument (\S+): (.*) / (.*)$", r"valitsin \1: \3"),
    (r"^the following arguments are required: (.*)$", r"nämä puuttuvat: \1"),
    (r"^unrecognized arguments: (.*)$", r"tuntemattomia valitsimia tai arvoja: \1"),
    (r"^ambiguous option: (.*)$", r"moniselitteinen valitsin: \1"),
)


def _cut_quoted(message: str) -> str:
    """Long quoted values in argparse's own messages cut to MAX_SHOWN characters."""
    return re.sub(r"'([^']{%d,})'" % MAX_SHOWN, lambda m: shown(m.group(1)), message)


def finnish(message: str) -> str:
    """argparse's English message in Finnish (the pattern's words; values as given)."""
    for pattern, fi in _FI:
        if re.match(pattern, message, flags=re.S):
            return re.sub(pattern, fi, message, flags=re.S)
    return message


class Parser(argparse.ArgumentParser):
    """argparse, whose refusals are in English and Finnish, exit status 2."""

    def error(self, message: str):
        message = _cut_quoted(message)
        en = re.sub(r"^(argument \S+: .*) / .*$", r"\1", message, flags=re.S)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {en}\n{self.prog}: virhe: {finnish(message)}\n")
