"""Command line of the person's view and the public purse.

    python -m simulator person SCENARIO.yaml [MORE.yaml ...] --person M1
           [--format table|json|csv] [--lang fi|en] [--year 2024] [--hourly-wage 11.5]
    python -m simulator public A.yaml [B.yaml ...] [--format ...] [--lang ...]

``add_parsers(subparsers)`` registers both commands on the main parser;
``handle(args)`` runs one and returns the exit status: 0, or 2 for bad
input (a scenario error, a person not in the scenario, a pension flag
without an amount, a negative amount, an unknown municipality, a year
without tax parameters), with the message in English and Finnish on
stderr and nothing on stdout.
"""
from __future__ import annotations

import io
import math
import sys

from simulator.cli import options
from simulator.cli.options import UserError, load_all
from simulator.cli.textout import csv_text, table, write_json
from simulator.i18n import fmt_eur, fmt_month, fmt_number, label
from simulator.model.parameters import ParameterSet
from simulator.model.problems import ScenarioError
from simulator.i18n.messages import render_all

COMMANDS = ("person", "public")
YEAR_COLUMNS = ("months", "hours_per_week", "gross_pay", "tyoosuusraha", "kela_pension",
                "earnings_related_pension", "hoitotuki", "vammaistuki", "housing_allowance",
                "pensioners_housing_allowance", "general_housing_allowance", "labour_market_support",
                "basic_social_assistance",
                "employee_pension", "employee_unemployment", "daily_allowance_contribution", "income_tax",
                "work_activity_fees", "client_fee", "net_income", "baseline_net_income", "change", "kela_pension_rests",
                "tyel_accrual")
MONTH_COLUMNS = ("hours_per_week", "gross_pay", "tyoosuusraha", "kela_pension", "earnings_related_pension",
                 "income_tax", "net_income", "baseline_net_income", "change")
SUMMARY_KEYS = ("net_income_total", "net_income_per_month", "baseline_net_income_total", "change_total",
                "change_per_month", "gross_pay_total", "tax_total", "contributions_total",
                "pension_rest_months", "pension_lost_total", "tyel_accrual_total", "tyel_accrual_per_month",
                "net_gain_per_paid_hour")


def add_parsers(subparsers) -> None:
    """Register ``person`` and ``public`` on the main parser's subparsers."""
    fmt_kw = dict(choices=("table", "json", "csv"), default="table",
                  help="output format (default: a readable table)")
    lang_kw = dict(choices=("fi", "en"), default="fi", help="language of the readable table")
    p = subparsers.add_parser("person", help="a person's net income by month and year, the pension cliff "
                                              "/ henkilön nettotulot ja eläkekatto")
    p.add_argument("scenarios", nargs="+", metavar="scenario")
    p.add_argument("--person", required=True, help="person id, e.g. M1")
    p.add_argument("--format", **fmt_kw)
    p.add_argument("--lang", **lang_kw)
    p.add_argument("--year", type=options.year, default=None,
                   help="year of the net-income-by-hours curve, one of the scenario's "
                        "(default: the first year in paid work)")
    p.add_argument("--hourly-wage", type=options.number(0, options.MAX_HOURLY_WAGE, above=True), default=None,
                   help="hourly wage (€/h in that year) for the curve instead of the scenario's")
    q = subparsers.add_parser("public", help="the public purse and each party against the status quo "
                                              "/ julkinen talous ja osapuolet nykytilaan verrattuna")
    q.add_argument("scenarios", nargs="+", metavar="scenario")
    q.add_argument("--format", **fmt_kw)
    q.add_argument("--lang", **lang_kw)


def _load_all(paths):
    """(path, scenario) of every file, or ``UserError`` with every file's problems."""
    return list(zip(paths, load_all(paths)))


def handle(args) -> int:
    """Run ``person`` or ``public``; 0 on success. Bad input raises (reported
    by ``simulator/cli/main.py``) before anything is printed."""
    out = io.StringIO()
    if args.command == "person":
        _person(args, out)
    else:
        _public(args, out)
    sys.stdout.write(out.getvalue())
    return 0


# ------------------------------------------------------------------ helpers

def _num(v, lang, d=0):
    return "–" if v is None else fmt_number(v, d, lang)


def _floor1(hours: float) -> float:
    """Hours rounded down to 0.1 h: rounding up could pass the limit."""
    return math.floor(hours * 10 + 1e-9) / 10


