"""A workspace scenario's history folder: reading revisions, the lock, recovery.

``HistoryFiles`` is the part of ``workspace.Store`` that reads and writes
``.history/<name>/`` and holds ``.locks/<name>.lock``; it needs the store's
``root`` and ``path(name)``.

- Every locked access first recovers: stray temporary files are removed; a
  canonical file that lags the head (a crash between the two writes) is
  rolled forward; a canonical file changed outside the app is kept as a new
  revision by "unknown"; an existing file with no history becomes revision 0.
- A damaged revision file (see ``revisions``) is never rewritten or removed:
  reading it raises ``Damaged`` naming the file; the head is the newest
  readable revision, and new revisions are numbered after the highest file.
- No symbolic link is followed: a link as ``.history``, ``.history/<name>``,
  ``.locks``, a revision or lock file is refused (``UnsafePath``).
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path

import yaml

from . import docs
from .fsutil import (TMP_SUFFIX, FileLock, StoreError, UnsafePath, atomic_create, atomic_write, fsync_dir,
                     make_dirs, no_links, read_nofollow, stray_temps)
from .revisions import UNKNOWN, Damaged, Revision, decode, encode, now

HISTORY = ".history"
LOCKS = ".locks"
REV_RE = re.compile(r"^(\d{6,})\.json$")


class NotFound(StoreError):
    pass


class HistoryFiles:
    """Revision files, the per-scenario lock and recovery (a base of ``Store``)."""

    root: Path

    def path(self, name: str) -> Path:      # the store's canonical file of ``name``
        raise NotImplementedError

    # --- paths
    def _hdir(self, name: str) -> Path:
        return no_links(self.root, HISTORY, name)

    def _rev_path(self, name: str, n: int) -> Path:
        return no_links(self.root, HISTORY, name, f"{n:06d}.json")

    # --- low level (callers hold the lock where it matters)
    def _listing(self, name: str) -> list[str]:
        hdir = self._hdir(name)
        try:
            return os.listdir(hdir)
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            raise UnsafePath(hdir, "dir") from None

    @staticmethod
    def _revs_in(listing: list[str]) -> list[int]:
        return sorted(int(m.group(1)) for x in listing if x.endswith(".json") and (m := REV_RE.match(x)))

    def _numbers(self, name: str) -> list[int]:
        return self._revs_in(self._listing(name))

    def _read(self, name: str, n: int) -> Revision:
        p = self._hdir(name) / f"{n:06d}.json"    # a linked folder: UnsafePath; a linked file: Damaged
        try:
            raw = read_nofollow(p)
        except FileNotFoundError:
            raise NotFound(f"scenario '{name}' has no revision {n}",
                           f"skenaariolla '{name}' ei ole versiota {n}") from None
        except UnsafePath as exc:
            raise Damaged(p, exc.en, exc.fi) from None
        except OSError as exc:
            raise Damaged(p, f"cannot read it: {exc.strerror}", f"sitä ei voi lukea: {exc.strerror}") from None
        return decode(raw, p, n)

    def _head(self, name: str, listing: list[str] | None = None,
              damaged: list | None = None) -> Revision | None:
        """The newest readable revision (damaged newer ones go to ``damaged``)."""
        nums = self._revs_in(self._listing(name) if listing is None else listing)
        for n in reversed(nums):
            try:
                return self._read(name, n)
            except Damaged as exc:
                if damaged is not None:
                    damaged.append(exc)
        return None

    def _next_number(self, name: str) -> int:
        """After the highest revision file, readable or not: a damaged file is never replaced."""
        nums = self._numbers(name)
        return nums[-1] + 1 if nums else 0

    def _write_revision(self, name: str, rev: Revision) -> None:
        if not self._hdir(name).is_dir():
            make_dirs(self.root, HISTORY, name)
            fsync_dir(self.root / HISTORY)
            fsync_dir(self.root)
        atomic_create(self._rev_path(name, rev.number), encode(rev))

    def _write_canonical(self, path: Path, rev: Revision) -> None:
        atomic_write(path, rev.text.encode("utf-8"))

    # --- the lock and recovery
    @contextmanager
    def _locked(self, name: str, done: dict | None = None):
        """Hold ``name``'s lock; yields the head revision after recovery (None: no such
        scenario); ``done`` receives what the recovery did."""
        path = self.path(name)
        self.root.mkdir(parents=True, exist_ok=True)
        with FileLock(make_dirs(self.root, LOCKS) / f"{name}.lock"):
            done = {} if done is None else done
            self._recover(name, path, done)
            yield done["head"]

    def _recover(self, name: str, path: Path, done: dict | None = None) -> dict:
        """Bring ``name`` to a consistent state (lock held). Returns what was done (and the head)."""
        done = {} if done is None else done
        done.update({"temps_removed": 0, "rolled_forward": False, "legacy": False, "external": False})
        listing = self._listing(name)
        hdir = self._hdir(name)
        for x in listing:
            if x.startswith(".") and x.endswith(TMP_SUFFIX):
                (hdir / x).unlink(missing_ok=True)
                done["temps_removed"] += 1
        for tmp in stray_temps(self.root, f".{name}.yaml."):
            tmp.unlink(missing_ok=True)
            done["temps_removed"] += 1
        damaged = done["damaged"] = []
        head = done["head"] = self._head(name, listing, damaged)
        nums = self._revs_in(listing)
        try:
            have = read_nofollow(path)
        except FileNotFoundError:
            have = None
        if head is None:
            if have is not None:    # a file from before the history (or whose history is all damaged)
                why = ("existing file (history damaged: " + ", ".join(d.path.name for d in damaged) + ")"
                       if damaged else "existing file (no history before)")
                rev = self._keep_as_found(name, path, have, nums[-1] + 1 if nums else 0, why, None)
                done["legacy"], done["head"] = True, rev
            return done
        want = head.text.encode("utf-8")
        if have == want:
            return done
        try:
            prev = self._read(name, head.number - 1) if head.number > 0 and not damaged else None
        except (Damaged, NotFound):
            prev = None
        if have is None or (prev is not None and have == prev.text.encode("utf-8")):
            self._write_canonical(path, head)           # a save stopped after its commit point
            done["rolled_forward"] = True
            return done
        # changed outside the app (or the newest revision file is damaged): keep it as a revision
        why = ("the scenario file as it was (damaged: " + ", ".join(d.path.name for d in damaged) + ")"
               if damaged else "changed outside the app")
        done["external"], done["head"] = True, self._keep_as_found(name, path, have, nums[-1] + 1, why, head)
        return done

    def _keep_as_found(self, name: str, path: Path, have: bytes, number: int, why: str,
                       head: Revision | None) -> Revision:
        """The canonical file as found (``have``) kept as revision ``number`` by "unknown",
        based on ``head`` (None: its unit read from the file, its owner unknown)."""
        text = have.decode("utf-8", errors="replace")
        try:
            doc = docs.yaml_load(text)
        except yaml.YAMLError:
            doc = None
        if head is None:
            base, unit, owner = None, docs.unit_for(doc, path), UNKNOWN
        else:
            base, unit, owner = head.number, head.unit, head.owner
        rev = Revision(number, now(), UNKNOWN, UNKNOWN, why, base, unit, owner, doc, text)
        self._write_revision(name, rev)
        if have != text.encode("utf-8"):
            self._write_canonical(path, rev)
        return rev

    def recover(self, name: str) -> dict:
        """Take the lock and recover ``name`` (see the module docstring)."""
        done: dict = {}
        with self._locked(name, done):
            pass
        done.pop("head", None)
        done.pop("damaged", None)
        return done

    # --- refusals that read the folder
    def _missing(self, name: str) -> NotFound:
        return NotFound(f"scenario '{name}' does not exist in the workspace {self.root}",
                        f"skenaariota '{name}' ei ole työkansiossa {self.root}")

    def _damaged_only(self, name: str) -> StoreError:
        """The error for a scenario whose every revision file is damaged (each named)."""
        found = []
        for n in self._numbers(name):
            try:
                self._read(name, n)
            except Damaged as exc:
                found.append(exc)
        if not found:
            return self._missing(name)
        return StoreError("\n".join(d.en for d in found), "\n".join(d.fi for d in found))
