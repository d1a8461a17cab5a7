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
- The file's permissions are checked as strictly as sshd's StrictModes
  (``users_permissions``).
- Passwords are hashed with argon2id (``argon2.PasswordHasher`` with its
  recommended parameters). ``SIMULATOR_ARGON2_PROFILE=test`` selects very
  cheap parameters for the test suite only; verification always uses the
  parameters stored in the hash.
- Failed log-ins are counted per user name across processes and a name is
  locked for a while after too many (``login_limits``). Unknown and known
  names are treated alike and get the same message.
- Passwords are never logged, stored or put in messages.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError

from simulator.model.loader import _Loader as _LimitedLoader   # depth, size and alias limits
from simulator.store.access import LOCAL_USER, UNITS, User
from simulator.store.auth_errors import AuthError, RateLimited, UsersFileError
from simulator.store.fsutil import UnsafePath, atomic_write
from simulator.store.login_limits import Clock, RateLimiter, attempts_path
from simulator.store.revisions import UNKNOWN
from simulator.store.users_permissions import check_permissions

__all__ = ["FILE_ROLES", "MIN_PASSWORD_LENGTH", "NAME_RE", "PROFILE_ENV", "RESERVED", "USERS_ENV", "AuthError",
           "RateLimited", "RateLimiter", "UserRecord", "UsersFileError", "attempts_path", "authenticate",
           "check_password_policy", "check_permissions", "dump_users", "hash_password", "load_users",
           "local_mode", "normalise_name", "parse_users", "users_file", "users_lock_path", "verify_password",
           "write_users"]

USERS_ENV = "SIMULATOR_USERS"
PROFILE_ENV = "SIMULATOR_ARGON2_PROFILE"
FILE_ROLES = ("director", "coordinator", "viewer")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")
RESERVED = (LOCAL_USER.name, UNKNOWN)   # authors/owners the store writes itself: nobody may log in as them
MAX_USERS_FILE_BYTES = 1_000_000
MIN_PASSWORD_LENGTH = 8


# ------------------------------------------------------------------ errors

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
