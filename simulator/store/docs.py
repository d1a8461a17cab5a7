"""Scenario documents as stored: ``base`` + overrides, or a full scenario.

``full(doc, path)`` resolves a document's base chain and validates it into
a full JSON dump (without ``base``); ``document(full, base_stem)`` turns a
full dump back into ``base`` + only what differs, when that reproduces it
exactly, else the full scenario. Pilot files are read once and cached (by
modification time).
"""
from __future__ import annotations

import copy
from pathlib import Path

import yaml

from simulator.store import access
from simulator.model.scenario import SCENARIO_DIR
from simulator.model.problems import ScenarioError, validate
from simulator.model.overrides import merge
from simulator.model.loader import Dumper, base_file, parse_yaml, read_yaml, resolve_base
from .diff import item_key, unique_keys

PILOTS = ("varkaus_cooperative", "mikkeli_subcontracting", "pieksamaki_salaried")
MODEL_UNITS = {"cooperative": "varkaus", "subcontracting": "mikkeli", "salaried": "pieksamaki"}

_Dumper = Dumper   # libyaml's safe dumper when available (ten times faster), quoting what YAML 1.2 reads as a number


def yaml_load(text: str):
    """A YAML document read with the scenario loader's limits (size, nesting,
    alias expansion: a hostile file must not crash the server); problems are
    raised as ``yaml.YAMLError``."""
    try:
        return parse_yaml(text.encode("utf-8"), "<workspace file>")
    except ScenarioError as exc:
        raise yaml.YAMLError(str(exc)) from None


def yaml_dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def pilot_path(stem: str) -> Path:
    return SCENARIO_DIR / f"{stem}.yaml"


_PILOT_CACHE: dict = {}


def pilot_raw(stem: str) -> dict:
    """A pilot's mapping as written (its own base chain resolved); do not modify."""
    path = pilot_path(stem)
    st = path.stat()
    key = (stem, st.st_mtime_ns, st.st_size)
    hit = _PILOT_CACHE.get(key)
    if hit is None:
        data = read_yaml(path)
        if not isinstance(data, dict):
            raise ScenarioError(str(path), [("", "expected a YAML mapping", "odotettiin YAML-rakennetta")])
        hit = resolve_base(data, path)
        _PILOT_CACHE.clear()
        _PILOT_CACHE[key] = hit
    return hit


def resolve(doc: dict, path: Path) -> dict:
    """``doc`` merged onto its base chain (a pilot stem or a file relative to ``path``)."""
    base = doc.get("base") if isinstance(doc, dict) else None
    if isinstance(base, str) and base in PILOTS:
        merged = merge(copy.deepcopy(pilot_raw(base)), {k: v for k, v in doc.items() if k != "base"})
        merged["base"] = base
        return merged
    return resolve_base(doc, path) if isinstance(doc, dict) else doc


def full(doc, path: Path, source: str | None = None) -> dict:
    """The validated full dump of a document (raises ScenarioError)."""
    model = validate(resolve(doc, path), source or str(path))
    d = model.model_dump(mode="json")
    d.pop("base", None)
    return d


def unit_for(doc, path: Path, depth: int = 0) -> str | None:
    """The unit a document belongs to: its pilot's, following the base chain, else its model's."""
    if not isinstance(doc, dict):
        return None
    base = doc.get("base")
    if isinstance(base, str) and base in PILOTS:
        return access.unit_of(base)
    if isinstance(base, str) and depth < 10:
        try:                       # the same lookup as the loader's: never a path, never a link out
            other = base_file(base, path)
        except ScenarioError:
            other = None
        if other is not None:
            try:
                return unit_for(read_yaml(other), other, depth + 1)
            except ScenarioError:
                return None
    model = doc.get("model")
    return MODEL_UNITS.get(model) if isinstance(model, str) else None


# ------------------------------------------------------------- overrides

class _Same:
    def __repr__(self):
        return "<same>"


SAME = _Same()


def _id_field(item: dict) -> str:
    return "id" if "id" in item else ("name" if item.get("name") else "role")


def overrides(base: object, current: object) -> object:
    """What ``current`` changes on top of ``base`` (both full dumps), in the
    form ``simulator.scenario.merge`` applies. Returns ``SAME`` when equal."""
    if base == current:
        return SAME
    if isinstance(base, dict) and isinstance(current, dict):
        out = {}
        for k, v in current.items():
            if k not in base:
                out[k] = v
                continue
            d = overrides(base[k], v)
            if d is not SAME:
                out[k] = d
        for k in base:
            if k not in current:
                out[k] = None
        return out
    if (isinstance(base, list) and isinstance(current, list) and base and current
            and unique_keys(base) and unique_keys(current)):
        out = []
        cur_keys = [item_key(x) for x in current]
        by_key = {item_key(x): x for x in base}
        for item in base:
            if item_key(item) not in cur_keys:
                out.append({_id_field(item): item_key(item), "remove": True})
        for item in current:
            old = by_key.get(item_key(item))
            if old is None:
                out.append(item)
                continue
            d = overrides(old, item)
            if d is not SAME:
                out.append({_id_field(item): item_key(item), **d})
        return out
    return current


def document(current: dict, base_stem: str | None, path: Path) -> dict:
    """The mapping to write for the full dump ``current``: ``base`` + overrides
    when that reproduces ``current`` exactly, else the full scenario."""
    full_doc = {k: v for k, v in current.items() if k != "base" and v is not None}
    if base_stem not in PILOTS:
        return full_doc
    cur = dict(current)
    cur.pop("base", None)
    base = full(pilot_raw(base_stem), pilot_path(base_stem))
    diff = overrides(base, cur)
    doc = {"base": base_stem, **({} if diff is SAME else diff)}
    try:
        if full(copy.deepcopy(doc), path, "<check>") == cur:
            return doc
    except ScenarioError:
        pass
    return full_doc
