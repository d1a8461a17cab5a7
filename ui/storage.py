"""Scenario files for the app: the read-only pilots and the user's own scenarios.

- Pilots are ``scenarios/<stem>.yaml``; the app never writes them.
- User scenarios live in the workspace (``$SIMULATOR_WORKSPACE``, else
  ``$SIMULATOR_USER_DIR``, else ``scenarios/user/``), one ``<safe name>.yaml``
  each, saved through ``simulator.store`` (revisions, lock, atomic writes,
  conflict check, rights).
- A user scenario edited from a pilot is stored as ``base: <pilot stem>`` plus
  only what differs (``overrides``), checked by loading it back; if the
  override would not reproduce the scenario exactly, the full scenario is
  stored instead.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from simulator.store import access
from simulator.model.scenario import SCENARIO_DIR  # noqa: F401 (storage.SCENARIO_DIR: the pilots)
from simulator.model.problems import ScenarioError, validate
from simulator.model.loader import load
from simulator.model.overrides import merge
from simulator.store import Revision, Store, docs, workspace_dir
from simulator.store.docs import PILOTS, overrides, pilot_path

MAX_NAME = 60


def user_dir() -> Path:
    """The workspace folder of the user's scenarios."""
    return workspace_dir()


def store() -> Store:
    return Store(user_dir())


@dataclass(frozen=True)
class Entry:
    id: str                 # pilot stem or user file stem
    name: str               # the scenario's display name
    path: str
    is_pilot: bool
    base: str | None        # the pilot a user scenario is built on
    error: str | None = None
    error_by_lang: dict | None = None   # {"fi": ..., "en": ...} when the problem is known in both


def slug(name: str) -> str:
    """A safe file stem: ``Varkaus 20 h/vko`` -> ``varkaus_20_h_vko``."""
    text = unicodedata.normalize("NFKD", name.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return text[:MAX_NAME].strip("_")


_ENTRY_CACHE: dict = {}
_MODEL_CACHE: dict = {}      # pilots: (path, mtime, size) -> the validated scenario (never changed: pages dump it)


def _file_key(path: Path) -> tuple:
    stat = Path(path).stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _read_entry(path: Path, is_pilot: bool) -> Entry:
    key = _file_key(path)
    hit = _ENTRY_CACHE.get(key)
    if hit:
        return hit
    try:
        # one parse per file version (size, nesting and alias limits: a hostile file cannot crash the app);
        # the model's ``base`` is the file's own ``base:`` (``resolve_base`` keeps it)
        sc = load(path)
        if is_pilot:     # the app never writes a pilot (a saved scenario may rest on another one: read afresh)
            _MODEL_CACHE[key] = sc
        base = sc.base
        entry = Entry(path.stem, sc.name, str(path), is_pilot,
                      base if base in PILOTS else (path.stem if is_pilot else None))
    except (ScenarioError, OSError, yaml.YAMLError, AttributeError) as exc:
        by_lang = ({lg: exc.render(lg).splitlines()[0][:300] for lg in ("fi", "en")}
                   if isinstance(exc, ScenarioError) else None)
        entry = Entry(path.stem, path.stem, str(path), is_pilot, None, str(exc).splitlines()[0][:300], by_lang)
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
    """The resolved scenario as its full JSON dump (a pilot read once per version of its file)."""
    if not entry.is_pilot:
        return dump(load(entry.path))
    key = _file_key(entry.path)
    sc = _MODEL_CACHE.get(key)
    if sc is None:
        sc = _MODEL_CACHE[key] = load(entry.path)
    return dump(sc)


def load_pilot(stem: str) -> dict:
    return dump(load(pilot_path(stem)))


# ------------------------------------------------------------- documents

def document(current: dict, base_stem: str | None) -> dict:
    """The mapping to write: ``base`` + overrides when that reproduces
    ``current`` exactly, else the full scenario."""
    return docs.document(current, base_stem, user_dir() / "check.yaml")


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


def _checked_stem(path: Path) -> str:
    """The scenario name of a target file inside the workspace; never a pilot."""
    path = Path(path)
    udir = user_dir().resolve()
    if path.resolve().parent != udir or path.stem in PILOTS or path.suffix != ".yaml":
        raise SaveError("ui.msg.pilot_readonly")
    for stem in PILOTS:
        if path.resolve() == pilot_path(stem).resolve():
            raise SaveError("ui.msg.pilot_readonly")
    return path.stem


def save(name: str, current: dict, base_stem: str | None, *, user: access.User,
         base_revision: int | None, message: str = "") -> Revision:
    """Validate ``current`` (a full dump) and save it as the next revision of
    ``name`` based on ``base_revision`` (None: a new scenario). Raises
    ScenarioError, ``simulator.store`` errors (Conflict, NameTaken, …) or AccessDenied."""
    validate(current, f"{name}.yaml")               # never write an invalid scenario
    return store().save(name, document(current, base_stem), user=user, base_revision=base_revision,
                        message=message)


def write(path: Path, current: dict, base_stem: str | None, *, user: access.User | None = None,
          base_revision: int | None = None, message: str = "") -> Path:
    """Validate and save a scenario through the store; never a pilot file."""
    stem = _checked_stem(path)
    save(stem, current, base_stem, user=user or access.LOCAL_USER, base_revision=base_revision, message=message)
    return Path(path)


__all__ = ["PILOTS", "Entry", "SaveError", "catalogue", "document", "dump", "load_full", "load_pilot",
           "merge", "overrides", "save", "slug", "store", "target_for_new", "user_dir", "write"]
