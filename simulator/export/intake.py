"""Uploaded scenario files: bytes from a browser into a validated scenario.

``scenario_from_upload(filename, data)`` accepts

- ``.yaml`` / ``.yml``: at most ``MAX_YAML_BYTES`` (1 MB), read with the
  loader's safe, limited YAML reader (``simulator.scenario.parse_yaml``: no
  ``!!python`` tags, bounded nesting and alias expansion). ``base`` may only
  name a pilot (an upload has no folder, and must not read other files);
- ``.xlsx``: a workbook exported by this program, at most ``MAX_XLSX_BYTES``
  (10 MB), read by ``simulator.export.importer`` as ``import`` reads it:
  the same bounds, those of ``simulator.export.xml_guard`` (the zip
  directory against zip bombs before anything is unpacked, then the XML:
  tokens, elements, bytes read).

It returns the scenario's full JSON dump, with ``base`` only when that names
a pilot. Every problem raises ``ScenarioError`` naming the file (its base
name only) and the place — field path, YAML line, or sheet and cell — in
English and Finnish. Nothing is written anywhere except a temporary copy of
a workbook, removed at once.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import PurePosixPath, PureWindowsPath

from simulator.model.scenario import SCENARIO_DIR
from simulator.model.problems import ScenarioError, shown, validate
from simulator.model.loader import parse_yaml, resolve_base
from simulator.store.docs import PILOTS
from .xml_guard import MAX_BYTES as MAX_XLSX_BYTES

MAX_YAML_BYTES = 1_000_000
YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIXES = (".xlsx",)


def display_name(filename: str) -> str:
    """The file's base name for messages: no folders, no control characters, at most 80 characters."""
    name = PureWindowsPath(PurePosixPath(str(filename or "")).name).name
    name = re.sub(r"[\x00-\x1f\x7f]", "?", name).strip()
    return (name[:77] + "…" if len(name) > 80 else name) or "upload"


def _fail(name: str, en: str, fi: str):
    return ScenarioError(name, [("", en, fi)])


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}".removesuffix(".0")


def scenario_from_upload(filename: str, data: bytes, number: int = 1) -> dict:
    """A validated scenario document from an uploaded file (see the module
    docstring); ``number`` picks the scenario of a workbook holding several."""
    name = display_name(filename)
    suffix = os.path.splitext(name)[1].lower()
    if not isinstance(data, (bytes, bytearray)):
        raise _fail(name, "no file content", "tiedostossa ei ole sisältöä")
    if suffix not in YAML_SUFFIXES + XLSX_SUFFIXES:
        raise _fail(name, f"wrong file type {suffix or '(none)'}: use a scenario .yaml/.yml file or an "
                          f".xlsx workbook exported by this program",
                    f"väärä tiedostotyyppi {suffix or '(ei päätettä)'}: käytä skenaarion .yaml/.yml-tiedostoa "
                    f"tai tämän ohjelman viemää .xlsx-työkirjaa")
    if not data:
        raise _fail(name, "the file is empty", "tiedosto on tyhjä")
    limit = MAX_YAML_BYTES if suffix in YAML_SUFFIXES else MAX_XLSX_BYTES
    if len(data) > limit:
        raise _fail(name, f"the file is too big: {_mb(len(data))} MB, at most {_mb(limit)} MB for {suffix} files",
                    f"tiedosto on liian suuri: {_mb(len(data))} Mt, {suffix}-tiedosto enintään {_mb(limit)} Mt")
    if suffix in YAML_SUFFIXES:
        scenario = _from_yaml(name, bytes(data))
    else:
        scenario = _from_xlsx(name, bytes(data), number)
    doc = scenario.model_dump(mode="json")
    if doc.get("base") not in PILOTS:
        doc.pop("base", None)
    return doc


def _from_yaml(name: str, data: bytes):
    if data.startswith(b"PK\x03\x04"):
        raise _fail(name, "this is a zip package (a workbook?), not YAML text: name it .xlsx",
                    "tämä on zip-paketti (työkirja?), ei YAML-tekstiä: käytä päätettä .xlsx")
    raw = parse_yaml(data, name)
    if isinstance(raw, dict) and "base" in raw:
        base = raw["base"]
        if base not in PILOTS:
            raise ScenarioError(name, [("base", f"an uploaded scenario may only be based on a pilot "
                                                f"({', '.join(PILOTS)}), not {shown(base)}",
                                        f"tuodun skenaarion pohjana voi olla vain pilotti "
                                        f"({', '.join(PILOTS)}), ei {shown(base)}")])
        raw = resolve_base(raw, SCENARIO_DIR / f"{base}.yaml")   # only the pilot file itself is read
    return validate(raw, name)


def _from_xlsx(name: str, data: bytes, number: int):
    """The workbook through the importer (its bounds: ``xml_guard``), from a temporary copy."""
    from simulator.export.importer import read_workbook
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", prefix="upload-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            return read_workbook(tmp, number).scenario
        except ScenarioError as exc:       # name the upload, not the temporary copy
            problems = [(w.replace(tmp, name), en.replace(tmp, name), fi.replace(tmp, name))
                        for w, en, fi in exc.problems]
            raise ScenarioError(name, problems) from None
    finally:
        os.unlink(tmp)


__all__ = ["MAX_XLSX_BYTES", "MAX_YAML_BYTES", "display_name", "scenario_from_upload"]
