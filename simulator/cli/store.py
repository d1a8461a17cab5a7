"""``history``, ``show``, ``diff``, ``restore`` and ``save`` on the command line.

Reading needs no log-in (everyone reads everything). Writing (``restore``,
``save``) is done as the local user when no users file is configured, else
as ``--user NAME`` with the password from ``$SIMULATOR_PASSWORD`` or a
prompt. Refusals (conflict, no right, bad name, invalid scenario, failed
log-in) exit with status 2 and a message in English and Finnish; nothing is
written then.
"""
from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from simulator.store import access
from simulator.model.loader import read_yaml
from simulator.cli import options
from simulator.cli.textout import table, write_json
from simulator.model import jsonio
from simulator.store.workspace import Conflict, Store, StoreError

COMMANDS = ("history", "show", "diff", "restore", "save")

TEXT = {
    "rev": ("rev", "versio"), "time": ("time (UTC)", "aika (UTC)"), "author": ("author", "tekijä"),
    "role": ("role", "rooli"), "message": ("message", "viesti"), "base": ("based on", "pohja"),
    "unit": ("unit", "yksikkö"), "owner": ("owner", "omistaja"), "added": ("(added)", "(lisätty)"),
    "removed": ("(removed)", "(poistettu)"), "no_changes": ("no changes", "ei muutoksia"),
    "saved": ("saved '{name}' as revision {n}", "tallennettu '{name}', versio {n}"),
    "restored": ("restored revision {old} of '{name}' as revision {n}",
                 "palautettu skenaarion '{name}' versio {old} uudeksi versioksi {n}"),
    "theirs": ("their changes (revision {a} → {b}):", "heidän muutoksensa (versio {a} → {b}):"),
    "mine": ("your changes:", "sinun muutoksesi:"),
    "conflicts": ("changed on both sides:", "muutettu molemmilla:"),
    "merge_hint": ("run again with --merge to save both sets of changes, or save under another name (--as)",
                   "aja uudelleen valitsimella --merge tallentaaksesi molemmat muutokset, tai tallenna toisella "
                   "nimellä (--as)"),
    "conflict_hint": ("save your file under another name (--as NEW_NAME), or redo your changes on revision {head}",
                      "tallenna tiedostosi toisella nimellä (--as UUSI_NIMI) tai tee muutoksesi uudelleen "
                      "versioon {head}"),
    "merged": ("merged with revision {head} and saved as revision {n}",
               "yhdistetty versioon {head} ja tallennettu versioksi {n}"),
}


def _t(key: str, lang: str, **fmt) -> str:
    text = TEXT[key][0 if lang == "en" else 1]
    return text.format(**fmt) if fmt else text


def add_parsers(sub) -> None:
    lang_kw = dict(choices=("fi", "en"), default="fi", help="language of the readable output")
    fmt_kw = dict(choices=("table", "json"), default="table", help="output format (default: readable)")
    ws_kw = dict(default=None, help="workspace folder (default: $SIMULATOR_WORKSPACE, "
                                    "else $SIMULATOR_USER_DIR, else scenarios/user)")

    def common(p, fmt=True):
        p.add_argument("--lang", **lang_kw)
        if fmt:
            p.add_argument("--format", **fmt_kw)
        p.add_argument("--workspace", **ws_kw)

    def who(p):
        p.add_argument("--user", default=None,
                       help="user name when a users file is configured (password: $SIMULATOR_PASSWORD or prompt)")

    p = sub.add_parser("history", help="list the revisions of a saved scenario")
    p.add_argument("name")
    common(p)
    p = sub.add_parser("show", help="show a revision of a saved scenario (default: the newest)")
    p.add_argument("name")
    p.add_argument("--revision", type=options.integer(0), default=None)
    common(p)
    p = sub.add_parser("diff", help="what changed between two revisions")
    p.add_argument("name")
    p.add_argument("a", type=options.integer(0))
    p.add_argument("b", type=options.integer(0))
    common(p)
    p = sub.add_parser("restore", help="make an old revision the newest one (a new revision)")
    p.add_argument("name")
    p.add_argument("revision", type=options.integer(0))
    p.add_argument("-m", "--message", type=options.text, default="")
    common(p, fmt=False)
    who(p)
    p = sub.add_parser("save", help="save a scenario file into the workspace as a new revision")
    p.add_argument("file")
    p.add_argument("--as", dest="name", required=True, help="the saved scenario's name (a-z, 0-9, -, _)")
    p.add_argument("--base-revision", type=options.integer(0), default=None,
                   help="the revision your file is based on (required when the scenario exists)")
    p.add_argument("-m", "--message", type=options.text, default="")
    p.add_argument("--merge", action="store_true",
                   help="if someone saved in between and the changes do not overlap, save the merge")
    common(p, fmt=False)
    who(p)


