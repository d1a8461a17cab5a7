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
import unicodedata
from pathlib import Path

from simulator.cli import options
from simulator.cli.options import UserError, load_all

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
    p.add_argument("--scenario", type=options.integer(1), default=1, help="which scenario of the workbook (1, 2, …)")
    p.add_argument("--against", help="scenario YAML to compare with (default: the exported original)")
    p.add_argument("--lang", choices=("fi", "en"), default="fi")


def _fail(en: str, fi: str) -> int:
    """Report a refusal through the command line's one handler (``simulator/cli/main.py``)."""
    from simulator.cli.main import report
    return report(UserError(en, fi))


def _target(path: str | None, default_stem: str, suffixes: tuple[str, ...]):
    """(Path, None) or (None, exit status) after checking the output path
    (``simulator/cli/outpath.py``: the one check of every file the CLI writes)."""
    from simulator.cli.outpath import check_output
    out = Path(path) if path else Path(safe_filename(default_stem) + suffixes[0])
    try:
        return check_output(out, option="-o", suffixes=suffixes), None
    except UserError as exc:
        return None, _fail(exc.en, exc.fi)


def handle(args) -> int:
    if args.command == "export":
        return _export(args)
    return _import(args)


def _export(args) -> int:
    from simulator.engine.projection import project
    scenarios = load_all(args.scenarios)
    stem = scenarios[0].name if len(scenarios) == 1 else "vertailu-" + "-".join(s.model for s in scenarios)
    out, status = _target(args.output, stem, (".xlsx", ".csv"))
    if out is None:
        return status
    projections = [project(s) for s in scenarios]
    from simulator.export.xlsx import atomic_write, workbook_bytes
    if out.suffix.lower() == ".csv":
        from simulator.export.csv_dialects import download_csv
        data = download_csv(projections, args.lang, args.csv_dialect)
    else:
        data = workbook_bytes(projections, args.lang)      # ExportError: reported by main
    try:
        atomic_write(out, data)
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
    from simulator.model.loader import load
    from simulator.export.importer import diff, read_workbook
    from simulator.export.xlsx import atomic_write
    imported = read_workbook(args.workbook, args.scenario)      # ScenarioError: reported by main
    out = None
    if args.output:
        out, status = _target(args.output, "scenario", (".yaml", ".yml"))
        if out is None:
            return status
    original = imported.original
    if args.against:
        original = load(args.against)
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
    from simulator.model.loader import Dumper   # quotes what YAML 1.2 reads as a number (1e3)
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False)
    try:
        atomic_write(out, text.encode("utf-8"))
    except OSError as exc:
        return _fail(f"{out}: cannot write ({exc.strerror})", f"{out}: ei voi kirjoittaa ({exc.strerror})")
    print(f"{label('xl.import.saved', lang)}: {out}")
    return 0
