"""Command line of sensitivity, goal seek and Monte Carlo.

    python -m simulator sensitivity SCENARIO --kpi npv [--rel 0.2] [--top 15]
           [--assumption PATH ...] [--two-way PATH_A PATH_B [--steps 5]]
    python -m simulator solve SCENARIO --assumption PATH --goal break_even_by:2023-12
           [--low X --high Y] [--write OUT.yaml [--force]]
    python -m simulator montecarlo SCENARIO [--draws N] [--seed S]

All take ``--format table|json|csv`` and ``--lang fi|en`` like ``run``.
Bad input (unknown assumption, bad KPI or goal, low > high, a goal no value
reaches, a bad output file) exits with status 2 and a message in English
and Finnish on stderr; nothing is printed to stdout or written then.
``solve --write`` writes the full scenario with the answer applied (never
the input file, a pilot, or an existing file without ``--force``).
"""
from __future__ import annotations

import io
import math
import os
import sys
import tempfile
from pathlib import Path

import yaml

from simulator.cli import options
from simulator.cli.options import UserError
from simulator.cli.textout import csv_text, table, write_json
from simulator.i18n import fmt_month, fmt_number, label
from simulator.model.problems import validate
from simulator.model.loader import load
from simulator.model.uncertainty_spec import MAX_DRAWS
from simulator.uncertainty.goal import NoSolution, solve, unit_label
from simulator.uncertainty.sensitivity import default_values, tornado, two_way

COMMANDS = ("sensitivity", "solve", "montecarlo")
DEFAULT_TOP = 15
MAX_REL = 10.0              # --rel: a share (0.2 = ±20 %)
MAX_SEED = 2 ** 32 - 1      # --seed


def add_parsers(subparsers) -> None:
    """Register ``sensitivity``, ``solve`` and ``montecarlo``."""
    fmt_kw = dict(choices=("table", "json", "csv"), default="table",
                  help="output format (default: a readable table)")
    lang_kw = dict(choices=("fi", "en"), default="fi", help="language of the readable table")
    p = subparsers.add_parser("sensitivity", help="tornado or two-way table of a KPI / herkkyysanalyysi")
    p.add_argument("scenario")
    p.add_argument("--kpi", default="npv",
                   help="npv, min_cash, total_result, closing_cash, break_even_month, result_year:YYYY, "
                        "cash_at:YYYY-MM, net_income:<person id> (default npv)")
    p.add_argument("--rel", type=options.number(0, MAX_REL, above=True), default=0.2, help="relative move when the scenario gives no bounds (0.2 = ±20 %%)")
    p.add_argument("--top", type=options.integer(1), default=None, help=f"show the N largest bars (table default {DEFAULT_TOP})")
    p.add_argument("--assumption", action="append", default=None, metavar="PATH",
                   help="only these assumptions (repeat the option)")
    p.add_argument("--two-way", nargs=2, metavar=("PATH_A", "PATH_B"), default=None,
                   help="a table of the KPI over two assumptions instead of the tornado")
    p.add_argument("--steps", type=options.integer(2, 21), default=5, help="values of each assumption in the two-way table (2–21)")
    p.add_argument("--format", **fmt_kw)
    p.add_argument("--lang", **lang_kw)
    q = subparsers.add_parser("solve", help="goal seek: the value of one assumption that meets a goal "
                                            "/ tavoitehaku")
    q.add_argument("scenario")
    q.add_argument("--assumption", required=True, metavar="PATH", help="e.g. revenue[Siivous].price")
    q.add_argument("--goal", required=True, help="break_even_by:YYYY-MM or min_cash_at_least:<euros>")
    q.add_argument("--low", default=None, help="lower end of the search range (a month YYYY-MM for a phase start)")
    q.add_argument("--high", default=None, help="upper end of the search range")
    q.add_argument("--write", default=None, metavar="OUT.yaml", help="save a copy of the scenario with the answer")
    q.add_argument("--force", action="store_true", help="with --write: replace an existing file (not a pilot)")
    q.add_argument("--format", **fmt_kw)
    q.add_argument("--lang", **lang_kw)
    m = subparsers.add_parser("montecarlo", help="Monte Carlo over the scenario's uncertainty.distributions")
    m.add_argument("scenario")
    m.add_argument("--draws", type=options.integer(1, MAX_DRAWS), default=None, help="number of draws (default: the scenario's, or 10 000)")
    m.add_argument("--seed", type=options.integer(0, MAX_SEED), default=None, help="random seed (default: the scenario's, or 1)")
    m.add_argument("--format", **fmt_kw)
    m.add_argument("--lang", **lang_kw)