def _L(key, lang):
    return label(f"person.{key}", lang)


# ------------------------------------------------------------------ person

def _person(args, out) -> None:
    from simulator.person.cliff import pension_cliff
    from simulator.person.income import person_view
    params = ParameterSet.load()
    views, cliffs = [], []
    for path, s in _load_all(args.scenarios):
        _check_year(args.year, s, path)
        v = person_view(s, args.person, params, source=str(path))
        c = None
        if any(ph.kind == "employment" for ph in v.person.phases) or args.hourly_wage or s.pipeline:
            try:
                year = args.year if args.year is not None else v.first_paid_year()
                c = pension_cliff(s, v.person, year, params, args.hourly_wage, v.baseline, str(path))
            except ScenarioError:
                c = None
        views.append(v)
        cliffs.append(c)
    lang = args.lang
    if args.format == "json":
        docs = []
        for v, c in zip(views, cliffs):
            d = v.to_dict(lang)
            d["pension_cliff"] = None if c is None else c.to_dict(lang)
            docs.append(d)
        doc = docs[0] if len(docs) == 1 else {"person": args.person, "comparison": _person_comparison(views),
                                               "views": docs}
        write_json(doc, out)
        return
    if args.format == "csv":
        import pandas as pd
        frames = [v.monthly().assign(scenario=v.scenario.name) for v in views]
        df = pd.concat(frames, ignore_index=True)
        if len(views) > 1:
            df = df[["scenario"] + [c for c in df.columns if c != "scenario"]]
        else:
            df = df.drop(columns="scenario")
        out.write(csv_text(df, float_format="%.2f"))
        return
    parts = []
    if len(views) > 1:
        parts.append(_render_person_comparison(views, lang))
    for v, c in zip(views, cliffs):
        parts.append(_render_person(v, c, lang))
    out.write("\n\n".join(parts) + "\n")


def _check_year(year: int | None, scenario, path) -> None:
    """``--year`` must be a year the scenario runs (its wages and rules are known then)."""
    first, last = scenario.first_month // 12, scenario.last_month // 12
    if year is not None and not first <= year <= last:
        raise UserError(f"--year {year}: {path} runs {first}–{last}; give a year in that range",
                        f"--year {year}: {path} kattaa vuodet {first}–{last}; anna vuosi siltä väliltä")


def _person_comparison(views) -> list[dict]:
    rows = []
    for v in views:
        y = v.yearly()
        rows.append({"scenario": v.scenario.name, "model": v.scenario.model,
                     "net_income_by_year": {r["year"]: round(float(r["net_income"]), 2) for _, r in y.iterrows()},
                     "staying_by_year": {r["year"]: round(float(r["baseline_net_income"]), 2) for _, r in y.iterrows()},
                     **{k: (None if val is None else round(val, 2)) for k, val in v.summary().items()}})
    return rows


def _render_person_comparison(views, lang) -> str:
    years = sorted({y for v in views for y in v.yearly()["year"]})
    header = [_L("net_income", lang)] + [label("year", lang) + " " + y for y in years] + [label("ui.total", lang)]
    rows = []
    base = views[0]
    by = base.yearly().set_index("year")
    rows.append([_L("staying", lang) + f" ({base.scenario.name})"]
                + [_num(by["baseline_net_income"].get(y), lang) for y in years]
                + [_num(base.baseline["net_income"].sum(), lang)])
    for v in views:
        yy = v.yearly().set_index("year")
        rows.append([v.scenario.name] + [_num(yy["net_income"].get(y), lang) for y in years]
                    + [_num(v.lines["net_income"].sum(), lang)])
    title = f"{_L('person', lang)} {views[0].person.id} — {_L('by_model', lang)}"
    return title + "\n\n" + table(rows, header)


