"""``python -m simulator brief SCENARIO… -o muistio.pdf``: the decision brief.

brief A.yaml [B.yaml [C.yaml]] [-o FILE.pdf] [--lang fi|en] [--author NAME] [--draws N]
    Writes a Finnish (or English) A4 PDF of 2–4 pages for one scenario or a
    comparison of up to three (``simulator/export/brief``). Without ``-o``
    the file is named after the scenario(s). Monte Carlo uses ``--draws``
    draws (default 300) of the scenario's own distributions and seed.

User errors exit with status 2 (message in English and Finnish); nothing is
written on failure (temporary file, then rename).
"""
from __future__ import annotations

import getpass

from simulator.cli import options
from simulator.cli.options import UserError, load_all

from .export import _fail, _target, safe_filename

COMMANDS = ("brief",)
MAX_SCENARIOS = 3


def add_parsers(sub) -> None:
    p = sub.add_parser("brief", help="write the decision brief as PDF / päätösmuistio PDF-tiedostoksi")
    p.add_argument("scenarios", nargs="+")
    p.add_argument("-o", "--output", help="FILE.pdf (default: named after the scenarios)")
    p.add_argument("--lang", choices=("fi", "en"), default="fi", help="language (default fi)")
    p.add_argument("--author", type=options.text, default=None, help="the author named in the brief (default: the user name)")
    p.add_argument("--draws", type=options.integer(10, 100_000), default=300, help="Monte Carlo draws (default 300)")


def handle(args) -> int:
    from simulator.engine.projection import project
    if len(args.scenarios) > MAX_SCENARIOS:
        raise UserError(f"at most {MAX_SCENARIOS} scenarios fit in a brief",
                        f"muistioon mahtuu enintään {MAX_SCENARIOS} skenaariota")
    scenarios = load_all(args.scenarios)
    stem = "muistio-" + "-".join(safe_filename(s.name) for s in scenarios)
    out, status = _target(args.output, stem, (".pdf",))
    if out is None:
        return status
    try:
        author = args.author if args.author is not None else getpass.getuser()
    except (OSError, KeyError):
        author = ""
    from simulator.export.brief import write_brief
    try:
        write_brief([project(s) for s in scenarios], out, args.lang, author, draws=args.draws)
    except OSError as exc:
        return _fail(f"{out}: cannot write ({exc.strerror})", f"{out}: ei voi kirjoittaa ({exc.strerror})")
    print(f"{out}: brief written / muistio kirjoitettu")
    return 0