def handle(args) -> int:
    """Run one command; 0 on success. Bad input raises (reported by
    ``simulator/cli/main.py``: status 2, nothing on stdout)."""
    out = io.StringIO()
    scenario = load(args.scenario)
    if args.command == "sensitivity":
        _sensitivity(args, scenario, out)
    elif args.command == "solve":
        _solve(args, scenario, out)
    else:
        _montecarlo(args, scenario, out)
    sys.stdout.write(out.getvalue())
    return 0


# ------------------------------------------------------------------ helpers

def _L(key, lang, **fmt):
    text = label(f"ua.{key}", lang)
    return text.format(**fmt) if fmt else text


def _value_text(v, unit: str, integer: bool, lang: str) -> str:
    """An assumption value as users read it: shares as %, months as months."""
    if v is None:
        return "–"
    if unit == "month":
        from simulator.model.conventions import month_label
        return fmt_month(month_label(int(v)), lang)
    if unit == "share":
        return f"{fmt_number(100 * v, 2, lang)} %"
    return fmt_number(v, 0 if integer else 2, lang)


def _kpi_text(v, kpi, lang: str, unit: bool = False) -> str:
    if v is None:
        return _L("solve.never", lang)
    text = fmt_number(v, 0, lang)
    return f"{text} {kpi.unit}" if unit and kpi.unit == "€" else text


