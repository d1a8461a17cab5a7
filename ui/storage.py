"""Scenario files for the app: the read-only pilots and the user's own scenarios.

- Pilots are ``scenarios/<stem>.yaml``; the app never writes them.
- User scenarios live in ``scenarios/user/`` (or ``$SIMULATOR_USER_DIR``), one
  ``<safe name>.yaml`` each, written atomically (temp file + ``os.replace``).
- A user scenario edited from a pilot is stored as ``base: <pilot stem>`` plus
  only what differs (``overrides``), checked by loading it back; if the
  override would not reproduce the scenario exactly, the full scenario is
  stored instead.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from simulator.scenario import SCENARIO_DIR, ScenarioError, load, merge, resolve_base, validate

PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")
MAX_NAME = 60


def user_dir() -> Path:
    return Path(os.environ.get("SIMULATOR_USER_DIR") or SCENARIO_DIR / "user")


def pilot_path(stem: str) -> Path:
    return SCENARIO_DIR / f"{stem}.yaml"


@dataclass(frozen=True)
class Entry:
    id: str                 # pilot stem or user file stem
    name: str               # the scenario's display name
    path: str
    is_pilot: bool
    base: str | None        # the pilot a user scenario is built on
    error: str | None = None


def slug(name: str) -> str:
    """A safe file stem: ``Varkaus 20 h/vko`` -> ``varkaus_20_h_vko``."""
    text = unicodedata.normalize("NFKD", name.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return text[:MAX_NAME].strip("_")


_ENTRY_CACHE: dict = {}


def _read_entry(path: Path, is_pilot: bool) -> Entry:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    hit = _ENTRY_CACHE.get(key)
    if hit:
        return hit
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        sc = load(path)
        base = raw.get("base") if isinstance(raw, dict) else None
        entry = Entry(path.stem, sc.name, str(path), is_pilot,
                      base if base in PILOTS else (path.stem if is_pilot else None))
    except (ScenarioError, OSError, yaml.YAMLError, AttributeError) as exc:
        entry = Entry(path.stem, path.stem, str(path), is_pilot, None, str(exc).splitlines()[0][:300])
    _ENTRY_CACHE[key] = entry
    return entry


def catalogue() -> list[Entry]:
    """The pilots (in their fixed order), then the user's scenarios by name."""
    out = [_read_entry(pilot_path(p), True) for p in PILOTS]
    d = user_dir()
    if d.is_dir():
        users = [_read_entry(p, False) for p in sorted(d.glob("*.yaml")) if p.stem not in PILOTS]
        out += sorted(users, key=lambda e: e.name.casefold())
    return out


def dump(scenario) -> dict:
    """A scenario's full JSON dump without ``base`` (the app tracks the base itself)."""
    d = scenario.model_dump(mode="json")
    d.pop("base", None)
    return d


def load_full(entry: Entry) -> dict:
    """The resolved scenario as its full JSON dump."""
    return dump(load(entry.path))


def load_pilot(stem: str) -> dict:
    return dump(load(pilot_path(stem)))


# ------------------------------------------------------------- overrides

def _key(item):
    if isinstance(item, dict):
        return item.get("id") or item.get("name") or item.get("role")
    return None


def _unique_keys(items) -> bool:
    keys = [_key(x) for x in items]
    return all(keys) and len(set(keys)) == len(keys)


def overrides(base: object, current: object) -> object:
    """What ``current`` changes on top of ``base`` (both full dumps), in the
    form ``simulator.scenario.merge`` applies. Returns ``_SAME`` when equal."""
    if base == current:
        return _SAME
    if isinstance(base, dict) and isinstance(current, dict):
        out = {}
        for k, v in current.items():
            if k not in base:
                out[k] = v
                continue
            d = overrides(base[k], v)
            if d is not _SAME:
                out[k] = d
        for k in base:
            if k not in current:
                out[k] = None
        return out
    if (isinstance(base, list) and isinstance(current, list) and base and current
            and _unique_keys(base) and _unique_keys(current)):
        out = []
        cur_keys = [_key(x) for x in current]
        by_key = {_key(x): x for x in base}
        for item in base:
            if _key(item) not in cur_keys:
                field = "id" if "id" in item else ("name" if item.get("name") else "role")
                out.append({field: _key(item), "remove": True})
        for item in current:
            old = by_key.get(_key(item))
            if old is None:
                out.append(item)
                continue
            d = overrides(old, item)
            if d is not _SAME:
                field = "id" if "id" in item else ("name" if item.get("name") else "role")
                out.append({field: _key(item), **d})
        return out
    return current


class _Same:
    def __repr__(self):
        return "<same>"


_SAME = _Same()


def document(current: dict, base_stem: str | None) -> dict:
    """The mapping to write: ``base`` + overrides when that reproduces
    ``current`` exactly, else the full scenario."""
    full = {k: v for k, v in current.items() if k != "base" and v is not None}
    if base_stem not in PILOTS:
        return full
    base = load_pilot(base_stem)
    cur = dict(current)
    cur.pop("base", None)
    diff = overrides(base, cur)
    doc = {"base": base_stem, **({} if diff is _SAME else diff)}
    try:
        raw_base = resolve_base(dict(doc), user_dir() / "check.yaml")
        again = validate(raw_base, "<check>").model_dump(mode="json")
        again.pop("base", None)
        if again == cur:
            return doc
    except ScenarioError:
        pass
    return full


class SaveError(Exception):
    def __init__(self, key: str, **fmt):
        self.key, self.fmt = key, fmt
        super().__init__(key)


def target_for_new(name: str) -> Path:
    """The file a new scenario called ``name`` would get; refuses pilots and existing names."""
    stem = slug(name)
    if not stem:
        raise SaveError("ui.msg.name_empty")
    pilot_names = {e.name.casefold() for e in catalogue() if e.is_pilot}
    if stem in PILOTS or name.strip().casefold() in pilot_names:
        raise SaveError("ui.msg.name_pilot", name=name.strip())
    path = user_dir() / f"{stem}.yaml"
    if path.exists():
        raise SaveError("ui.msg.name_taken", name=name.strip())
    return path


def write(path: Path, current: dict, base_stem: str | None) -> Path:
    """Validate and write a scenario atomically; never a pilot file."""
    path = Path(path)
    udir = user_dir().resolve()
    if path.resolve().parent != udir or path.stem in PILOTS or path.suffix != ".yaml":
        raise SaveError("ui.msg.pilot_readonly")
    for stem in PILOTS:
        if path.resolve() == pilot_path(stem).resolve():
            raise SaveError("ui.msg.pilot_readonly")
    validate(current, str(path))               # never write an invalid scenario
    doc = document(current, base_stem)
    text = ("# Saved from the app. " + ("Only the changes on top of the pilot are stored.\n"
                                        if "base" in doc else "Full scenario.\n")
            + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    udir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=udir, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


__all__ = ["PILOTS", "Entry", "SaveError", "catalogue", "document", "dump", "load_full", "load_pilot",
           "merge", "overrides", "slug", "target_for_new", "user_dir", "write"]
