"""Log-in: the users file, argon2 password hashes and rate-limited authentication.

Rules:

- The users file is named by ``$SIMULATOR_USERS`` (a YAML file outside the
  repository, mode 0600). When the variable is unset the program runs in
  local single-user mode. When it is set, the file must exist and be valid:
  any problem is an error, never a silent fall-back to local mode (which
  would give everyone edit rights).
- Format::

      users:
        anna:                      # user name: a-z 0-9 . _ - (lower case, ≤ 40)
          role: director           # director | coordinator | viewer
          unit: varkaus            # directors only: varkaus | mikkeli | pieksamaki
          password_hash: "$argon2id$v=19$m=65536,t=3,p=4$..."

  Unknown keys, duplicate keys, a director without a unit, a unit on another
  role, a hash that is not argon2id, or the reserved names ``local`` and
  ``unknown`` (the store's author and owner for edits made without a log-in
  or outside the app: such a user would own those scenarios) are errors.
  Nesting is bounded (the scenario loader's limits: depth, values, aliases).
- The file's permissions are checked as strictly as sshd's StrictModes: it
  must be a regular file owned by the account running the program (or by
  root), not writable by its group or others and not readable by others (it
  holds password hashes); its folder must be owned likewise and not
  writable by group or others. Each refusal names the file, the mode found
  and the fix (``chmod 600 FILE``, ``chmod go-w FOLDER``). Run as root (an
  administrator's command) any owner is accepted.
- Passwords are hashed with argon2id (``argon2.PasswordHasher`` with its
  recommended parameters). ``SIMULATOR_ARGON2_PROFILE=test`` selects very
  cheap parameters for the test suite only; verification always uses the
  parameters stored in the hash.
- Failed log-ins are counted per user name in a JSON file
  (``$SIMULATOR_WORKSPACE/.auth/login_attempts.json``, or beside the users
  file when no workspace is set), updated under ``fcntl.flock`` and written
  atomically, so the count holds across processes and restarts. Every
  attempt is counted as a failure *before* the password is checked (so
  parallel attempts cannot slip past the limit) and a success clears the
  name's record. After ``MAX_FAILURES`` (5) failures within ``WINDOW``
  (15 min) the name is locked for ``BASE_LOCKOUT`` (5 min), doubled at each
  further lockout (10, 20, 40 min) up to ``MAX_LOCKOUT`` (1 h); the count of
  lockouts is forgotten after ``FORGET_AFTER`` (24 h) without failures.
  Unknown and known names are treated alike and get the same message.
  The file is bounded: besides the names of the users file (never dropped)
  it keeps at most ``MAX_OTHER_NAMES`` (500) other names, the least
  recently tried dropped first, so a flood of made-up names cannot make it
  (or the time of a log-in, which reads and writes it under the lock) grow.
  No symbolic link is followed (``.auth``, the file, its lock).
- Passwords are never logged, stored or put in messages.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml
from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError

from simulator.model import jsonio
from simulator.model.loader import _Loader as _LimitedLoader   # depth, size and alias limits
from simulator.store.access import LOCAL_USER, UNITS, User
from simulator.store.fsutil import (FileLock, StoreError, UnsafePath, atomic_write, no_links, read_nofollow,
                                    same_owner)
from simulator.store.workspace import UNKNOWN

USERS_ENV = "SIMULATOR_USERS"
WORKSPACE_ENV = "SIMULATOR_WORKSPACE"
PROFILE_ENV = "SIMULATOR_ARGON2_PROFILE"
FILE_ROLES = ("director", "coordinator", "viewer")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")
RESERVED = (LOCAL_USER.name, UNKNOWN)   # authors/owners the store writes itself: nobody may log in as them
MAX_USERS_FILE_BYTES = 1_000_000
MIN_PASSWORD_LENGTH = 8

MAX_FAILURES = 5
WINDOW = 15 * 60
BASE_LOCKOUT = 5 * 60
MAX_LOCKOUT = 60 * 60
FORGET_AFTER = 24 * 60 * 60
MAX_OTHER_NAMES = 500        # names outside the users file kept in the failures file (oldest dropped)

Clock = Callable[[], float]


# ------------------------------------------------------------------ errors

class AuthError(Exception):
    """A log-in or users-file problem; the message is in English and Finnish."""

    def __init__(self, en: str, fi: str):
        self.en, self.fi = en, fi
        super().__init__(self.render())

    def render(self, lang: str = "both") -> str:
        return {"en": self.en, "fi": self.fi}.get(lang, f"{self.en}\n{self.fi}")


class UsersFileError(AuthError):
    """Every problem found in the users file, each with its place."""

    def __init__(self, source: str, problems: list[tuple[str, str, str]]):
        self.source, self.problems = source, problems  # (where, english, finnish)
        en = "\n".join(f"{source}{': ' + w if w else ''}: {e}" for w, e, _ in problems)
        fi = "\n".join(f"{source}{': ' + w if w else ''}: {f}" for w, _, f in problems)
        super().__init__(en, fi)

    def render(self, lang: str = "both") -> str:
        if lang in ("en", "fi"):
            return super().render(lang)
        return "\n".join(f"{self.source}{': ' + w if w else ''}: {e} / {f}" for w, e, f in self.problems)


class RateLimited(AuthError):
    """Too many failed log-ins for one name; ``retry_after`` seconds to wait."""

    def __init__(self, name: str, retry_after: float):
        self.name, self.retry_after = name, retry_after
        minutes = max(1, int(-(-retry_after // 60)))
        super().__init__(
            f"Too many failed log-ins for '{name}'. Try again in {minutes} min.",
            f"Liian monta epäonnistunutta kirjautumista tunnukselle '{name}'. "
            f"Yritä uudelleen {minutes} min kuluttua.")


def _bad_login() -> AuthError:
    return AuthError("Log-in failed: unknown user name or wrong password.",
                     "Kirjautuminen epäonnistui: tuntematon käyttäjätunnus tai väärä salasana.")


# ------------------------------------------------------------------ the users file

@dataclass(frozen=True)
class UserRecord:
    name: str
    role: str
    unit: str | None
    password_hash: str

    def user(self) -> User:
        return User(self.name, self.role, self.unit)


def local_mode() -> bool:
    """True when no users file is configured (``$SIMULATOR_USERS`` unset)."""
    return USERS_ENV not in os.environ


def users_file() -> Path | None:
    """The configured users file, or None in local mode. A variable that is set
    but empty is an error (a broken deployment must not open the app to all)."""
    value = os.environ.get(USERS_ENV)
    if value is None:
        return None
    if not value.strip():
        raise UsersFileError(f"${USERS_ENV}", [(
            "", "the variable is set but empty; name the users file or unset the variable for local mode",
            "muuttuja on asetettu mutta tyhjä; anna käyttäjätiedoston polku tai poista muuttuja "
            "paikallista tilaa varten")])
    return Path(value).expanduser()


class _UniqueKeyLoader(_LimitedLoader):
    """The scenario loader's safe, bounded loader (nesting depth, values, aliases,
    duplicate keys: two entries for one user); keys must be text."""


class _KeyProblem(yaml.YAMLError):
    def __init__(self, en: str, fi: str, mark):
        self.en, self.fi, self.problem_mark = en, fi, mark
        super().__init__(en)


def _mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            dup = key in seen
            seen.add(key)
        except TypeError:
            raise _KeyProblem("a key must be text", "avaimen pitää olla tekstiä", key_node.start_mark) from None
        if dup:
            raise _KeyProblem(f"duplicate key {key!r}", f"avain {key!r} toistuu", key_node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _owner_ok(uid: int) -> bool:
    euid = os.geteuid()
    return euid == 0 or uid in (euid, 0)


def check_permissions(path: Path) -> None:
    """Refuse a users file (or its folder) others could change or read, like
    sshd's StrictModes (see the module docstring); UsersFileError naming the
    file, the mode found and the fix. FileNotFoundError when it is missing."""
    src = str(path)
    st_ = path.stat()
    mode = stat.S_IMODE(st_.st_mode)
    if not stat.S_ISREG(st_.st_mode):
        raise UsersFileError(src, [("", "not a regular file", "ei tavallinen tiedosto")])
    problems = []
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        problems.append(("", f"mode {mode:04o} lets {'others' if mode & stat.S_IWOTH else 'the group'} write "
                             f"the file; allow only its owner: chmod 600 {path}",
                         f"oikeudet {mode:04o} sallivat {'muiden' if mode & stat.S_IWOTH else 'ryhmän'} "
                         f"kirjoittaa tiedostoon; salli vain omistaja: chmod 600 {path}"))
    elif mode & stat.S_IROTH:
        problems.append(("", f"mode {mode:04o} lets anyone read the file (it holds password hashes); "
                             f"allow only its owner: chmod 600 {path}",
                         f"oikeudet {mode:04o} sallivat kenen tahansa lukea tiedoston (siinä ovat "
                         f"salasanatiivisteet); salli vain omistaja: chmod 600 {path}"))
    if not _owner_ok(st_.st_uid):
        problems.append(("", f"the file belongs to user id {st_.st_uid}, not to the account running the program "
                             f"(id {os.geteuid()}) or root: chown it to that account",
                         f"tiedoston omistaa käyttäjä {st_.st_uid} eikä ohjelmaa ajava tunnus "
                         f"({os.geteuid()}) tai root: vaihda omistajaksi se tunnus (chown)"))
    folders = {Path(os.path.realpath(path)).parent, path.absolute().parent}
    for folder in sorted(folders):
        fst = folder.stat()
        fmode = stat.S_IMODE(fst.st_mode)
        if fmode & (stat.S_IWGRP | stat.S_IWOTH):
            problems.append(("", f"its folder {folder} has mode {fmode:04o}: others could replace the file; "
                                 f"chmod go-w {folder} (or keep the file in a private folder)",
                             f"sen kansion {folder} oikeudet ovat {fmode:04o}: muut voisivat vaihtaa "
                             f"tiedoston; chmod go-w {folder} (tai pidä tiedosto yksityisessä kansiossa)"))
        if not _owner_ok(fst.st_uid):
            problems.append(("", f"its folder {folder} belongs to user id {fst.st_uid}, not to the account "
                                 f"running the program (id {os.geteuid()}) or root",
                             f"sen kansion {folder} omistaa käyttäjä {fst.st_uid} eikä ohjelmaa ajava tunnus "
                             f"({os.geteuid()}) tai root"))
    if problems:
        raise UsersFileError(src, problems)


def _read_text(path: Path) -> str:
    src = str(path)
    try:
        check_permissions(path)
        st_ = path.stat()
        if st_.st_size > MAX_USERS_FILE_BYTES:
            raise UsersFileError(src, [("", f"file is larger than {MAX_USERS_FILE_BYTES} bytes",
                                        f"tiedosto on suurempi kuin {MAX_USERS_FILE_BYTES} tavua")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsersFileError(src, [("", f"users file not found (named by ${USERS_ENV})",
                                    f"käyttäjätiedostoa ei löydy (${USERS_ENV})")]) from None
    except OSError as exc:
        raise UsersFileError(src, [("", f"cannot read the users file ({exc.strerror})",
                                    f"käyttäjätiedostoa ei voi lukea ({exc.strerror})")]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsersFileError(src, [("", "not UTF-8 text", "ei UTF-8-tekstiä")]) from None


def parse_users(text: str, source: str = "users file") -> dict[str, UserRecord]:
    """Validate the users file's text; every problem is reported, with its place."""
    try:
        doc = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except RecursionError:   # a safety net: the loader's depth limit stops this first
        raise UsersFileError(source, [("", "nested too deeply", "liian syvä rakenne")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        en = getattr(exc, "en", None) or f"YAML syntax error: {getattr(exc, 'problem', None) or exc}"
        fi = getattr(exc, "fi", None) or f"YAML-syntaksivirhe: {getattr(exc, 'problem', None) or exc}"
        raise UsersFileError(source, [(where, en, fi)]) from None
    if not isinstance(doc, dict) or set(doc) != {"users"}:
        raise UsersFileError(source, [("", "expected one key 'users' with a mapping of user names",
                                       "odotettiin yksi avain 'users', jonka alla käyttäjätunnukset")])
    entries = doc["users"]
    if not isinstance(entries, dict) or not entries:
        raise UsersFileError(source, [("users", "expected a mapping of user names (at least one user)",
                                       "odotettiin käyttäjätunnukset (vähintään yksi käyttäjä)")])
    problems: list[tuple[str, str, str]] = []
    records: dict[str, UserRecord] = {}
    for name, entry in entries.items():
        where = f"users.{name}"
        if not isinstance(name, str) or not NAME_RE.match(name):
            problems.append((where, "a user name is 1–40 characters a-z, 0-9, '.', '_', '-' (lower case), "
                                    "starting with a letter or digit",
                             "käyttäjätunnus on 1–40 merkkiä a-z, 0-9, '.', '_', '-' (pienin kirjaimin), "
                             "alkaa kirjaimella tai numerolla"))
            continue
        if name in RESERVED:
            problems.append((where, f"'{name}' is reserved (the store's name for edits made without a log-in "
                                    "or outside the app); choose another user name",
                             f"'{name}' on varattu (tallennuksen nimi muokkauksille ilman kirjautumista tai "
                             "sovelluksen ulkopuolella); valitse toinen käyttäjätunnus"))
            continue
        if not isinstance(entry, dict):
            problems.append((where, "expected role, unit and password_hash",
                             "odotettiin role, unit ja password_hash"))
            continue
        for key in entry:
            if key not in ("role", "unit", "password_hash"):
                problems.append((f"{where}.{key}", "unknown field (allowed: role, unit, password_hash)",
                                 "tuntematon kenttä (sallitut: role, unit, password_hash)"))
        role, unit, pw_hash = entry.get("role"), entry.get("unit"), entry.get("password_hash")
        if role not in FILE_ROLES:
            problems.append((f"{where}.role", f"expected one of {', '.join(FILE_ROLES)}, got {role!r}",
                             f"odotettiin yksi näistä: {', '.join(FILE_ROLES)}; saatiin {role!r}"))
        if role == "director" and unit is None:
            problems.append((f"{where}.unit", f"a director needs a unit: {', '.join(UNITS)}",
                             f"johtajalla pitää olla yksikkö: {', '.join(UNITS)}"))
        elif unit is not None and role in FILE_ROLES and role != "director":
            problems.append((f"{where}.unit", "only directors have a unit; remove it",
                             "vain johtajalla on yksikkö; poista se"))
        elif unit is not None and unit not in UNITS:
            problems.append((f"{where}.unit", f"expected one of {', '.join(UNITS)}, got {unit!r}",
                             f"odotettiin yksi näistä: {', '.join(UNITS)}; saatiin {unit!r}"))
        if not _valid_hash(pw_hash):
            problems.append((f"{where}.password_hash",
                             "expected an argon2id hash ('$argon2id$...'); make one with "
                             "'python -m simulator users hash-password'",
                             "odotettiin argon2id-tiiviste ('$argon2id$...'); tee se komennolla "
                             "'python -m simulator users hash-password'"))
        records[name] = UserRecord(name, role, unit, pw_hash)
    if problems:
        raise UsersFileError(source, problems)
    return records


def _valid_hash(value) -> bool:
    if not isinstance(value, str) or not value.startswith("$argon2id$"):
        return False
    try:
        extract_parameters(value)
    except (InvalidHashError, ValueError):
        return False
    return True


def load_users(path: Path | None = None) -> dict[str, UserRecord]:
    """The users of ``path`` (default: the configured file); UsersFileError when invalid."""
    path = path if path is not None else users_file()
    if path is None:
        raise AuthError(f"No users file is configured (${USERS_ENV}); the program runs in local mode.",
                        f"Käyttäjätiedostoa ei ole asetettu (${USERS_ENV}); ohjelma toimii paikallisessa tilassa.")
    return parse_users(_read_text(path), str(path))


def dump_users(records: dict[str, UserRecord]) -> str:
    """The users file's text for ``records`` (sorted by name)."""
    users = {}
    for name in sorted(records):
        r = records[name]
        entry = {"role": r.role}
        if r.unit:
            entry["unit"] = r.unit
        entry["password_hash"] = r.password_hash
        users[name] = entry
    head = ("# Users of the employment-model simulator: python -m simulator users add|remove|list.\n"
            "# Keep this file outside the repository, readable only by the app's account (chmod 600).\n")
    return head + yaml.safe_dump({"users": users}, sort_keys=False, allow_unicode=True)


def write_users(path: Path, records: dict[str, UserRecord]) -> None:
    """Write the users file atomically with mode 0600 (validated first; nothing written on error)."""
    text = dump_users(records)
    parse_users(text, str(path))
    try:
        atomic_write(path, text.encode("utf-8"), mode=0o600, keep_owner=True)
    except UnsafePath as exc:    # never replace a link (or write through it)
        raise UsersFileError(str(path), [("", exc.en, exc.fi)]) from None


# ------------------------------------------------------------------ files

def _mkdir(folder: Path) -> None:
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(folder, os.O_RDONLY)
    try:
        same_owner(fd, folder.parent)
    finally:
        os.close(fd)


def users_lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


# ------------------------------------------------------------------ hashing

def _hasher() -> PasswordHasher:
    if os.environ.get(PROFILE_ENV) == "test":   # test suite only: cheap parameters
        return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    return PasswordHasher()                    # argon2's recommended parameters (RFC 9106)


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (a salt is drawn for every call)."""
    if not isinstance(password, str) or not password:
        raise AuthError("The password is empty.", "Salasana on tyhjä.")
    return _hasher().hash(password)


def check_password_policy(password: str) -> None:
    """New passwords have at least MIN_PASSWORD_LENGTH characters."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.",
                        f"Salasanassa pitää olla vähintään {MIN_PASSWORD_LENGTH} merkkiä.")


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password if isinstance(password, str) else "")
    except (VerificationError, InvalidHashError):
        return False