def _render_person(v, c, lang) -> str:
    s = v.scenario
    tax = _L("tax_mode." + v.tax_mode, lang)
    if v.tax_mode == "withholding":
        tax += f" {fmt_number(100 * v.person.withholding_rate, 1, lang)} %"
    town = _L("town." + v.municipality, lang)
    out = [f"{_L('person', lang)} {v.person.id} — {s.name} — {label(s.model, lang)}",
           f"{_L('municipality', lang)}: {town} — {_L('tax', lang)}: {tax}"
           + (f" — {_L('branches', lang)}: " + ", ".join(f"{b.row_id} {fmt_number(100 * b.weight, 0, lang)} %"
                                                       for b in v.branches) if len(v.branches) > 1 else ""),
           ""]
    summ = v.summary()
    out.append(table([[_L("kpi." + k, lang), _num(summ[k], lang, 2 if "per" in k else 0)] for k in SUMMARY_KEYS],
                      [_L("summary", lang), ""]))
    out.append("")
    y = v.yearly()
    rows = [[r["year"]] + [_num(r[k], lang, 1 if k == "hours_per_week" else 0) for k in YEAR_COLUMNS]
            for r in y.to_dict(orient="records")]
    out.append(_L("by_year", lang))
    out.append(table(rows, [label("year", lang)] + [_L(k, lang) for k in YEAR_COLUMNS]))
    out.append("")
    m = v.monthly()
    rows = [[fmt_month(r["month"], lang)] + [_num(r[k], lang, 1 if k == "hours_per_week" else 0)
                                              for k in MONTH_COLUMNS]
            for r in m.to_dict(orient="records")]
    out.append(_L("by_month", lang))
    out.append(table(rows, [label("month", lang)] + [_L(k, lang) for k in MONTH_COLUMNS]))
    if c is not None:
        out.append("")
        out.append(_render_cliff(c, lang))
    notes = v.all_notes()
    if notes or v.parameter_warnings:
        out += ["", label("warnings", lang) + ":"]
        out += [f"  - {x}" for x in render_all(list(notes) + sorted(v.parameter_warnings), lang)]
    return "\n".join(out)


def _render_cliff(c, lang) -> str:
    out = [f"{_L('cliff.title', lang)} {c.year} — {_L('cliff.hourly_wage', lang)} {fmt_eur(c.hourly_wage, 2, lang)}"
           f" — {_L('earnings_limit', lang)} {fmt_eur(c.limit, 2, lang)}"]
    if c.limit_hours is None:
        out.append(_L("cliff.no_pension", lang))
    else:
        out.append(f"{_L('cliff.limit_hours', lang)}: {fmt_number(_floor1(c.limit_hours), 1, lang)} h "
                   f"({_L('cliff.net', lang)} {fmt_eur(c.net_at_limit, 0, lang)})")
        if c.break_even_hours is None:
            out.append(_L("cliff.never", lang))
        else:
            out.append(f"{_L('cliff.break_even', lang)}: {fmt_number(c.break_even_hours, 1, lang)} h")
    if c.staying_net is not None:
        out.append(f"{_L('cliff.staying', lang)}: {fmt_eur(c.staying_net, 0, lang)}")
    rows = []
    for h, n, g, p, t, k in zip(c.hours, c.net, c.gross, c.pension, c.tax, c.contributions):
        if abs(h * 2 - round(h * 2)) < 1e-9 and round(h * 2) % 5 == 0:   # every 2.5 h
            rows.append([fmt_number(h, 1, lang), _num(g, lang), _num(p, lang), _num(t + k, lang), _num(n, lang)])
    out.append(table(rows, [_L("cliff.hours", lang), _L("gross_pay", lang), _L("pension", lang),
                             _L("tax_and_contributions", lang), _L("net_income", lang)]))
    out.append("")
    rows = [[str(r["year"]), fmt_eur(r["hourly_wage"], 2, lang), fmt_eur(r["earnings_limit"], 2, lang),
             fmt_number(_floor1(r["max_hours_under_limit"]), 1, lang),
             "–" if r["scenario_hours"] is None else fmt_number(r["scenario_hours"], 1, lang),
             label("opt.yes", lang) if r["over_limit"] else ""] for r in c.limits_by_year]
    out.append(_L("cliff.by_year", lang))
    out.append(table(rows, [label("year", lang), _L("cliff.hourly_wage", lang), _L("earnings_limit", lang),
                             _L("cliff.max_hours", lang), _L("cliff.scenario_hours", lang),
                             _L("cliff.over", lang)]))
    return "\n".join(out)


# ------------------------------------------------------------------ public

