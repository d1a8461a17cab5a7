"""One revision of a workspace scenario: its record and its file format.

A revision file (``.history/<name>/000000.json``) is strict JSON with exactly
the fields of ``Revision``; ``decode`` refuses anything else (not JSON, wrong
fields or types, another number) with ``Damaged`` naming the file. A damaged
file is never rewritten or removed: listings skip it (``History.damaged``).
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from simulator.model import jsonio
from . import docs
from .fsutil import StoreError

UNKNOWN = "unknown"     # the author (and owner) of edits made outside the app


class Damaged(StoreError):
    """A revision file that cannot be read as a revision; it is kept as it is."""

    def __init__(self, path: Path, en: str, fi: str):
        self.path = Path(path)
        super().__init__(f"history file {path} is damaged ({en}); it is kept as it is and skipped",
                         f"historiatiedosto {path} on vioittunut ({fi}); se säilytetään sellaisenaan "
                         "ja ohitetaan")


class History(list):
    """Revisions oldest first; ``damaged``: the revision files that could not be read."""

    def __init__(self, revisions=(), damaged=()):
        super().__init__(revisions)
        self.damaged: list[Damaged] = list(damaged)


@dataclass(frozen=True)
class Revision:
    number: int
    time: str                 # UTC, ISO 8601
    author: str
    role: str
    message: str
    base_revision: int | None
    unit: str | None
    owner: str | None
    document: object          # the mapping written (base + overrides, or a full scenario)
    text: str = field(repr=False, default="")   # the canonical file's exact text

    def meta(self) -> dict:
        d = asdict(self)
        d.pop("document")
        d.pop("text")
        return d


@dataclass(frozen=True)
class AuditEntry:
    number: int
    time: str
    author: str
    role: str
    message: str
    changes: list             # [(path, old, new)] against the previous revision


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def clean(text: str, limit: int = 200) -> str:
    """``text`` on one line (control characters to spaces), at most ``limit`` characters."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", str(text or "")).strip()[:limit]


def render_text(name: str, number: int, time: str, author: str, doc: dict) -> str:
    """The canonical file's text for a revision."""
    kind = ("Only the changes on top of the base scenario are stored."
            if isinstance(doc, dict) and "base" in doc else "Full scenario.")
    return (f"# {name}: revision {number}, {time}, {clean(author, 60)}. {kind}\n"
            f"# History: python -m simulator history {name}\n" + docs.yaml_dump(doc))


def encode(rev: Revision) -> bytes:
    return jsonio.dumps(asdict(rev), indent=1, default=str).encode("utf-8")      # strict JSON


_FIELD_TYPES = {"number": (int,), "time": (str,), "author": (str,), "role": (str,), "message": (str,),
                "base_revision": (int, type(None)), "unit": (str, type(None)), "owner": (str, type(None)),
                "document": (dict, list, str, int, float, bool, type(None)), "text": (str,)}


def decode(raw: bytes, where: Path, number: int | None = None) -> Revision:
    """A revision from its file's bytes; ``Damaged`` for anything else."""
    try:
        d = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise Damaged(where, "not JSON text", "ei JSON-tekstiä") from None
    if not isinstance(d, dict):
        raise Damaged(where, "expected a JSON object", "odotettiin JSON-objektia")
    unknown = sorted(str(k)[:40] for k in d if k not in _FIELD_TYPES)
    missing = [k for k in _FIELD_TYPES if k not in d and k != "text"]
    if unknown or missing:
        en = "; ".join(x for x in (unknown and f"unknown field(s) {', '.join(unknown[:5])}",
                                   missing and f"missing field(s) {', '.join(missing)}") if x)
        fi = "; ".join(x for x in (unknown and f"tuntemattomia kenttiä {', '.join(unknown[:5])}",
                                   missing and f"puuttuvia kenttiä {', '.join(missing)}") if x)
        raise Damaged(where, en, fi)
    for key, types in _FIELD_TYPES.items():
        v = d.get(key, "")
        if not isinstance(v, types) or (isinstance(v, bool) and bool not in types):
            raise Damaged(where, f"field '{key}' has the wrong type", f"kentän '{key}' tyyppi on väärä")
    if number is not None and d["number"] != number:
        raise Damaged(where, f"it says revision {d['number']}", f"siinä lukee versio {d['number']}")
    return Revision(**d)
