"""Command line: ``python -m simulator run|compare|validate|export|import ...``.

User errors (bad scenario files, unknown options, bad option values) print a
message naming the file, the field and what was expected, in English and
Finnish, and exit with status 2: option values are checked by their types
(``simulator/cli/options.py``), every later refusal is raised and reported by
the one handler here (``report``). Nothing is written on failure. Every JSON
output goes through ``write_json`` (strict: never NaN or Infinity).

``compare`` shows first whether the scenarios can be compared (other
people, another horizon, an unknown day price, another founding month:
``simulator/compare/comparability.py``), then one sentence per party, then
the tables. It exits 0 with the warnings at the top; with ``--strict`` a
comparison whose scenarios differ in people or horizon is refused (the
reasons on stderr, exit status 2).
"""
from __future__ import annotations

import argparse
import importlib
import io
import os
import sys
import textwrap

from simulator.compare import side_by_side as cmp
from simulator.compare.verdict import verdict
from simulator.cli.options import EXIT_USER_ERROR, Parser, UserError, load_all
from simulator.cli.textout import table, write_json
from simulator.engine import catalogue
from simulator.engine.display import format_line, format_value, kpi_label, line_label
from simulator.i18n import fmt_month, label
from simulator.i18n.messages import Message, render_all
from simulator.model.parameters import ParameterError
from simulator.model.problems import ScenarioError
from simulator.model.jsonio import NonFiniteJSON
from simulator.model.loader import load


def _kpi_text(key, value, lang):
    """A key figure in the catalogue's format (simulator/engine/display.py)."""
    return format_value(key, value, lang)


def _run_kpi_text(kpis: dict, key: str, lang: str) -> str:
    """A KPI's text; an undefined IRR says so with its reason ("ei määritelty: …")."""
    if key == "irr" and kpis.get("irr") is None and kpis.get("irr_reason"):
        return Message.make(kpis["irr_reason"]).render(lang)
    return _kpi_text(key, kpis.get(key), lang)


def render_run(p, lang: str) -> str:
    s = p.scenario
    last = p.monthly["month"].iloc[-1]
    out = [f"{label('scenario', lang)}: {s.name} — {label(s.model, lang)} — {s.budget_owner}",
           f"{fmt_month(s.start, lang)}–{fmt_month(last, lang)}", ""]
    if s.description_text(lang):
        out[2:2] = [textwrap.fill(s.description_text(lang).strip(), 100)]
    out.append(table([[kpi_label(k, lang), _run_kpi_text(p.kpis, k, lang)] for k in catalogue.RUN_KPIS],
                      [label("scenario", lang), ""]))
    out.append("")
    m = p.monthly
    years = m.groupby(m["month"].str[:4]).agg(
        {c: "last" if catalogue.year_end(c) else "sum" for c in catalogue.YEARLY_LINES})
    out.append(table([[y] + [format_line(c, v, lang, 0, unit=False) for c, v in zip(years.columns, row)]
                      for y, row in zip(years.index, years.to_numpy())],
                     [label("year", lang)] + [line_label(c, lang) for c in years.columns]))
    out.append("")
    rows = [[fmt_month(r["month"], lang)] + [format_line(c, r[c], lang, 0, unit=False) for c in catalogue.SUMMARY_LINES]
            for r in m.to_dict(orient="records")]
    out.append(table(rows, [label("month", lang)] + [line_label(c, lang) for c in catalogue.SUMMARY_LINES]))
    if p.warnings:
        out += ["", label("warnings", lang) + ":"] + [f"  - {w}" for w in render_all(p.warnings, lang)]
    return "\n".join(out)


def render_compare(projections, lang: str, v=None) -> str:
    """The comparability warnings first, then one sentence per party, the
    KPI table and the verdict's tables (simulator/compare/verdict_tables.py)."""
    from simulator.compare import verdict_tables as vt
    v = v or verdict(projections)
    out = []
    if v.comparability:
        out += [f"!! {label('verdict.comparability', lang).upper()} !!"] + [f"  ! {w}" for w in v.warnings(lang)] + [""]
    out += [label("verdict.title", lang) + ":"] + [textwrap.fill(x, 100, initial_indent="  - ", subsequent_indent="    ")
                                                   for x in v.sentences(lang)] + [""]
    shown = cmp.text_table(projections, lang, with_differences=False)
    names = list(shown.columns)
    rows = [[name] + list(row) for name, row in zip(shown.index, shown.to_numpy())]
    out.append(table(rows, [""] + names))
    for title, (heads, body) in ((label("verdict.table", lang), vt.party_table(v, lang)),
                                 (label("verdict.ratios", lang), vt.ratio_table(v, lang)),
                                 (None, vt.volume_table(v, lang)),
                                 (label("verdict.people_gain", lang), vt.people_table(v, lang)),
                                 (label("verdict.assumptions", lang), vt.assumption_table(v, lang))):
        out.append("")
        if title:
            out.append(title + ":")
        out.append(table(body, heads) if body else label("verdict.assumptions_none", lang))
    for p in projections:
        if p.warnings:
            out += ["", f"{label('warnings', lang)} — {p.scenario.name}:"] + [f"  - {w}" for w in
                                                                               render_all(p.warnings, lang)]
    return "\n".join(out)


def _project_all(paths):
    from simulator.engine.projection import project
    return [project(s) for s in load_all(paths)]


# Subcommand modules beyond run/compare/validate. Each has COMMANDS (its
# subcommand names), add_parsers(subparsers) and handle(args) -> exit status;
# a user error is raised and reported here (``report``).
PLUGINS = ("simulator.cli.export", "simulator.cli.person", "simulator.cli.users", "simulator.cli.store",
           "simulator.cli.uncertainty", "simulator.cli.brief")


