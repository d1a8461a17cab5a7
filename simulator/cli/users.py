"""Command line for the users file (log-in to the shared app).

    python -m simulator users hash-password [--stdin]
    python -m simulator users add NAME --role director|coordinator|viewer [--unit U]
                                  [--file PATH] [--stdin] [--keep-password]
    python -m simulator users remove NAME [--file PATH]
    python -m simulator users list [--file PATH] [--format table|json]
    python -m simulator users check NAME [--file PATH] [--stdin]
    python -m simulator users unlock NAME [--file PATH]

``--file`` defaults to ``$SIMULATOR_USERS``. Passwords are read twice with a
hidden prompt, or once (one line) from standard input with ``--stdin``;
they are never printed or stored, only their argon2id hash. ``add`` and
``remove`` rewrite the file atomically under a lock with mode 0600, after
validating the result; nothing is written on failure. ``check`` verifies a
password without counting it as a log-in attempt and shows the name's
rate-limit state; ``unlock`` clears it. Exit status: 0 ok, 1 the password
does not match (``check``), 2 bad input (message in English and Finnish on
stderr). Run these as the account that runs the app.
"""
from __future__ import annotations

import contextlib
import getpass
import stat
import sys
from datetime import datetime
from pathlib import Path

from argon2 import PasswordHasher, extract_parameters

from simulator.cli.options import UserError
from simulator.cli.textout import write_json
from simulator.store import auth, login_limits
from simulator.store.access import UNITS
from simulator.store.fsutil import FileLock

EXIT_NO_MATCH = 1
COMMANDS = ("users",)
ROOT = Path(__file__).resolve().parents[2]


def add_parsers(subparsers) -> None:
    """Register ``users`` and its subcommands on the main parser's subparsers."""
    p = subparsers.add_parser("users", help="manage the users file of the shared app "
                                            "/ jaetun sovelluksen käyttäjätiedosto")
    sub = p.add_subparsers(dest="users_command", required=True)
    file_kw = dict(default=None, help="the users file (default: $SIMULATOR_USERS)")
    stdin_kw = dict(action="store_true", help="read the password (one line) from standard input")
    h = sub.add_parser("hash-password", help="print the argon2id hash of a password")
    h.add_argument("--stdin", **stdin_kw)
    a = sub.add_parser("add", help="add a user or change one (role, unit, password)")
    a.add_argument("name")
    a.add_argument("--role", required=True, help="director | coordinator | viewer")
    a.add_argument("--unit", default=None, help="directors: varkaus | mikkeli | pieksamaki")
    a.add_argument("--file", **file_kw)
    a.add_argument("--stdin", **stdin_kw)
    a.add_argument("--keep-password", action="store_true", help="change an existing user's role or unit only")
    r = sub.add_parser("remove", help="remove a user")
    r.add_argument("name")
    r.add_argument("--file", **file_kw)
    ls = sub.add_parser("list", help="list users (no hashes)")
    ls.add_argument("--file", **file_kw)
    ls.add_argument("--format", default="table", help="table | json")
    c = sub.add_parser("check", help="check a user's password and show the log-in rate-limit state")
    c.add_argument("name")
    c.add_argument("--file", **file_kw)
    c.add_argument("--stdin", **stdin_kw)
    u = sub.add_parser("unlock", help="clear a user's failed log-ins and lockout")
    u.add_argument("name")
    u.add_argument("--file", **file_kw)


def handle(args) -> int:
    """Run the subcommand; a refusal is raised and reported by ``simulator/cli/main.py`` (``report``)."""
    return _COMMANDS[args.users_command](args)


# ------------------------------------------------------------------ helpers

def _file(args) -> Path:
    if args.file:
        return Path(args.file).expanduser()
    path = auth.users_file()
    if path is None:
        raise UserError("Give the users file with --file PATH or set $SIMULATOR_USERS.",
                         "Anna käyttäjätiedosto valitsimella --file POLKU tai aseta $SIMULATOR_USERS.")
    return path


def _read_password(args, confirm: bool) -> str:
    try:
        if args.stdin:
            line = sys.stdin.readline()
            password = line.rstrip("\r\n")
            if not line:
                raise EOFError
        else:
            password = getpass.getpass("Password / Salasana: ")
            if confirm and getpass.getpass("Again / Uudelleen: ") != password:
                raise UserError("The passwords do not match; nothing was changed.",
                                 "Salasanat eivät täsmää; mitään ei muutettu.")
    except (EOFError, KeyboardInterrupt):
        raise UserError("No password was given.", "Salasanaa ei annettu.") from None
    if not password:
        raise UserError("The password is empty.", "Salasana on tyhjä.")
    return password


