"""The workspace: user scenarios with their full history.

Layout (``$SIMULATOR_WORKSPACE``, else ``$SIMULATOR_USER_DIR``, else
``scenarios/user/``)::

    <name>.yaml                      the canonical, readable scenario (what `run` reads)
    .history/<name>/000000.json      revision 0, 1, 2 … (metadata + the full document)
    .locks/<name>.lock               the per-scenario lock (fcntl.flock)

Rules:
- A save is based on a revision. Under the scenario's lock it is accepted
  only if that revision is still the head; else ``Conflict`` (nothing
  written) with both sets of changes and a three-way merge.
- The new revision file is the commit point: it is created atomically
  (never replacing a file), then the canonical file is replaced atomically.
- Every locked access first recovers (``history_files``): stray temporary
  files are removed, a lagging canonical file is rolled forward, one changed
  outside the app is kept as a new revision by "unknown".
- The document is validated (its ``base`` names a pilot or a workspace
  scenario, never a path), and the user's right checked
  (``access.require_edit``), before anything is written.
- No symbolic link is followed: a link as ``.history``, ``.history/<name>``,
  ``.locks``, a revision, lock or canonical file is refused (``UnsafePath``).
- A damaged revision file (``revisions``) is never rewritten or removed:
  reading it raises ``Damaged`` naming the file; listings skip it
  (``History.damaged``), the head is the newest readable revision, and new
  revisions are numbered after the highest file.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import yaml

from simulator.store import access
from simulator.model import jsonio
from simulator.model.problems import ScenarioError, validate
from simulator.model.loader import workspace_dir   # also where a ``base:`` may be found
from . import docs
from .diff import Change, merge3, walk
from .fsutil import StoreError, no_links, read_nofollow
from .history_files import HistoryFiles, NotFound
from .revisions import UNKNOWN, AuditEntry, Damaged, History, Revision, clean, now, render_text

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


# ------------------------------------------------------------------ errors

class BadName(StoreError):
    pass


class NameTaken(StoreError):
    pass


class InvalidScenario(StoreError):
    def __init__(self, error: ScenarioError):
        self.error = error
        super().__init__("the scenario is not valid, nothing was saved:\n" + error.render("en"),
                         "skenaario ei ole kelvollinen, mitään ei tallennettu:\n" + error.render("fi"))


class Conflict(StoreError):
    """Someone saved after the revision this save was based on; nothing was written.

    ``theirs``/``mine``: the changes base→head and base→mine as (path, old, new);
    ``merged``: the three-way merge (full dump), ``merged_document`` the
    mapping ``save_merged`` writes, ``conflicts`` the paths changed on both
    sides differently (empty: the merge can be accepted).
    """

    def __init__(self, name: str, base_revision: int, head: "Revision", others: list,
                 base_full: dict, mine_full: dict, theirs_full: dict,
                 merged: dict, merged_document: dict | None, conflicts: list[str]):
        self.name, self.base_revision, self.head = name, base_revision, head.number
        self.head_revision, self.others = head, others
        self.base_full, self.mine_full, self.theirs_full = base_full, mine_full, theirs_full
        self.theirs_changes: list[Change] = walk(base_full, theirs_full)
        self.mine_changes: list[Change] = walk(base_full, mine_full)
        self.theirs = [c.as_tuple() for c in self.theirs_changes]
        self.mine = [c.as_tuple() for c in self.mine_changes]
        self.merged, self.merged_document, self.conflicts = merged, merged_document, conflicts
        who = ", ".join(sorted({r.author for r in others})) or UNKNOWN
        extra_en = (f"; {len(conflicts)} conflicting change(s): " + ", ".join(conflicts[:5])
                    if conflicts else "; the changes do not overlap and can be merged")
        extra_fi = (f"; {len(conflicts)} ristiriitaista muutosta: " + ", ".join(conflicts[:5])
                    if conflicts else "; muutokset eivät mene päällekkäin ja ne voi yhdistää")
        super().__init__(
            f"scenario '{name}' was changed by {who} after revision {base_revision} "
            f"(now revision {head.number}); your save was not written{extra_en}",
            f"skenaariota '{name}' on muuttanut {who} version {base_revision} jälkeen "
            f"(nyt versio {head.number}); tallennustasi ei kirjoitettu{extra_fi}")


# ------------------------------------------------------------------ the store

_PILOT_PATHS: set = set()


def _pilot_paths() -> set:
    if not _PILOT_PATHS:
        _PILOT_PATHS.update(docs.pilot_path(p).resolve() for p in docs.PILOTS)
    return _PILOT_PATHS


class Store(HistoryFiles):
    """User scenarios and their history in one workspace folder."""

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root else workspace_dir()

    # --- names and paths
    def path(self, name: str) -> Path:
        """The canonical file of ``name``; refuses names that could escape or hit a pilot."""
        shown = repr(name)[:80]
        if not isinstance(name, str) or not NAME_RE.match(name) or "\n" in name:
            raise BadName(
                f"scenario name {shown} is not allowed: use 1–60 characters a–z, 0–9, '-' or '_', "
                "starting with a letter or a digit",
                f"skenaarion nimi {shown} ei kelpaa: käytä 1–60 merkkiä a–z, 0–9, '-' tai '_', "
                "ensimmäisenä kirjain tai numero")
        if name in docs.PILOTS:
            raise BadName(f"'{name}' is a pilot scenario and read-only: save it under a new name",
                          f"'{name}' on pilottiskenaario eikä sitä voi muuttaa: tallenna se uudella nimellä")
        root = self.root.resolve()
        path = no_links(root, f"{name}.yaml")     # a symbolic link is refused, never followed
        if path.parent != root or path.resolve() in _pilot_paths():
            raise BadName(f"scenario name {shown} points outside the workspace {root}",
                          f"skenaarion nimi {shown} osoittaa työkansion {root} ulkopuolelle")
        return path

    # --- reading
    def _require(self, name: str) -> None:
        """Refuse before taking the lock (which creates a lock file) when there is no such scenario."""
        if not self.path(name).is_file() and not self._hdir(name).is_dir():
            raise self._missing(name)

    def head(self, name: str) -> Revision | None:
        """The newest revision (None: no such scenario)."""
        if not self.path(name).is_file() and not self._hdir(name).is_dir():
            return None
        with self._locked(name) as head:
            return head

    def history(self, name: str) -> History:
        """All readable revisions, oldest first; the damaged files in ``.damaged``."""
        self._require(name)
        with self._locked(name) as head:
            if head is None:
                raise self._damaged_only(name)
            nums = self._numbers(name)
        out = History()
        for n in nums:
            if n == head.number:
                out.append(head)
                continue
            try:
                out.append(self._read(name, n))
            except Damaged as exc:
                out.damaged.append(exc)
            except NotFound:
                pass
        return out

    def revision(self, name: str, n: int | None = None) -> Revision:
        """Revision ``n`` (the head when None)."""
        self._require(name)
        with self._locked(name) as head:
            if head is None:
                raise self._damaged_only(name)
            return head if n is None else self._read(name, n)

    def full_dump(self, name: str, rev: Revision) -> dict:
        """The revision's scenario in full (its base resolved); the raw document if it is not valid."""
        try:
            return docs.full(copy.deepcopy(rev.document), self.path(name))
        except (ScenarioError, RecursionError):
            return rev.document if isinstance(rev.document, dict) else {}

    def diff(self, name: str, a: int, b: int) -> list[tuple]:
        """The changes from revision ``a`` to ``b`` as (path, old, new)."""
        ra, rb = self.revision(name, a), self.revision(name, b)
        return [c.as_tuple() for c in walk(self.full_dump(name, ra), self.full_dump(name, rb))]

    def audit(self, name: str) -> list[AuditEntry]:
        """Who changed what, from what to what, and when: one entry per revision."""
        out, prev = [], None
        for rev in self.history(name):
            cur = self.full_dump(name, rev)
            ch = [] if prev is None else [c.as_tuple() for c in walk(prev, cur)]
            out.append(AuditEntry(rev.number, rev.time, rev.author, rev.role, rev.message, ch))
            prev = cur
        return out

    # --- writing
    def _validated(self, name: str, path: Path, doc) -> dict:
        if not isinstance(doc, dict):
            raise InvalidScenario(ScenarioError(name, [("", "expected a mapping of scenario fields",
                                                        "odotettiin skenaarion kenttiä")]))
        base = doc.get("base")
        if (isinstance(base, str) and base and base not in docs.PILOTS
                and not NAME_RE.match(base.removesuffix(".yaml"))):   # no path: never a file outside
            shown = repr(base)[:80]
            raise InvalidScenario(ScenarioError(name, [(
                "base", f"{shown} is neither a pilot ({', '.join(docs.PILOTS)}) nor a scenario name of the workspace",
                f"{shown} ei ole pilotti ({', '.join(docs.PILOTS)}) eikä työkansion skenaarion nimi")]))
        if base in (name, f"{name}.yaml"):
            raise InvalidScenario(ScenarioError(name, [("base", "a scenario cannot be based on itself",
                                                        "skenaario ei voi perustua itseensä")]))
        try:
            return docs.full(copy.deepcopy(doc), path, f"{name}.yaml")
        except ScenarioError as exc:
            raise InvalidScenario(exc) from None
        except RecursionError:
            raise InvalidScenario(ScenarioError(name, [("", "nested too deeply", "liian syvä rakenne")])) from None

    def _peek_rights(self, name: str, path: Path, doc, user: access.User) -> None:
        """Refuse early (before any file is touched) when the user clearly may not write."""
        nums = self._numbers(name)
        if nums:
            try:
                head = self._head(name)
            except StoreError:
                return
            if head is None:
                return
            access.require_edit(user, head.unit, head.owner, name)
        elif path.is_file():
            try:
                legacy = docs.yaml_load(read_nofollow(path).decode("utf-8", "replace"))
            except yaml.YAMLError:
                legacy = None
            access.require_edit(user, docs.unit_for(legacy, path), UNKNOWN, name)
        else:
            access.require_edit(user, docs.unit_for(doc, path), None, name)

    def _commit(self, name: str, path: Path, doc: dict, user: access.User, message: str,
                head: Revision | None, unit, owner) -> Revision:
        n = self._next_number(name)
        time = now()
        doc = json.loads(jsonio.dumps(doc, default=str))   # plain data only (strict: no NaN)
        rev = Revision(n, time, user.name, user.role, clean(message, 500), None if head is None else head.number,
                       unit, owner, doc, render_text(name, n, time, user.name, doc))
        self._write_revision(name, rev)      # the commit point
        self._write_canonical(path, rev)
        return rev

    def save(self, name: str, doc: dict, *, user: access.User, base_revision: int | None,
             message: str = "") -> Revision:
        """Save ``doc`` as the next revision of ``name``, based on ``base_revision``
        (None: create a new scenario; refused if the name is taken)."""
        path = self.path(name)
        if base_revision is not None:
            self._require(name)
        mine_full = self._validated(name, path, doc)
        try:
            self._peek_rights(name, path, doc, user)
        except (OSError, yaml.YAMLError):
            pass
        with self._locked(name) as head:
            if head is None:
                if base_revision is not None:
                    raise NotFound(f"scenario '{name}' does not exist (it has no revision {base_revision})",
                                   f"skenaariota '{name}' ei ole (sillä ei ole versiota {base_revision})")
                unit = docs.unit_for(doc, path)
                access.require_edit(user, unit, None, name)
                return self._commit(name, path, doc, user, message, None, unit, user.name)
            if base_revision is None:
                raise NameTaken(f"a scenario called '{name}' already exists: choose another name",
                                f"skenaario '{name}' on jo olemassa: valitse toinen nimi")
            access.require_edit(user, head.unit, head.owner, name)
            if base_revision != head.number:
                raise self._conflict(name, path, base_revision, head, doc, mine_full)
            return self._commit(name, path, doc, user, message, head, head.unit, head.owner)

    def create(self, name: str, doc: dict, *, user: access.User, message: str = "") -> Revision:
        return self.save(name, doc, user=user, base_revision=None, message=message)

    def _conflict(self, name, path, base_revision, head, doc, mine_full) -> Conflict:
        if not isinstance(base_revision, int) or base_revision < 0 or base_revision > head.number:
            raise NotFound(f"scenario '{name}' has no revision {base_revision} (newest: {head.number})",
                           f"skenaariolla '{name}' ei ole versiota {base_revision} (uusin: {head.number})")
        base = self._read(name, base_revision)
        others = []
        for n in range(base_revision + 1, head.number + 1):
            try:
                others.append(self._read(name, n))
            except (Damaged, NotFound):
                pass
        base_full, theirs_full = self.full_dump(name, base), self.full_dump(name, head)
        merged, conflicts = merge3(base_full, mine_full, theirs_full)
        merged_doc = None
        if not conflicts:
            try:
                model = validate(copy.deepcopy(merged), f"{name}.yaml")
                merged = model.model_dump(mode="json")
                merged.pop("base", None)
                stem = doc.get("base") if isinstance(doc.get("base"), str) else None
                merged_doc = docs.document(merged, stem, path)
            except ScenarioError as exc:
                conflicts = [p or "(scenario)" for p, _, _ in exc.problems]
        return Conflict(name, base_revision, head, others, base_full, mine_full, theirs_full,
                        merged, merged_doc, conflicts)

    def save_merged(self, conflict: Conflict, *, user: access.User, message: str = "") -> Revision:
        """Accept a conflict's merge: a save of the merged document based on the head it was made against."""
        if conflict.conflicts or conflict.merged_document is None:
            raise StoreError("the changes overlap and cannot be merged automatically: "
                             + ", ".join(conflict.conflicts[:10]),
                             "muutokset menevät päällekkäin eikä niitä voi yhdistää automaattisesti: "
                             + ", ".join(conflict.conflicts[:10]))
        return self.save(conflict.name, conflict.merged_document, user=user, base_revision=conflict.head,
                         message=message or f"merged with revision {conflict.head}")

    def restore(self, name: str, n: int, *, user: access.User, message: str | None = None) -> Revision:
        """A new revision whose document is revision ``n``'s."""
        path = self.path(name)
        self._require(name)
        with self._locked(name) as head:
            if head is None:
                raise self._missing(name)
            access.require_edit(user, head.unit, head.owner, name)
            old = self._read(name, n)
            self._validated(name, path, old.document)
            text = f"restored {n}" + (f": {message}" if message else "")
            return self._commit(name, path, old.document, user, text, head, head.unit, head.owner)
