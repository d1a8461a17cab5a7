"""Failed log-ins per user name, counted in a file shared by every process.

Failed log-ins are counted per user name in a JSON file
(``$SIMULATOR_WORKSPACE/.auth/login_attempts.json``, else in the
user-scenario folder), updated under ``fcntl.flock`` and written atomically,
so the count holds across processes and restarts. Every attempt is counted
as a failure *before* the password is checked (so parallel attempts cannot
slip past the limit) and a success clears the name's record. After
``MAX_FAILURES`` (5) failures within ``WINDOW`` (15 min) the name is locked
for ``BASE_LOCKOUT`` (5 min), doubled at each further lockout (10, 20,
40 min) up to ``MAX_LOCKOUT`` (1 h); the count of lockouts is forgotten
after ``FORGET_AFTER`` (24 h) without failures. The file is bounded: besides
the names of the users file (never dropped) it keeps at most
``MAX_OTHER_NAMES`` (500) other names, the least recently tried dropped
first, so a flood of made-up names cannot make it (or the time of a log-in,
which reads and writes it under the lock) grow. No symbolic link is
followed (``.auth``, the file, its lock).
"""
from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from simulator.model import jsonio
from simulator.model.loader import workspace_dir
from .auth_errors import AuthError, RateLimited
from .fsutil import FileLock, StoreError, atomic_write, no_links, read_nofollow, same_owner

WORKSPACE_ENV = "SIMULATOR_WORKSPACE"
MAX_FAILURES = 5
WINDOW = 15 * 60
BASE_LOCKOUT = 5 * 60
MAX_LOCKOUT = 60 * 60
FORGET_AFTER = 24 * 60 * 60
MAX_OTHER_NAMES = 500        # names outside the users file kept in the failures file (oldest dropped)

Clock = Callable[[], float]


def _mkdir(folder: Path) -> None:
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(folder, os.O_RDONLY)
    try:
        same_owner(fd, folder.parent)
    finally:
        os.close(fd)


def attempts_path(users_path: Path) -> Path:
    """Where failed log-ins are counted: the ``.auth`` folder of the workspace
    the app writes anyway (``$SIMULATOR_WORKSPACE``, else the user-scenario
    folder), never beside the users file, which may sit where the app cannot write."""
    ws = os.environ.get(WORKSPACE_ENV)
    return (Path(ws).expanduser() if ws else workspace_dir()) / ".auth" / "login_attempts.json"


@dataclass(frozen=True)
class LimitState:
    failures: int               # failures within the window
    lockouts: int               # lockouts so far (the next one lasts twice as long)
    locked_until: float | None  # clock time, or None when not locked


class RateLimiter:
    """Failed log-ins per name in a JSON file shared by all processes; ``keep``:
    the names never dropped to bound the file (the users file's names)."""

    def __init__(self, path: Path, clock: Clock | None = None, keep=frozenset()):
        self.path = Path(path)
        self.clock = clock or time.time
        self.keep = frozenset(keep)

    def _load(self) -> dict:
        """The file's mapping ({} when missing); AuthError when damaged."""
        try:
            data = json.loads(read_nofollow(no_links(self.path.parent.parent, self.path.parent.name,
                                                     self.path.name)).decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError
        except FileNotFoundError:
            return {}
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise AuthError(
                f"The log-in attempts file {self.path} is damaged; delete it to reset the counts.",
                f"Kirjautumisyritysten tiedosto {self.path} on vioittunut; poista se "
                "nollataksesi laskurit.") from None
        return data

    @contextlib.contextmanager
    def _state(self):
        try:
            _mkdir(self.path.parent)
            no_links(self.path.parent.parent, self.path.parent.name)
            with FileLock(self.path.with_name(self.path.name + ".lock")):
                data = self._load()
                before = jsonio.dumps(data)
                now = self.clock()
                self._prune(data, now)
                yield data, now
                after = jsonio.dumps(data)
                if after != before:
                    atomic_write(self.path, after.encode("utf-8"), mode=0o600, keep_owner=True)
        except StoreError as exc:    # a symbolic link in the way: never followed
            raise AuthError(f"Log-in refused: {exc.en}", f"Kirjautuminen estetty: {exc.fi}") from None
        except OSError as exc:
            raise AuthError(f"Cannot record log-in attempts in {self.path} ({exc.strerror}); log-in refused.",
                            f"Kirjautumisyrityksiä ei voi tallentaa tiedostoon {self.path} "
                            f"({exc.strerror}); kirjautuminen estetty.") from None

    @staticmethod
    def _prune(data: dict, now: float) -> None:
        for name in list(data):
            e = data[name]
            if not isinstance(e, dict):
                del data[name]
                continue
            e["failures"] = [t for t in e.get("failures", []) if isinstance(t, (int, float)) and t > now - WINDOW]
            quiet = now - float(e.get("last", 0)) > FORGET_AFTER
            if not e["failures"] and float(e.get("locked_until") or 0) <= now and quiet:
                del data[name]

    def _bound(self, data: dict, current: str) -> None:
        """At most MAX_OTHER_NAMES names outside ``keep``: the least recently tried go first
        (never ``current``, the name being tried)."""
        others = [n for n in data if n not in self.keep and n != current]
        excess = len(others) + (current not in self.keep) - MAX_OTHER_NAMES
        if excess > 0:
            def last(n):
                v = data[n].get("last", 0) if isinstance(data[n], dict) else 0
                return v if isinstance(v, (int, float)) else 0
            for n in sorted(others, key=last)[:excess]:
                del data[n]

    def status(self, name: str) -> LimitState:
        """The name's state, read only (writes are atomic renames, so no lock is needed)."""
        try:
            data = self._load()
        except (OSError, AuthError):
            data = {}
        data = data if isinstance(data, dict) else {}
        now = self.clock()
        self._prune(data, now)
        e = data.get(name, {})
        until = e.get("locked_until")
        return LimitState(len(e.get("failures", [])), int(e.get("lockouts", 0)),
                          until if until and until > now else None)

    def begin(self, name: str) -> None:
        """Refuse a locked name (RateLimited); else count this attempt as a failure
        until ``success`` clears it, locking the name at the limit."""
        with self._state() as (data, now):
            e = data.setdefault(name, {"failures": [], "lockouts": 0})
            until = e.get("locked_until")
            if until and until > now:
                raise RateLimited(name, until - now)
            e["failures"].append(now)
            e["last"] = now
            self._bound(data, name)
            if len(e["failures"]) >= MAX_FAILURES:
                e["lockouts"] = int(e.get("lockouts", 0)) + 1
                e["locked_until"] = now + min(BASE_LOCKOUT * 2 ** (e["lockouts"] - 1), MAX_LOCKOUT)
                e["failures"] = []

    def success(self, name: str) -> None:
        self.reset(name)

    def reset(self, name: str) -> None:
        with self._state() as (data, _):
            data.pop(name, None)