_DUMMY: dict[str, str] = {}


def _dummy_hash() -> str:
    """A hash to check unknown names against, so they take as long as known ones."""
    key = os.environ.get(PROFILE_ENV, "")
    if key not in _DUMMY:
        _DUMMY[key] = _hasher().hash("no such user")
    return _DUMMY[key]


# ------------------------------------------------------------------ rate limiting

def attempts_path(users_path: Path) -> Path:
    """Where failed log-ins are counted: the ``.auth`` folder of the workspace
    the app writes anyway (``$SIMULATOR_WORKSPACE``, else the user-scenario
    folder), never beside the users file, which may sit where the app cannot write."""
    from simulator.store.workspace import workspace_dir  # noqa: PLC0415
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


# ------------------------------------------------------------------ log-in

def normalise_name(name) -> str:
    return name.strip().lower() if isinstance(name, str) else ""


def authenticate(name: str, password: str, *, path: Path | None = None,
                 clock: Clock | None = None) -> User:
    """The user ``name`` if ``password`` matches; else AuthError (the same message
    for an unknown name and a wrong password), RateLimited, or UsersFileError."""
    path = path if path is not None else users_file()
    users = load_users(path)
    key = normalise_name(name)
    record = users.get(key)
    if not NAME_RE.match(key):          # can never be a user; nothing to count
        verify_password(_dummy_hash(), password)
        raise _bad_login()
    limiter = RateLimiter(attempts_path(path), clock, keep=users)
    limiter.begin(key)
    ok = verify_password(record.password_hash if record else _dummy_hash(), password)
    if not (ok and record):
        raise _bad_login()
    limiter.success(key)
    return record.user()