def _public(args, out) -> None:
    from simulator.person.public import PAYERS, public_purse
    params = ParameterSet.load()
    purses = [public_purse(s, params, source=str(path))
              for path, s in _load_all(args.scenarios)]
    lang = args.lang
    if args.format == "json":
        docs = [p.to_dict(lang) for p in purses]
        doc = docs[0] if len(docs) == 1 else {"comparison": _public_comparison(purses), "scenarios": docs}
        write_json(doc, out)
        return
    if args.format == "csv":
        import pandas as pd
        rows = []
        for p in purses:
            for r in p.by_year():
                rows.append({"scenario": p.scenario.name, **r})
        out.write(csv_text(pd.DataFrame(rows), float_format="%.2f"))
        return
    parts = []
    if len(purses) > 1:
        comp = _public_comparison(purses)
        keys = [f"net_{p}" for p in PAYERS] + ["net_public_cost", "person_years", "net_cost_per_person_year",
                                                 "paid_hours", "net_cost_per_paid_hour"]
        rows = [[_P(k, lang)] + [_num(c[k], lang, 2 if "per_" in k else 0) for c in comp] for k in keys]
        parts.append(_P("title", lang) + "\n\n" + table(rows, [""] + [c["scenario"] for c in comp]))
    parts.append(_parties_table(purses, lang))
    for p in purses:
        parts.append(_render_public(p, lang))
    out.write("\n\n".join(parts) + "\n")


def _parties_table(purses, lang) -> str:
    """Each party's total and its difference from the status quo, scenarios side by side."""
    from simulator.parties import PARTIES
    head = [label("party.title", lang)]
    for p in purses:
        head += [p.scenario.name, label("party.difference", lang)]
    rows = []
    for q in PARTIES:
        row = [label(f"party.{q}", lang)]
        for p in purses:
            row += [_num(p.parties.total(q), lang), _num(p.parties.difference(q), lang)]
        rows.append(row)
    return table(rows, head)


def _P(key, lang):
    return label(f"public.{key}", lang)


def _public_comparison(purses) -> list[dict]:
    from simulator.person.public import PAYERS
    out = []
    for p in purses:
        bp, k = p.by_payer(), p.kpis()
        row = {"scenario": p.scenario.name, "model": p.scenario.model}
        row.update({f"net_{q}": round(bp[q]["net_cost"], 2) for q in PAYERS})
        row.update({kk: (None if vv is None else round(vv, 2)) for kk, vv in k.items()})
        out.append(row)
    return out


def _render_public(p, lang) -> str:
    from simulator.person.public import PAYERS
    s = p.scenario
    out = [f"{_P('title', lang)} — {s.name} — {label(s.model, lang)}",
           _P("org_public" if p.organisation_public else "org_private", lang), ""]
    k = p.kpis()
    out.append(table([[_P(key, lang), _num(v, lang, 2 if "per_" in key else 0)] for key, v in k.items()],
                      [label("ui.kpi", lang), ""]))
    bp = p.by_payer()
    for q in PAYERS:
        d = bp[q]
        rows = [[_P("paid_out", lang) + ": " + label("party_line." + line, lang), _num(v, lang)]
                for line, v in d["paid_out"].items() if abs(v) >= 0.005]
        rows += [[_P("received", lang) + ": " + label("party_line." + line, lang), _num(v, lang)]
                 for line, v in d["received"].items() if abs(v) >= 0.005]
        rows.append([_P("net_cost", lang), _num(d["net_cost"], lang)])
        out += ["", table(rows, [_P("payer." + q, lang), "€"])]
    out.append("")
    rows = [[str(r["year"])] + [_num(r[q], lang) for q in PAYERS] + [_num(r["total"], lang)] for r in p.by_year()]
    out.append(_P("by_year", lang))
    out.append(table(rows, [label("year", lang)] + [_P("payer." + q, lang) for q in PAYERS]
                      + [label("ui.total", lang)]))
    out.append("")
    rows = [[k if k != "organisation" else _P("organisation", lang), _num(v["net_cost"], lang),
             _num(v["per_person_year"], lang)] for k, v in p.per_person().items()]
    out.append(_P("by_person", lang))
    out.append(table(rows, [label("ui.person", lang), _P("net_cost", lang), _P("net_cost_per_person_year", lang)]))
    notes = p.notes
    if notes or p.parameter_warnings:
        out += ["", label("warnings", lang) + ":"]
        out += [f"  - {x}" for x in render_all(list(notes) + sorted(p.parameter_warnings), lang)]
    return "\n".join(out)