def _value(v, lang: str) -> str:
    if v is None:
        return "–"
    if isinstance(v, (dict, list)):
        return jsonio.dumps(v)
    return str(v)


def change_lines(changes, lang: str) -> list[str]:
    out = []
    for path, old, new in changes:
        if old is None and isinstance(new, dict):
            out.append(f"{path}: {_t('added', lang)} {_value(new, lang)}")
        elif new is None and isinstance(old, dict):
            out.append(f"{path}: {_t('removed', lang)}")
        else:
            out.append(f"{path}: {_value(old, lang)} → {_value(new, lang)}")
    return out


def _user(args) -> access.User:
    from simulator.store import auth
    if auth.local_mode():
        return access.LOCAL_USER
    auth.users_file()
    if not args.user:
        raise auth.AuthError("a users file is configured: give --user NAME",
                             "käyttäjätiedosto on käytössä: anna --user NIMI")
    password = os.environ.get("SIMULATOR_PASSWORD")
    if password is None:
        try:
            password = getpass.getpass(f"password for {args.user} / salasana: ")
        except (EOFError, KeyboardInterrupt):
            raise auth.AuthError("no password given", "salasanaa ei annettu") from None
    return auth.authenticate(args.user, password)


def _json(obj) -> None:
    write_json(obj)


def handle(args) -> int:
    """Run the command. A refusal (conflict aside) is raised and reported by
    ``simulator/cli/main.py`` (``report``); a file-system error says it is the workspace's."""
    store = Store(Path(args.workspace) if args.workspace else None)
    try:
        return _run(args, store, args.lang)
    except OSError as exc:
        if hasattr(exc, "render") or isinstance(exc, BrokenPipeError):   # a store refusal; output cut short
            raise
        raise StoreError(f"cannot use the workspace: {exc.strerror} ({exc.filename})",
                         f"työkansiota ei voi käyttää: {exc.strerror} ({exc.filename})") from None


def _run(args, store: Store, lang: str) -> int:
    if args.command == "history":
        revs = store.history(args.name)
        for d in getattr(revs, "damaged", ()):     # reported, skipped, never rewritten
            print(d.render(), file=sys.stderr)
        if args.format == "json":
            _json([r.meta() for r in revs])
        else:
            keys = ("rev", "time", "author", "role", "base", "message")
            print(table([[r.number, r.time, r.author, r.role, "–" if r.base_revision is None
                          else r.base_revision, r.message] for r in revs], [_t(k, lang) for k in keys],
                        right=False))
    elif args.command == "show":
        r = store.revision(args.name, args.revision)
        if args.format == "json":
            _json({**r.meta(), "document": r.document})
        else:
            for k in ("rev", "time", "author", "role", "message", "base", "unit", "owner"):
                v = {"rev": r.number, "base": r.base_revision}.get(k, getattr(r, k, None))
                print(f"{_t(k, lang)}: {'–' if v is None else v}")
            print()
            sys.stdout.write(r.text if r.text.endswith("\n") else r.text + "\n")
    elif args.command == "diff":
        ch = store.diff(args.name, args.a, args.b)
        if args.format == "json":
            _json([{"path": p, "old": o, "new": n} for p, o, n in ch])
        else:
            print("\n".join(change_lines(ch, lang)) or _t("no_changes", lang))
    elif args.command == "restore":
        store._require(args.name)        # refuse a missing scenario before asking for a password
        user = _user(args)
        r = store.restore(args.name, args.revision, user=user, message=args.message)
        print(_t("restored", lang, old=args.revision, name=args.name, n=r.number))
    elif args.command == "save":
        store.path(args.name)
        doc = read_yaml(Path(args.file))
        user = _user(args)
        try:
            r = store.save(args.name, doc, user=user, base_revision=args.base_revision, message=args.message)
            print(_t("saved", lang, name=args.name, n=r.number))
        except Conflict as c:
            if args.merge and not c.conflicts:
                r = store.save_merged(c, user=user, message=args.message)
                print(_t("merged", lang, head=c.head, n=r.number))
                return 0
            _print_conflict(c, lang)
            return options.EXIT_USER_ERROR
    return 0


def _print_conflict(c: Conflict, lang: str) -> None:
    err = sys.stderr
    print(c.render(), file=err)
    print("", file=err)
    print(_t("theirs", lang, a=c.base_revision, b=c.head), file=err)
    for line in change_lines(c.theirs, lang):
        print(f"  {line}", file=err)
    print(_t("mine", lang), file=err)
    for line in change_lines(c.mine, lang):
        print(f"  {line}", file=err)
    if c.conflicts:
        print(_t("conflicts", lang), file=err)
        for p in c.conflicts:
            print(f"  {p}", file=err)
        print(_t("conflict_hint", lang, head=c.head), file=err)
    else:
        print(_t("merge_hint", lang), file=err)