def _new_password(args) -> str:
    password = _read_password(args, confirm=True)
    auth.check_password_policy(password)
    return password


def _check_name(name: str) -> str:
    if not auth.NAME_RE.match(name):
        raise UserError(f"Bad user name '{name}': use 1–40 characters a-z, 0-9, '.', '_', '-' (lower case), "
                         "starting with a letter or digit.",
                         f"Virheellinen käyttäjätunnus '{name}': käytä 1–40 merkkiä a-z, 0-9, '.', '_', '-' "
                         "(pienin kirjaimin), alkaen kirjaimella tai numerolla.")
    return name


def _check_role(role: str, unit: str | None) -> None:
    if role not in auth.FILE_ROLES:
        raise UserError(f"--role: expected one of {', '.join(auth.FILE_ROLES)}, got '{role}'.",
                         f"--role: odotettiin yksi näistä: {', '.join(auth.FILE_ROLES)}; saatiin '{role}'.")
    if role == "director" and unit is None:
        raise UserError(f"A director needs --unit ({', '.join(UNITS)}).",
                         f"Johtajalla pitää olla --unit ({', '.join(UNITS)}).")
    if role != "director" and unit is not None:
        raise UserError("Only directors have a unit; leave out --unit.",
                         "Vain johtajalla on yksikkö; jätä --unit pois.")
    if unit is not None and unit not in UNITS:
        raise UserError(f"--unit: expected one of {', '.join(UNITS)}, got '{unit}'.",
                         f"--unit: odotettiin yksi näistä: {', '.join(UNITS)}; saatiin '{unit}'.")


def _existing(path: Path, must_exist: bool) -> dict[str, auth.UserRecord]:
    if not path.exists() and not must_exist:
        return {}
    return auth.load_users(path)


@contextlib.contextmanager
def _changing(path: Path):
    """Hold the users file's lock while it is read and rewritten; a file
    system refusal (no right to write the folder, …) is a user error:
    nothing was replaced."""
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist.", f"Kansiota {path.parent} ei ole.")
    try:
        with FileLock(auth.users_lock_path(path)):
            yield
    except OSError as exc:
        if hasattr(exc, "render"):       # a symbolic link in the way: its own message
            raise
        where = exc.filename or path
        raise UserError(f"{where}: cannot write ({exc.strerror}); nothing was changed",
                        f"{where}: ei voi kirjoittaa ({exc.strerror}); mitään ei muutettu") from None


def _inside_repo(path: Path) -> bool:
    try:
        path.resolve().relative_to(ROOT)
        return True
    except ValueError:
        return False


def _warnings(path: Path) -> None:
    if _inside_repo(path):
        print(f"warning: {path} is inside the repository; keep the users file outside it\n"
              f"varoitus: {path} on ohjelman kansiossa; pidä käyttäjätiedosto sen ulkopuolella", file=sys.stderr)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    # others reading or writing, or the group writing, is refused when the file is read
    # (auth.check_permissions); its group reading is allowed, and worth a word
    if mode & stat.S_IRGRP:
        print(f"warning: {path} can be read by its group (mode {mode:04o}), and it holds password hashes; "
              "chmod 600 unless the group must read it\n"
              f"varoitus: tiedoston {path} ryhmä voi lukea sen (oikeudet {mode:04o}), ja siinä ovat "
              "salasanatiivisteet; chmod 600, ellei ryhmän tarvitse lukea sitä", file=sys.stderr)


def _weak(password_hash: str) -> bool:
    """Hashed with cheaper parameters than argon2's recommended ones (e.g. the test profile)."""
    p, ref = extract_parameters(password_hash), PasswordHasher()
    return p.time_cost < ref.time_cost or p.memory_cost < ref.memory_cost


# ------------------------------------------------------------------ commands

def _hash_password(args) -> int:
    print(auth.hash_password(_new_password(args)))
    return 0