def _user_error_types() -> tuple[type, ...]:
    """The exceptions that are the user's to fix (each renders itself in English and Finnish)."""
    from simulator.engine.household.tax import TaxInputError
    from simulator.export.xlsx import ExportError
    from simulator.model.paths import AssumptionError
    from simulator.store.access import AccessDenied
    from simulator.store.auth import AuthError
    from simulator.store.workspace import StoreError
    from simulator.uncertainty.goal import GoalError
    from simulator.uncertainty.measures import MeasureError
    from simulator.uncertainty.montecarlo import MonteCarloError
    from simulator.uncertainty.sensitivity import SensitivityError
    return (UserError, ScenarioError, ParameterError, NonFiniteJSON, TaxInputError, ExportError,
            AssumptionError, AccessDenied, AuthError, StoreError, GoalError, MeasureError, MonteCarloError,
            SensitivityError, OSError)


def report(exc: BaseException) -> int:
    """The one handler of user errors: the message (English and Finnish) on
    stderr, nothing on stdout, exit status 2. (Output cut short by the
    reader, ``… | head``, ends quietly with status 1.)"""
    if isinstance(exc, BrokenPipeError):
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 1
    if isinstance(exc, ParameterError):
        text = f"parameter data error / parametritiedoston virhe: {exc}"
    elif isinstance(exc, OSError) and not hasattr(exc, "render"):
        where = f"{exc.filename}: " if exc.filename else ""
        text = f"{where}{exc.strerror or exc} / {where}ei onnistu: {exc.strerror or exc}"
    elif hasattr(exc, "render"):
        text = exc.render()
    elif getattr(exc, "en", None) and getattr(exc, "fi", None):
        text = f"{exc.en} / {exc.fi}"
    else:
        text = str(exc)
    print("\n".join(" / ".join(_cut(part) for part in line.split(" / ")) for line in text.split("\n")),
          file=sys.stderr)
    return EXIT_USER_ERROR


MAX_PART = 600      # characters of one language's part of a message line (a pasted value is not echoed whole)


def _cut(part: str) -> str:
    return part if len(part) <= MAX_PART else f"{part[:MAX_PART // 2]} … {part[-MAX_PART // 3:]}"


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command (plugins' included)."""
    parser = Parser(
        prog="python -m simulator",
        description="Employment-model cash-flow simulator / Työllistymismallien kassavirtalaskuri")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    fmt_kw = dict(choices=("table", "json", "csv"), default="table",
                  help="output format (default: a readable table)")
    lang_kw = dict(choices=("fi", "en"), default="fi",
                   help="language of the readable table and of the warnings' text in JSON")
    p_run = sub.add_parser("run", help="project one scenario")
    p_run.add_argument("scenario")
    p_run.add_argument("--format", **fmt_kw)
    p_run.add_argument("--lang", **lang_kw)
    p_cmp = sub.add_parser("compare", help="put scenarios side by side")
    p_cmp.add_argument("scenarios", nargs="+")
    p_cmp.add_argument("--format", **fmt_kw)
    p_cmp.add_argument("--lang", **lang_kw)
    p_cmp.add_argument("--strict", action="store_true",
                       help="exit with status 2 when the scenarios differ in people or horizon "
                            "(without it the comparison is shown with the warning at the top)")
    p_val = sub.add_parser("validate", help="check scenario files")
    p_val.add_argument("scenarios", nargs="+")
    p_val.add_argument("--lang", **lang_kw)
    for name in PLUGINS:
        importlib.import_module(name).add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):     # a file name that is not UTF-8 is shown escaped, not a crash
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, io.UnsupportedOperation):
            pass
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:       # --help (0) or a refused option (2, message printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USER_ERROR
    try:
        return _dispatch(args)
    except Exception as exc:
        if isinstance(exc, _user_error_types()):
            return report(exc)
        raise


def _dispatch(args) -> int:
    for name in PLUGINS:
        plugin = importlib.import_module(name)
        if args.command in plugin.COMMANDS:
            return plugin.handle(args)
    if args.command == "validate":
        bad = 0
        for path in args.scenarios:
            try:
                s = load(path)
                print(Message.make("validate_ok", path=str(path), name=s.name,
                                   model={"fi": label(s.model, "fi"), "en": label(s.model, "en")},
                                   people=len(s.people), months=s.horizon_months).render(args.lang))
            except ScenarioError as exc:
                bad += 1
                print(exc.render(), file=sys.stderr)
        return EXIT_USER_ERROR if bad else 0
    paths = [args.scenario] if args.command == "run" else args.scenarios
    projections = _project_all(paths)
    if args.command == "compare":
        projections = cmp.distinct(projections)     # the same name twice: "Name (2)" and a note
    if args.command == "compare" and args.strict:
        v = verdict(projections)
        if v.refused:   # people or horizon differ: refused, the reasons on stderr
            for m in v.comparability:
                print(m.render(args.lang), file=sys.stderr)
            return EXIT_USER_ERROR
    if args.format == "json":
        doc = projections[0].to_dict(args.lang) if args.command == "run" else cmp.to_dict(projections, args.lang)
        write_json(doc)
    elif args.format == "csv":   # the exporter's standard dialect: engine keys, money to cents
        from simulator.export.csv_dialects import monthly_csv
        run = args.command == "run"
        sys.stdout.write(monthly_csv(projections[:1] if run else projections, "standard", "en",
                                     scenario_column=not run).decode("utf-8"))
    else:
        text = render_run(projections[0], args.lang) if args.command == "run" \
            else render_compare(projections, args.lang)
        print(text)
    return 0