def _num(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else round(float(v), 6)


def _dump(doc, out) -> None:
    write_json(doc, out)


def _head(scenario, lang) -> str:
    return f"{label('scenario', lang)}: {scenario.name} — {label(scenario.model, lang)}"


# ------------------------------------------------------------------ sensitivity

def _sensitivity(args, scenario, out) -> None:
    lang = args.lang
    if args.two_way:
        pa, pb = args.two_way
        va = default_values(scenario, pa, args.rel, args.steps)
        vb = default_values(scenario, pb, args.rel, args.steps)
        tw = two_way(scenario, args.kpi, pa, va, pb, vb)
        _render_two_way(tw, scenario, args.format, lang, out)
        return
    t = tornado(scenario, args.kpi, rel=args.rel, assumptions=args.assumption)
    top = args.top if args.top is not None else (DEFAULT_TOP if args.format == "table" else None)
    bars = t.bars if top is None else t.bars[:top]
    if args.format == "json":
        doc = t.to_dict()
        doc["bars"] = doc["bars"][:len(bars)]
        _dump({"scenario": {"name": scenario.name, "model": scenario.model}, **doc}, out)
        return
    if args.format == "csv":
        import pandas as pd
        df = pd.DataFrame([{"path": b.path, "label": b.label(lang), "unit": b.unit, "base": b.base, "low": b.low,
                            "high": b.high, "kpi_low": _num(b.kpi_low), "kpi_high": _num(b.kpi_high),
                            "swing": _num(b.swing), "bounds_from": b.bounds_from} for b in bars],
                          columns=["path", "label", "unit", "base", "low", "high", "kpi_low", "kpi_high", "swing",
                                   "bounds_from"])
        out.write(csv_text(df))
        return
    k = t.kpi
    lines = [_head(scenario, lang), _L("tornado.title", lang, kpi=k.label(lang)),
             f"{_L('kpi_base', lang)}: {_kpi_text(t.base_kpi, k, lang, unit=True)}",
             _L("tornado.bounds", lang, rel=fmt_number(100 * t.rel, 0, lang)), ""]
    rows = []
    for b in bars:
        rows.append([b.label(lang), unit_label(b.unit, lang),
                     _value_text(b.base, b.unit, b.integer, lang), _value_text(b.low, b.unit, b.integer, lang),
                     _value_text(b.high, b.unit, b.integer, lang), _kpi_text(b.kpi_low, k, lang),
                     _kpi_text(b.kpi_high, k, lang), fmt_number(b.swing, 0, lang)])
    lines.append(table(rows, [_L("assumption", lang), _L("unit", lang), _L("base", lang), _L("low", lang),
                               _L("high", lang), _L("kpi_low", lang), _L("kpi_high", lang), _L("swing", lang)]))
    lines.append("")
    lines.append(_L("tornado.shown", lang, shown=len(bars), total=len(t.bars)))
    if t.skipped:
        lines.append(_L("skipped", lang, n=len(t.skipped)))
    out.write("\n".join(lines) + "\n")


def _render_two_way(tw, scenario, fmt, lang, out) -> None:
    k = tw.kpi
    if fmt == "json":
        _dump({"scenario": {"name": scenario.name, "model": scenario.model}, **tw.to_dict()}, out)
        return
    if fmt == "csv":
        import pandas as pd
        rows = [{tw.a.path: va, tw.b.path: vb, k.spec: _num(tw.table[i, j])}
                for i, va in enumerate(tw.values_a) for j, vb in enumerate(tw.values_b)]
        out.write(csv_text(pd.DataFrame(rows, columns=[tw.a.path, tw.b.path, k.spec])))
        return
    a_int, b_int = tw.a.integer, tw.b.integer
    header = [f"{tw.a.label(lang)} \\ {tw.b.label(lang)}"] + [_value_text(v, tw.b.unit, b_int, lang)
                                                              for v in tw.values_b]
    rows = [[_value_text(va, tw.a.unit, a_int, lang)]
            + [_kpi_text(None if math.isnan(x) else x, k, lang) for x in tw.table[i]]
            for i, va in enumerate(tw.values_a)]
    lines = [_head(scenario, lang), _L("two_way.title", lang, kpi=k.label(lang)),
             f"{_L('kpi_base', lang)}: {_kpi_text(tw.base_kpi, k, lang, unit=True)}",
             f"{_L('two_way.rows', lang)}: {tw.a.label(lang)} ({tw.a.path})",
             f"{_L('two_way.columns', lang)}: {tw.b.label(lang)} ({tw.b.path})", "", table(rows, header)]
    out.write("\n".join(lines) + "\n")


# ------------------------------------------------------------------ solve

def _direction_text(r, lang) -> str:
    if r.direction is None:
        return _L("solve.keep", lang)
    if r.kind == "month":
        return _L("solve.later" if r.direction == "raise" else "solve.earlier", lang)
    return _L(f"solve.{r.direction}", lang)


def _achieved_text(r, lang) -> str:
    if r.goal.name == "break_even_by":
        return f"{label('break_even_month', lang)}: " + (fmt_month(r.achieved, lang) if r.achieved
                                                         else _L("solve.never", lang))
    return f"{label('min_cash', lang)}: {fmt_number(r.achieved, 0, lang)} €"


def _solve(args, scenario, out) -> None:
    lang = args.lang
    target = _check_write_target(args) if args.write else None
    try:
        r = solve(scenario, args.assumption, args.goal, lo=args.low, hi=args.high)
    except NoSolution as exc:
        raise UserError(exc.en, exc.fi) from None
    written = None
    if target is not None:
        if r.value is None:
            raise UserError(f"nothing to write: the goal holds over the whole search range of {r.path}",
                             f"ei tallennettavaa: tavoite täyttyy oletuksen {r.path} koko hakuvälillä")
        written = _write_copy(scenario, r, target, args)
    if args.format == "json":
        _dump({"scenario": {"name": scenario.name, "model": scenario.model}, **r.to_dict(),
               "written": None if written is None else str(written)}, out)
        return
    if args.format == "csv":
        import pandas as pd
        d = r.to_dict()
        d["written"] = None if written is None else str(written)
        out.write(csv_text(pd.DataFrame([d])))
        return
    rows = [[_L("assumption", lang), f"{r.label_fi if lang == 'fi' else r.label_en} ({r.path})"],
            [_L("goal", lang), r.goal.label(lang)],
            [_L("base", lang), r.value_text(lang, r.base_value)],
            [_L("solve.base_margin", lang), f"{fmt_number(r.base_margin, 0, lang)} €"]]
    if r.already_met:
        rows.append([_L("solve.boundary", lang), r.value_text(lang) + (f" ({_direction_text(r, lang)})"
                                                                      if r.value is not None else "")])
    else:
        rows.append([_L("solve.answer", lang), f"{r.value_text(lang)} ({_direction_text(r, lang)})"])
    if r.value is not None:
        rows.append([_L("solve.achieved", lang), _achieved_text(r, lang)])
        rows.append([_L("solve.margin", lang), f"{fmt_number(r.margin, 0, lang)} €"])
    rows.append([_L("solve.bounds", lang), f"{r.value_text(lang, r.low)} – {r.value_text(lang, r.high)}"])
    rows.append([_L("solve.iterations", lang), str(r.iterations)])
    width = max(len(k) for k, _ in rows)
    lines = [_head(scenario, lang), _L("solve.title", lang), ""] + [f"{k.ljust(width)}  {v}" for k, v in rows]
    if r.already_met:
        lines.append("")
        lines.append(_L("solve.already", lang, value=r.value_text(lang)) if r.value is not None
                     else _L("solve.holds", lang))
    if written is not None:
        lines.append(_L("solve.written", lang, path=written))
    out.write("\n".join(lines) + "\n")


def _check_write_target(args) -> Path:
    """Refuse the input file, a pilot, a non-YAML name, a missing folder, a link, or an
    existing file without --force; before any computing (``simulator/cli/outpath.py``)."""
    from simulator.cli.outpath import check_output
    return check_output(args.write, option="--write", suffixes=(".yaml", ".yml"),
                        inputs=(args.scenario,), force=args.force)


def _write_copy(scenario, r, target: Path, args) -> Path:
    """Write the full scenario with the answer applied, validated, atomically."""
    from simulator.model.paths import with_values
    new = with_values(scenario, {r.path: r.scenario_value()})
    value = r.to_dict()["value"]
    name = f"{scenario.name} – {r.path} = {value}"[:200]
    data = new.model_dump(mode="json", exclude_none=True)
    data.pop("base", None)
    data["name"] = name
    validate(data, str(target))     # never write an invalid scenario
    header = (f"# Goal seek / tavoitehaku: {r.goal.spec}\n# {r.path} = {value} (base {r.to_dict()['base_value']})"
              f" — from {args.scenario}\n# Full scenario.\n")
    text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


# ------------------------------------------------------------------ montecarlo

def _mc_kpi_label(name, lang) -> str:
    if name in ("break_even_months", "break_even_month"):
        text = _L("kpi.break_even_month", lang)
        return text[:1].upper() + text[1:]
    return label(name, lang)


def mc_progress(draws: int, lang: str, stream=None, clock=None):
    """A long run's progress on stderr when it is a terminal (None otherwise:
    pipes and logs get nothing): one line, rewritten in place, shown from the
    first second on and at most twice a second, ended at 100 %."""
    import time
    stream = sys.stderr if stream is None else stream
    clock = clock or time.monotonic
    if not getattr(stream, "isatty", lambda: False)():
        return None
    start, shown = clock(), [None]

    def show(fraction: float) -> None:
        now = clock()
        if now - start < 1.0 or (fraction < 1 and shown[0] is not None and now - shown[0] < 0.5):
            return
        shown[0] = now
        stream.write("\r" + _L("mc.cli_progress", lang, done=fmt_number(round(fraction * draws), 0, lang),
                                draws=fmt_number(draws, 0, lang), pct=fmt_number(100 * fraction, 0, lang))
                     + ("\n" if fraction >= 1 else ""))
        stream.flush()
    return show


def _montecarlo(args, scenario, out) -> None:
    lang = args.lang
    try:
        from simulator.uncertainty.montecarlo import run_montecarlo
    except ImportError:
        raise UserError("Monte Carlo is not available in this version", "Monte Carlo ei ole käytettävissä") from None
    try:
        draws = args.draws if args.draws is not None else getattr(scenario.uncertainty, "draws", None) or 10_000
        res = run_montecarlo(scenario, params=None, draws=args.draws, seed=args.seed,
                             progress=mc_progress(draws, lang))
    except ValueError as exc:   # the Monte Carlo module's bilingual input errors
        raise UserError(str(exc), None) from None
    months = list(res.month_labels)
    fan = {int(k): v for k, v in res.cash_percentiles.items()}
    if args.format == "json":
        _dump({"scenario": {"name": scenario.name, "model": scenario.model}, **res.to_dict()}, out)
        return
    if args.format == "csv":
        import pandas as pd
        df = pd.DataFrame({"month": months, **{f"p{p}": [round(float(x), 2) for x in fan[p]] for p in sorted(fan)},
                           "prob_negative_by": [round(float(x), 6) for x in res.prob_negative_by]})
        out.write(csv_text(df))
        return
    lines = [_head(scenario, lang), _L("mc.title", lang),
             f"{_L('mc.draws', lang)}: {fmt_number(res.draws, 0, lang)} — {_L('mc.seed', lang)}: {res.seed}",
             f"{_L('mc.prob_cash_negative', lang)}: {fmt_number(100 * res.prob_cash_negative, 1, lang)} %", ""]
    kp = res.kpi_percentiles
    pcts = sorted({int(p) for v in kp.values() for p in v})
    rows = [[_mc_kpi_label(name, lang)] + [_pct_value(vals, p, name, lang) for p in pcts]
            for name, vals in kp.items()]
    lines += [_L("mc.kpi_percentiles", lang), table(rows, [_L("kpi", lang)] + [f"P{p}" for p in pcts]), ""]
    be = res.break_even_distribution
    rows = [[fmt_month(m, lang) if m else _L("solve.never", lang), f"{fmt_number(100 * pr, 1, lang)} %"]
            for m, pr in be.items()]
    lines += [_L("mc.break_even", lang), table(rows, [label("month", lang), _L("mc.probability", lang)]), ""]
    rows = [[fmt_month(m, lang)] + [fmt_number(float(fan[p][i]), 0, lang) for p in sorted(fan)]
            + [f"{fmt_number(100 * float(res.prob_negative_by[i]), 1, lang)} %"] for i, m in enumerate(months)]
    lines += [_L("mc.cash_fan", lang), table(rows, [label("month", lang)] + [f"P{p}" for p in sorted(fan)]
                                              + [_L("mc.prob_negative_by", lang)])]
    out.write("\n".join(lines) + "\n")


def _pct_value(vals: dict, p: int, name: str, lang: str) -> str:
    v = vals.get(p, vals.get(str(p)))
    if v is None:
        return "–"
    if name in ("subsidy_share",):
        return f"{fmt_number(100 * v, 1, lang)} %"
    if name in ("break_even_months", "break_even_month", "paid_hours"):
        return fmt_number(v, 0, lang)
    return fmt_number(v, 0, lang)
