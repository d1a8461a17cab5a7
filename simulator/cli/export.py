"""``python -m simulator export`` and ``python -m simulator import``.

export A.yaml [B.yaml …] [-o FILE.xlsx|FILE.csv] [--lang fi|en] [--csv-dialect standard|fi]
    Writes the workbook (or the monthly CSV). Without ``-o`` the file is
    named after the scenario(s), sanitised, in the current directory.
import WORKBOOK.xlsx [-o OUT.yaml] [--scenario N] [--against ORIG.yaml] [--lang fi|en]
    Reads the Assumptions sheet back, validates it, shows what changed from
    the exported original (or ``--against``), and with ``-o`` saves it.

User errors exit with status 2 and a message in English and Finnish that
names the file (and for workbooks the sheet and cell). Nothing is written
on failure; files are written to a temporary name and renamed.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

EXIT_USER_ERROR = 2
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_filename(text: str, default: str = "scenario", max_len: int = 80) -> str:
    """A file name stem from free text: ASCII letters, digits, ``-``, ``_``, ``.``
    only (ä→a, ö→o), no leading dots or dashes, not a reserved device name."""
    t = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    t = re.sub(r"[^a-z0-9._-]+", "-", t)
    t = re.sub(r"-{2,}", "-", t).strip("-._")[:max_len].strip("-._")
    if not t:
        t = default
    if t.split(".")[0] in _RESERVED:
        t = "_" + t
    return t


COMMANDS = ("export", "import")


def add_parsers(sub) -> None:
    p = sub.add_parser("export", help="write scenarios as a workbook with live formulas (or CSV) "
                                      "/ vie skenaariot laskentataulukoksi")
    p.add_argument("scenarios", nargs="+")
    p.add_argument("-o", "--output", help="FILE.xlsx or FILE.csv (default: named after the scenarios)")
    p.add_argument("--lang", choices=("fi", "en"), default="fi", help="language of the workbook (default fi)")
    p.add_argument("--csv-dialect", choices=("standard", "fi"), default=None,
                   help="CSV dialect: standard (comma, point) or fi (semicolon, comma, BOM); "
                        "default fi with --lang fi")
    p = sub.add_parser("import", help="read a workbook's assumptions back into a scenario "
                                      "/ tuo työkirjan oletukset skenaarioksi")
    p.add_argument("workbook")
    p.add_argument("-o", "--output", help="OUT.yaml to save the scenario (otherwise only show the changes)")
    p.add_argument("--scenario", type=int, default=1, help="which scenario of the workbook (1, 2, …)")
    p.add_argument("--against", help="scenario YAML to compare with (default: the exported original)")
    p.add_argument("--lang", choices=("fi", "en"), default="fi")


def _fail(en: str, fi: str) -> int:
    print(f"{en} / {fi}", file=sys.stderr)
    return EXIT_USER_ERROR


def _target(path: str | None, default_stem: str, suffixes: tuple[str, ...]):
    """(Path, None) or (None, exit status) after checking the output path."""
    out = Path(path) if path else Path(safe_filename(default_stem) + suffixes[0])
    if out.suffix.lower() not in suffixes:
        return None, _fail(f"{out}: the output file must end with {' or '.join(suffixes)}",
                           f"{out}: tulostiedoston päätteen pitää olla {' tai '.join(suffixes)}")
    if out.is_dir():
        return None, _fail(f"{out}: is a directory", f"{out}: on hakemisto")
    if not out.parent.exists():
        return None, _fail(f"{out.parent}: directory does not exist", f"{out.parent}: hakemistoa ei ole")
    return out, None


def handle(args) -> int:
    if args.command == "export":
        return _export(args)
    return _import(args)


def _export(args) -> int:
    from simulator.engine.projection import project
    from simulator.model.problems import ScenarioError
    from simulator.model.loader import load
    scenarios, errors = [], []
    for path in args.scenarios:
        try:
            scenarios.append(load(path))
        except ScenarioError as exc:
            errors.append(exc)
    if errors:
        for e in errors:
            print(e.render(), file=sys.stderr)
        return EXIT_USER_ERROR
    stem = scenarios[0].name if len(scenarios) == 1 else "vertailu-" + "-".join(s.model for s in scenarios)
    out, status = _target(args.output, stem, (".xlsx", ".csv"))
    if out is None:
        return status
    projections = [project(s) for s in scenarios]
    from simulator.export.xlsx import ExportError, atomic_write, workbook_bytes
    try:
        if out.suffix.lower() == ".csv":
            from simulator.export.csv_dialects import download_csv
            data = download_csv(projections, args.lang, args.csv_dialect)
        else:
            data = workbook_bytes(projections, args.lang)
        atomic_write(out, data)
    except ExportError as exc:
        return _fail(exc.en, exc.fi)
    except OSError as exc:
        return _fail(f"{out}: cannot write ({exc.strerror})", f"{out}: ei voi kirjoittaa ({exc.strerror})")
    n = len(projections)
    print(f"{out}: {n} scenario(s) written / {n} skenaario(ta) kirjoitettu")
    return 0


def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:g}" if abs(v) < 1e15 else repr(v)
    return repr(v) if isinstance(v, str) else str(v)


def _import(args) -> int:
    import yaml

    from simulator.i18n import label
    from simulator.model.problems import ScenarioError
    from simulator.model.loader import load
    from simulator.export.importer import diff, read_workbook
    from simulator.export.xlsx import atomic_write
    try:
        imported = read_workbook(args.workbook, args.scenario)
    except ScenarioError as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_USER_ERROR
    out = None
    if args.output:
        out, status = _target(args.output, "scenario", (".yaml", ".yml"))
        if out is None:
            return status
    original = imported.original
    if args.against:
        try:
            original = load(args.against)
        except ScenarioError as exc:
            print(exc.render(), file=sys.stderr)
            return EXIT_USER_ERROR
    lang = args.lang
    print(f"{label('scenario', lang)}: {imported.scenario.name} ({imported.sheet})")
    if original is None:
        print("(no original to compare with / ei alkuperäistä vertailtavaksi)")
    else:
        changes = diff(original, imported.scenario)
        if not changes:
            print(label("xl.import.no_changes", lang))
        else:
            print(f"{label('xl.import.changes', lang)} ({len(changes)}):")
            for path, a, b in changes:
                where = imported.cells.get(path, "")
                print(f"  {path}: {_fmt(a)} → {_fmt(b)}" + (f"   [{where}]" if where else ""))
    if out is None:
        print(label("xl.import.not_saved", lang))
        return 0
    data = imported.scenario.model_dump(mode="json", exclude_none=True)
    data.pop("base", None)  # a full scenario: merging it onto a base could bring removed items back
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        atomic_write(out, text.encode("utf-8"))
    except OSError as exc:
        return _fail(f"{out}: cannot write ({exc.strerror})", f"{out}: ei voi kirjoittaa ({exc.strerror})")
    print(f"{label('xl.import.saved', lang)}: {out}")
    return 0