def _add(args) -> int:
    path, name = _file(args), _check_name(args.name)
    _check_role(args.role, args.unit)
    new_hash = None if args.keep_password else auth.hash_password(_new_password(args))  # before locking
    with _changing(path):
        users = _existing(path, must_exist=False)
        old = users.get(name)
        if args.keep_password and old is None:
            raise UserError(f"There is no user '{name}' whose password could be kept.",
                             f"Käyttäjää '{name}' ei ole, joten salasanaa ei voi säilyttää.")
        pw_hash = new_hash or old.password_hash
        users[name] = auth.UserRecord(name, args.role, args.unit, pw_hash)
        auth.write_users(path, users)
    role = f"{args.role}, {args.unit}" if args.unit else args.role
    print(f"{path}: {'updated' if old else 'added'} {name} ({role}) / "
          f"{'päivitetty' if old else 'lisätty'} {name} ({role})")
    _warnings(path)
    return 0


def _remove(args) -> int:
    path, name = _file(args), args.name
    with _changing(path):
        users = _existing(path, must_exist=True)
        if name not in users:
            raise UserError(f"{path}: there is no user '{name}'.", f"{path}: käyttäjää '{name}' ei ole.")
        if len(users) == 1:
            raise UserError(f"{path}: '{name}' is the only user; a users file needs at least one. "
                             "Add another first, or delete the file and unset $SIMULATOR_USERS for local mode.",
                             f"{path}: '{name}' on ainoa käyttäjä; tiedostossa pitää olla vähintään yksi. "
                             "Lisää ensin toinen, tai poista tiedosto ja $SIMULATOR_USERS paikallista tilaa varten.")
        del users[name]
        auth.write_users(path, users)
    print(f"{path}: removed {name} / poistettu {name}")
    return 0


def _list(args) -> int:
    if args.format not in ("table", "json"):
        raise UserError(f"--format: expected table or json, got '{args.format}'.",
                         f"--format: odotettiin table tai json; saatiin '{args.format}'.")
    path = _file(args)
    users = auth.load_users(path)
    rows = [{"name": r.name, "role": r.role, "unit": r.unit, "weak_hash": _weak(r.password_hash)}
            for r in sorted(users.values(), key=lambda r: r.name)]
    if args.format == "json":
        write_json({"file": str(path), "users": rows})
    else:
        width = max(len(r["name"]) for r in rows)
        print(f"{path}: {len(rows)} users / käyttäjää")
        for r in rows:
            weak = "  weak hash: run 'users add --role ...' again / heikko tiiviste" if r["weak_hash"] else ""
            print(f"  {r['name']:<{width}}  {r['role']:<11}  {r['unit'] or '–':<10}{weak}".rstrip())
    _warnings(path)
    return 0


def _when(t: float) -> str:
    return datetime.fromtimestamp(t).astimezone().isoformat(timespec="seconds")


def _check(args) -> int:
    path, name = _file(args), auth.normalise_name(args.name)
    users = auth.load_users(path)
    if name not in users:
        raise UserError(f"{path}: there is no user '{name}'.", f"{path}: käyttäjää '{name}' ei ole.")
    ok = auth.verify_password(users[name].password_hash, _read_password(args, confirm=False))
    r = users[name]
    print(f"{name}: {r.role}{', ' + r.unit if r.unit else ''}")
    print("password matches / salasana täsmää" if ok else "password does NOT match / salasana EI täsmää")
    s = login_limits.RateLimiter(login_limits.attempts_path(path)).status(name)
    print(f"failed log-ins in the last {login_limits.WINDOW // 60} min / epäonnistuneita kirjautumisia "
          f"{login_limits.WINDOW // 60} min sisällä: {s.failures} (limit / raja {login_limits.MAX_FAILURES})")
    print(f"lockouts / estoja: {s.lockouts}")
    if s.locked_until:
        print(f"locked until / estetty {_when(s.locked_until)} ('users unlock {name}' clears it / poistaa eston)")
    else:
        print("not locked / ei estetty")
    return 0 if ok else EXIT_NO_MATCH


def _unlock(args) -> int:
    path, name = _file(args), auth.normalise_name(args.name)
    auth.load_users(path)   # the file must be valid; unknown names may be unlocked too
    login_limits.RateLimiter(login_limits.attempts_path(path)).reset(name)
    print(f"{name}: failed log-ins and lockout cleared / epäonnistuneet kirjautumiset ja esto poistettu")
    return 0


_COMMANDS = {"hash-password": _hash_password, "add": _add, "remove": _remove, "list": _list,
             "check": _check, "unlock": _unlock}
