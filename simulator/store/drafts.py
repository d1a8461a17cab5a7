"""Drafts: a user's unsaved working copy of a scenario, kept in the workspace
so that nothing typed is lost on a reload, a closed tab or a crash.

One file per user and scenario, ``<workspace>/.drafts/<user>/<scenario>.json``,
written atomically like the revisions (``fsutil.atomic_write``): a reader
sees the previous draft or the new one, never a mix. A draft holds the
scenario as the editor had it (a full JSON dump), the revision it was based
on and when it was written. It is not a revision: saving the scenario (or
"Hylkää luonnos") removes it. No symbolic link is followed (``.drafts``, the
user's folder or a draft file that is a link is refused: ``UnsafePath``).
No Streamlit here.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from simulator.model import jsonio
from .fsutil import UnsafePath, atomic_write, make_dirs, no_links, read_nofollow
from .workspace import workspace_dir

DRAFTS = ".drafts"
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class Draft:
    scenario: str             # the scenario's id (pilot stem or workspace name)
    document: dict            # the working copy (full dump, as the editor had it)
    base_revision: int | None  # the stored revision the copy was opened at (None: a pilot)
    written: dt.datetime      # UTC


def _safe(name: str) -> str:
    """A file-name-safe form of a user or scenario name ("" refused)."""
    s = _SAFE.sub("_", name.strip())[:80]
    if not s or s in (".", ".."):
        raise ValueError(f"not a usable name: {name!r}")
    return s


class Drafts:
    """The drafts of one user in a workspace (``root``: default the workspace folder)."""

    def __init__(self, user: str, root: Path | str | None = None):
        self.root = Path(root or workspace_dir())
        self.user = _safe(user)
        self.folder = self.root / DRAFTS / self.user

    def path(self, scenario: str) -> Path:
        """The draft's file (a symbolic link on the way is refused: UnsafePath)."""
        return no_links(self.root, DRAFTS, self.user, f"{_safe(scenario)}.json")

    def write(self, scenario: str, document: dict, base_revision: int | None = None,
              now: dt.datetime | None = None) -> Path:
        """Keep (replace) the draft of ``scenario`` atomically."""
        make_dirs(self.root, DRAFTS, self.user)
        written = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
        data = {"scenario": scenario, "base_revision": base_revision, "written": written.isoformat(),
                "document": document}
        path = self.path(scenario)
        atomic_write(path, jsonio.dumps(data, sort_keys=True).encode("utf-8"), mode=0o600)
        return path

    def read(self, scenario: str) -> Draft | None:
        """The draft of ``scenario``, or None (none, or unreadable: a draft is never worth an error)."""
        try:
            data = json.loads(read_nofollow(self.path(scenario)).decode("utf-8"))
            return Draft(data["scenario"], data["document"], data.get("base_revision"),
                         dt.datetime.fromisoformat(data["written"]))
        except (OSError, ValueError, KeyError, TypeError, RecursionError, UnsafePath):
            return None

    def discard(self, scenario: str) -> None:
        try:
            self.path(scenario).unlink()
        except FileNotFoundError:
            pass

    def list(self) -> list[str]:
        """The scenarios this user has drafts of."""
        try:
            folder = no_links(self.root, DRAFTS, self.user)
        except UnsafePath:
            return []
        if folder.is_symlink() or not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.json") if not p.is_symlink())
