"""Reading scenario YAML safely (size, depth and alias limits, plain data
only) and loading a file: read, merge with its base (``overrides.py``),
validate (``problems.py``)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from simulator.model.overrides import merge
from simulator.model.problems import ScenarioError, shown, validate
from simulator.model.scenario import SCENARIO_DIR, Scenario

MAX_FILE_BYTES = 1_000_000   # a pilot is about 7 kB
MAX_YAML_DEPTH = 40          # nesting levels (the model needs about 6)
MAX_YAML_NODES = 50_000      # values, aliases expanded (a pilot has about 600)


class _LimitError(yaml.MarkedYAMLError):
    """A YAML problem found by ``_Loader``, with its English and Finnish text."""

    def __init__(self, en: str, fi: str, mark):
        super().__init__(problem=en, problem_mark=mark)
        self.en, self.fi = en, fi


_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {None, "!", _TAG + "str", _TAG + "seq", _TAG + "map"}   # what a file may say explicitly


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader (plain data only) with YAML 1.2 core scalars and
    limits: nesting depth, values after alias expansion (no "billion laughs"),
    no recursive aliases, no duplicate keys, and a value that cannot be built
    (a 5 000-digit number) is an error at its place.

    Scalars follow the YAML 1.2 core schema, not PyYAML's YAML 1.1: a number
    is decimal (``60``, ``-1.5``, ``2e3``); ``1:00``, ``6_0``, ``0x3c``,
    ``0o17`` and ``2024-01-01`` are texts (a number or month field then says
    what it expects; months are ``YYYY-MM`` texts anyway), ``017`` is 17,
    yes/no/on/off are texts, only true/false are booleans. ``.inf`` and
    ``.nan`` and any explicit tag other than ``!!str`` (``!!timestamp``,
    ``!!python/…``, ``!!binary``, ``!!set``) are refused, naming the line."""

    _NUMBER_TAGS = (_TAG + "int", _TAG + "float")
    yaml_implicit_resolvers: dict = {}           # YAML 1.2 core, below (not SafeLoader's 1.1 ones)

    def __init__(self, stream):
        super().__init__(stream)
        self._depth, self._count, self._sizes, self._checked = 0, 0, {}, set()

    def construct_yaml_int(self, node):
        return int(self.construct_scalar(node))              # decimal only: the resolver saw to it

    def construct_yaml_float(self, node):
        value = self.construct_scalar(node)
        if value.lstrip("+-").lower() in (".inf", ".nan"):
            raise _LimitError(f"{shown(value)} is not a number here: infinity and NaN are not allowed",
                              f"{shown(value)} ei kelpaa luvuksi: ääretön ja NaN eivät ole sallittuja",
                              node.start_mark)
        return float(value)

    def compose_node(self, parent, index):
        event = self.peek_event()
        mark = event.start_mark
        tag = getattr(event, "tag", None)
        if tag not in _PLAIN_TAGS:
            name = tag.replace(_TAG, "!!") if tag.startswith(_TAG) else tag
            name = name if len(name) <= 40 else name[:39] + "…"
            raise _LimitError(f"the tag {name} is not allowed: write the value plainly "
                              "(a month as 2024-01, a number as 60)",
                              f"tagi {name} ei ole sallittu: kirjoita arvo sellaisenaan "
                              "(kuukausi muodossa 2024-01, luku muodossa 60)", mark)
        alias = self.check_event(yaml.AliasEvent)
        self._depth += 1
        self._count += 1
        try:
            if self._count > MAX_YAML_NODES:
                raise _LimitError(f"more than {MAX_YAML_NODES} values", f"yli {MAX_YAML_NODES} arvoa", mark)
            if self._depth > MAX_YAML_DEPTH:
                raise _LimitError(f"nested more than {MAX_YAML_DEPTH} levels deep",
                                  f"sisäkkäisiä tasoja yli {MAX_YAML_DEPTH}", mark)
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if alias:
            if node not in self._sizes:          # its anchor is still open: recursive data
                raise _LimitError("an alias refers to the value that contains it (recursive data)",
                                  "alias viittaa arvoon, jonka sisällä se on (kehä)", mark)
            size = self._sizes[node]
        elif isinstance(node, yaml.ScalarNode):
            size = self._sizes[node] = 1
        else:
            children = node.value if isinstance(node, yaml.SequenceNode) else \
                [n for pair in node.value for n in pair]
            size = self._sizes[node] = 1 + sum(self._sizes[c] for c in children)
        if size > MAX_YAML_NODES:
            raise _LimitError(f"more than {MAX_YAML_NODES} values (after expanding aliases)",
                              f"yli {MAX_YAML_NODES} arvoa (aliakset avattuina)", mark)
        return node

    def flatten_mapping(self, node):
        if id(node) not in self._checked:          # before merge keys (<<) are applied
            self._checked.add(id(node))
            seen = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = self.construct_object(key_node)
                if key in seen:
                    raise _LimitError(f"duplicate key {shown(key)}", f"avain {shown(key)} toistuu",
                                      key_node.start_mark)
                seen.add(key)
        super().flatten_mapping(node)

    def construct_object(self, node, deep=False):
        if node.tag in self._NUMBER_TAGS and len(node.value) > 100:
            raise _LimitError("a number with more than 100 characters", "luvussa yli 100 merkkiä",
                              node.start_mark)
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # noqa: BLE001 - PyYAML's constructors raise ValueError, IndexError, …
            raise _LimitError(f"cannot read the value {shown(str(node.value))} ({shown(str(exc))})",
                              f"arvoa {shown(str(node.value))} ei voi lukea", node.start_mark) from None


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution); hex and octal left out
_Loader.add_implicit_resolver(_TAG + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver(_TAG + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))
_Loader.add_implicit_resolver(_TAG + "int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver(_TAG + "float", re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))
_Loader.add_implicit_resolver(_TAG + "merge", re.compile(r"^<<$"), ["<"])
_Loader.add_constructor(_TAG + "int", _Loader.construct_yaml_int)
_Loader.add_constructor(_TAG + "float", _Loader.construct_yaml_float)


def parse_yaml(raw: bytes, source: str = "<scenario>") -> object:
    """Parse YAML bytes safely (see ``_Loader``), turning every problem into a ScenarioError."""
    src = source
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioError(src, [("", f"file is larger than {MAX_FILE_BYTES} bytes",
                                   f"tiedosto on suurempi kuin {MAX_FILE_BYTES} tavua")])
    if b"\x00" in raw:
        raise ScenarioError(src, [("", "binary file, expected YAML text",
                                   "binääritiedosto, odotettiin YAML-tekstiä")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(src, [("", "not UTF-8 text", "ei UTF-8-tekstiä")]) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.reader.ReaderError as exc:   # a control character: no mark, only a position
        pos = min(exc.position, len(text))
        line, col = text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1
        raise ScenarioError(src, [("", f"character {exc.character!r} is not allowed in YAML "
                                       f"(line {line}, column {col})",
                                   f"merkki {exc.character!r} ei ole sallittu YAML-tekstissä "
                                   f"(rivi {line}, sarake {col})")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        fi_where = f"rivi {mark.line + 1}, sarake {mark.column + 1}" if mark else "tuntematon kohta"
        if isinstance(exc, _LimitError):
            raise ScenarioError(src, [("", f"YAML problem at {where}: {exc.en}",
                                       f"YAML-virhe ({fi_where}): {exc.fi}")]) from None
        problem = "; ".join(x for x in (getattr(exc, "context", None), getattr(exc, "problem", None)) if x)
        raise ScenarioError(src, [("", f"YAML syntax error at {where}: {problem or exc}",
                                   f"YAML-syntaksivirhe ({fi_where})")]) from None
    except RecursionError:  # a safety net: MAX_YAML_DEPTH should stop this first
        raise ScenarioError(src, [("", "YAML nested too deeply", "YAML-rakenne on liian syvä")]) from None


def read_yaml(path: Path) -> object:
    """Read a YAML file (at most MAX_FILE_BYTES), turning every read problem into a ScenarioError."""
    src = str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(src, [("", f"cannot read file ({exc.strerror or exc})",
                                   f"tiedostoa ei voi lukea ({exc.strerror or exc})")]) from None
    except ValueError:   # e.g. a NUL character in the name
        raise ScenarioError(src, [("", "invalid file name", "virheellinen tiedostonimi")]) from None
    return parse_yaml(raw, src)


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for a name the system refuses (too long, NUL, …)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def workspace_dir() -> Path:
    """The workspace of saved scenarios: ``$SIMULATOR_WORKSPACE``, else
    ``$SIMULATOR_USER_DIR``, else ``scenarios/user``."""
    ws = os.environ.get("SIMULATOR_WORKSPACE") or os.environ.get("SIMULATOR_USER_DIR")
    return Path(ws) if ws else SCENARIO_DIR / "user"


def base_file(base_name: str, path: Path | None) -> Path:
    """The file a ``base:`` names, by the rule: a scenario *file name* (no
    folder, no leading dot; ``.yaml`` added when missing) looked up in the
    folder of the file that names it, then the scenarios folder, then the
    workspace; the file found must lie, links resolved, inside that folder
    (a link leading out of it is refused, never read). Returns the real path;
    ScenarioError otherwise."""
    src = str(path) if path else "<scenario>"
    shown = repr(base_name[:80]) + ("…" if len(base_name) > 80 else "")
    if ("/" in base_name or "\\" in base_name or "\x00" in base_name or base_name.startswith(".")
            or len(base_name) > 120):
        raise ScenarioError(src, [("base", f"base {shown} must name a scenario file (a pilot such as "
                                           "varkaus_cooperative, or a file name in the same folder, the "
                                           "scenarios folder or the workspace), not a path",
                                   f"pohja {shown} nimeää skenaariotiedoston (pilotti kuten varkaus_cooperative "
                                   "tai tiedoston nimi samassa kansiossa, skenaariokansiossa tai "
                                   "työkansiossa), ei polkua")])
    fname = base_name if base_name.endswith((".yaml", ".yml")) else f"{base_name}.yaml"
    folders = [path.parent] if path else []
    for folder in folders + [SCENARIO_DIR, workspace_dir()]:
        cand = folder / fname
        if not _is_file(cand):
            continue
        real, home = Path(os.path.realpath(cand)), Path(os.path.realpath(folder))
        if real.parent != home:
            raise ScenarioError(src, [("base", f"base {shown} is a link leading out of its folder {folder}; "
                                               "it was not read",
                                       f"pohja {shown} on linkki kansion {folder} ulkopuolelle; sitä ei luettu")])
        return real
    raise ScenarioError(src, [("base", f"base scenario {shown} not found",
                               f"pohjaskenaariota {shown} ei löydy")])


def resolve_base(data: dict, path: Path | None, seen: tuple = ()) -> dict:
    """Merge a scenario's base chain; ``base`` names a pilot stem or a scenario
    file by the rule of ``base_file`` (never a path, never through a link out)."""
    base_name = data.get("base")
    if not base_name or not isinstance(base_name, str):
        return data
    base_path = base_file(base_name, path)
    src = str(path) if path else "<scenario>"
    if base_path in seen:
        raise ScenarioError(src, [("base", "base scenarios refer to each other in a loop",
                                   "pohjaskenaariot viittaavat toisiinsa kehässä")])
    base_data = read_yaml(base_path)
    if not isinstance(base_data, dict):
        raise ScenarioError(str(base_path), [("", "expected a YAML mapping", "odotettiin YAML-rakennetta")])
    base_data = resolve_base(base_data, base_path, seen + (base_path,))
    merged = merge(base_data, {k: v for k, v in data.items() if k != "base"})
    merged["base"] = base_name
    return merged


def load(path: Path | str) -> Scenario:
    """Load, merge with its base and validate a scenario file."""
    path = Path(path)
    data = read_yaml(path)
    if isinstance(data, dict):
        data = resolve_base(data, path)
    return validate(data, str(path))


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """PyYAML's safe dumper that also quotes every text the reader above would
    take for a number (``1e3``, ``2E5``: numbers in YAML 1.2, texts in 1.1),
    so a text written is read back as the same text. Use it for every YAML
    file a scenario or workspace document is written to."""


Dumper.add_implicit_resolver(_TAG + "float", re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$"),
                             list("-+.0123456789"))


def dump(scenario: Scenario) -> str:
    """YAML text of a full scenario (defaults included)."""
    return yaml.dump(scenario.model_dump(mode="json", exclude_none=True), Dumper=Dumper,
                     allow_unicode=True, sort_keys=False)
