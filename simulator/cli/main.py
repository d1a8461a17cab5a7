"""Command line: ``python -m simulator run|compare|validate|export|import ...``.

User errors (bad scenario files, unknown options) print a message naming the
file, the field and what was expected, and exit with status 2. Nothing is
written on failure.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys

from simulator.compare import side_by_side as cmp
from simulator.cli.textout import csv_text, table
from simulator.i18n import fmt_eur, fmt_month, fmt_number, fmt_percent, label
from simulator.model.parameters import ParameterError
from simulator.model.problems import ScenarioError
from simulator.model.loader import load

EXIT_USER_ERROR = 2
MONTHLY_COLUMNS = ("revenue", "subsidies", "wages", "employer_contributions", "costs", "result",
                   "net_cash_flow", "closing_cash")
KPI_FORMATS = {
    "break_even_month": "month", "min_cash_month": "month", "subsidy_share": "percent",
    "irr": "percent", "paid_hours": "number", "people_in_paid_work_end": "number",
    "person_months_in_paid_work": "number",
}


def _kpi_text(key, value, lang):
    kind = KPI_FORMATS.get(key, "eur")
    if value is None:
        return "–"
    if kind == "month":
        return fmt_month(value, lang)
    if kind == "percent":
        return fmt_percent(value, 1, lang)
    if kind == "number":
        return fmt_number(value, 1, lang)
    return fmt_eur(value, 2, lang)


def render_run(p, lang: str) -> str:
    s = p.scenario
    last = p.monthly["month"].iloc[-1]
    out = [f"{label('scenario', lang)}: {s.name} — {label(s.model, lang)} — {s.budget_owner}",
           f"{fmt_month(s.start, lang)}–{fmt_month(last, lang)}", ""]
    keys = ("break_even_month", "min_cash", "min_cash_month", "closing_cash", "total_result",
            "npv", "irr", "cost_per_paid_hour", "subsidy_share", "paid_hours",
            "people_in_paid_work_end")
    out.append(table([[label(k, lang), _kpi_text(k, p.kpis.get(k), lang)] for k in keys],
                      [label("scenario", lang), ""]))
    out.append("")
    m = p.monthly
    years = m.groupby(m["month"].str[:4]).agg(
        {"revenue": "sum", "subsidies": "sum", "costs": "sum", "result": "sum", "closing_cash": "last"})
    out.append(table([[y] + [fmt_number(v, 0, lang) for v in row] for y, row in zip(years.index, years.to_numpy())],
                      [label("year", lang)] + [label(c, lang) for c in years.columns]))
    out.append("")
    rows = [[fmt_month(r["month"], lang)] + [fmt_number(r[c], 0, lang) for c in MONTHLY_COLUMNS]
            for r in m.to_dict(orient="records")]
    out.append(table(rows, [label("month", lang)] + [label(c, lang) for c in MONTHLY_COLUMNS]))
    if p.warnings:
        out += ["", label("warnings", lang) + ":"] + [f"  - {w}" for w in p.warnings]
    return "\n".join(out)


def render_compare(projections, lang: str) -> str:
    kpis = cmp.kpi_table(projections)
    names = [p.scenario.name for p in projections]
    rows = []
    for key, row in kpis.iterrows():
        if key.startswith("result_"):
            name = f"{label('result', lang)} {key[7:]}"
            vals = [fmt_eur(v, 0, lang) if v is not None and v == v else "–" for v in row]
        else:
            name = label(key, lang)
            vals = [_kpi_text(key, None if v != v else v, lang) for v in row]
        rows.append([name] + vals)
    out = [table(rows, [""] + names)]
    for p in projections:
        if p.warnings:
            out += ["", f"{label('warnings', lang)} — {p.scenario.name}:"] + [f"  - {w}" for w in p.warnings]
    return "\n".join(out)


def _project_all(paths):
    from simulator.engine.projection import project
    scenarios, errors = [], []
    for path in paths:
        try:
            scenarios.append(load(path))
        except ScenarioError as exc:
            errors.append(exc)
    if errors:
        raise _Errors(errors)
    return [project(s) for s in scenarios]


class _Errors(Exception):
    def __init__(self, errors):
        self.errors = errors


# Subcommand modules beyond run/compare/validate. Each has COMMANDS (its
# subcommand names), add_parsers(subparsers) and handle(args) -> exit status.
PLUGINS = ("simulator.cli.export", "simulator.cli.person", "simulator.cli.users", "simulator.cli.store",
           "simulator.cli.uncertainty")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulator",
        description="Employment-model cash-flow simulator / Työllistymismallien kassavirtalaskuri")
    sub = parser.add_subparsers(dest="command", required=True)
    fmt_kw = dict(choices=("table", "json", "csv"), default="table",
                  help="output format (default: a readable table)")
    lang_kw = dict(choices=("fi", "en"), default="fi", help="language of the readable table")
    p_run = sub.add_parser("run", help="project one scenario")
    p_run.add_argument("scenario")
    p_run.add_argument("--format", **fmt_kw)
    p_run.add_argument("--lang", **lang_kw)
    p_cmp = sub.add_parser("compare", help="put scenarios side by side")
    p_cmp.add_argument("scenarios", nargs="+")
    p_cmp.add_argument("--format", **fmt_kw)
    p_cmp.add_argument("--lang", **lang_kw)
    p_val = sub.add_parser("validate", help="check scenario files")
    p_val.add_argument("scenarios", nargs="+")
    plugins = [importlib.import_module(name) for name in PLUGINS]
    for plugin in plugins:
        plugin.add_parsers(sub)
    args = parser.parse_args(argv)

    try:
        for plugin in plugins:
            if args.command in plugin.COMMANDS:
                return plugin.handle(args)
        if args.command == "validate":
            bad = 0
            for path in args.scenarios:
                try:
                    s = load(path)
                    print(f"{path}: OK — {s.name} ({s.model}, {len(s.people)} people, "
                          f"{s.horizon_months} months)")
                except ScenarioError as exc:
                    bad += 1
                    print(exc.render(), file=sys.stderr)
            return EXIT_USER_ERROR if bad else 0
        paths = [args.scenario] if args.command == "run" else args.scenarios
        projections = _project_all(paths)
        if args.format == "json":
            doc = projections[0].to_dict() if args.command == "run" else cmp.to_dict(projections)
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
        elif args.format == "csv":
            if args.command == "run":
                sys.stdout.write(csv_text(projections[0].monthly))
            else:
                import pandas as pd
                frames = [p.monthly.assign(scenario=p.scenario.name) for p in projections]
                df = pd.concat(frames, ignore_index=True)
                sys.stdout.write(csv_text(df[["scenario"] + [c for c in df.columns if c != "scenario"]]))
        else:
            text = render_run(projections[0], args.lang) if args.command == "run" \
                else render_compare(projections, args.lang)
            print(text)
        return 0
    except _Errors as exc:
        for e in exc.errors:
            print(e.render(), file=sys.stderr)
        return EXIT_USER_ERROR
    except ParameterError as exc:
        print(f"parameter data error / parametritiedoston virhe: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR

