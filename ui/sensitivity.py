"""Helpers of the Herkkyys / Sensitivity page (the layout is in
``page_sensitivity.py``): the engine calls, cached by the scenario's content
(``model_dump_json``); value and KPI texts; the Monte Carlo summary kept in
session state; the distribution editor's table <-> ``uncertainty.distributions``.

Errors of the uncertainty library come back as values ``{"fi": ..., "en": ...}``
(never a traceback on the page)."""
from __future__ import annotations

import hashlib
import math
import re

import pandas as pd
import streamlit as st

from simulator.model.conventions import month_label
from simulator.i18n import fmt_eur, fmt_month, fmt_number, fmt_percent, label
from simulator.model.parameters import ParameterSet
from simulator.model.scenario import Scenario
from simulator.model.problems import ScenarioError
from simulator.model.paths import Assumption, AssumptionError, check_path, numeric_assumptions
from simulator.uncertainty.goal import GoalError, NoSolution, solve, unit_label
from simulator.uncertainty.measures import MeasureError, parse_kpi
from simulator.uncertainty.montecarlo import FAN, MonteCarloError, run_montecarlo
from simulator.uncertainty.sensitivity import (
    SensitivityError,
    default_values,
    tornado,
    two_way,
)

from .inputs import (
    InputError,
    is_blank,
    month_text,
    number_text,
    parse_month,
    parse_number,
)

MAX_DRAWS = 50_000
MC_KEEP = 6            # Monte Carlo summaries kept per session
KINDS = ("uniform", "triangular", "normal", "choice")
COLUMNS = ("assumption", "kind", "unit", "low", "mode", "high", "mean", "sd", "values", "probabilities")
NEVER_WORDS = ("ei koskaan", "never", "null", "none", "-", "–")
LIBRARY_ERRORS = (MeasureError, SensitivityError, AssumptionError, GoalError, MonteCarloError, ScenarioError)


def error_text(exc) -> dict:
    """A library error as ``{"fi": ..., "en": ...}``."""
    if isinstance(exc, ScenarioError):
        return {"fi": exc.render("fi"), "en": exc.render("en")}
    fi, en = getattr(exc, "fi", None), getattr(exc, "en", None)
    if isinstance(exc, MonteCarloError):
        return {"fi": f"{exc.path}: {fi}", "en": f"{exc.path}: {en}"}
    return {"fi": fi or str(exc), "en": en or str(exc)}


def content_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


# ------------------------------------------------------------------ texts

def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def kpi_label(spec: str, lang: str) -> str:
    return cap(parse_kpi(spec).label(lang))


def kpi_options(scenario: Scenario) -> list[str]:
    """KPI specs a user can choose: the plain ones, the result of each year, each person's net income."""
    years = range(scenario.first_month // 12, scenario.last_month // 12 + 1)
    return (["npv", "min_cash", "total_result", "closing_cash", "break_even_month"]
            + [f"result_year:{y}" for y in years] + [f"net_income:{p.id}" for p in scenario.people])


def value_text(v, unit: str, kind: str, lang: str) -> str:
    """An assumption's value as users read it: ``26 €/h``, ``2,5 %``, ``8/2023``."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if kind == "month":
        return fmt_month(month_label(int(v)), lang)
    if unit == "share":
        x = 100 * float(v)
        return f"{fmt_number(x, 0 if abs(x - round(x)) < 1e-9 else 2, lang)} %"
    x = float(v)
    dec = 0 if kind == "integer" or abs(x - round(x)) < 1e-9 or abs(x) >= 1000 else 2
    return f"{fmt_number(x, dec, lang)} {unit_label(unit, lang)}".strip()


def kpi_text(v, kpi_name: str, lang: str) -> str:
    """A KPI value: euros, or months to break-even (None/NaN = never)."""
    if kpi_name == "break_even_month":
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return label("sens.never", lang)
        return f"{fmt_number(v, 0, lang)} {label('ui.months_short', lang)}"
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return fmt_eur(v, 0, lang)


# ------------------------------------------------------------------ assumptions

def tornado_assumptions(scenario: Scenario, kpi: str) -> list[Assumption]:
    """The assumptions a tornado or two-way table can move for ``kpi`` (no phase starts)."""
    k = parse_kpi(kpi)
    return [a for a in numeric_assumptions(scenario, months=False)
            if a.affects_engine or (k.name == "net_income" and a.path.startswith(f"people[{k.arg}]."))]


def goal_assumptions(scenario: Scenario) -> list[Assumption]:
    """The assumptions goal seek can move (phase starts included; not the person's-view fields)."""
    return [a for a in numeric_assumptions(scenario, months=True) if a.affects_engine]


def default_goal_path(items: list[Assumption]) -> str | None:
    """The first revenue line's price, else the first assumption."""
    for a in items:
        if a.path.startswith("revenue[") and a.path.endswith("].price"):
            return a.path
    return items[0].path if items else None


def unique_labels(items: list[Assumption], lang: str) -> dict[str, str]:
    """path -> label, made unique (a repeated label gets its path)."""
    labels = {a.path: a.label(lang) for a in items}
    counts = pd.Series(list(labels.values())).value_counts()
    return {p: (f"{lb} [{p}]" if counts[lb] > 1 else lb) for p, lb in labels.items()}


# ------------------------------------------------------------------ cached engine calls

@st.cache_data(max_entries=64, show_spinner=False)
def tornado_data(key: str, kpi: str, rel: float):
    """The tornado of ``kpi`` (``sensitivity.tornado``), or an error dict."""
    try:
        return tornado(Scenario.model_validate_json(key), kpi, rel=rel, params=ParameterSet.load())
    except LIBRARY_ERRORS as exc:
        return error_text(exc)


@st.cache_data(max_entries=64, show_spinner=False)
def two_way_data(key: str, kpi: str, path_a: str, path_b: str, rel: float, steps: int):
    """The two-way table over ``default_values`` of both assumptions, or an error dict."""
    scenario = Scenario.model_validate_json(key)
    try:
        va = default_values(scenario, path_a, rel, steps)
        vb = default_values(scenario, path_b, rel, steps)
        return two_way(scenario, kpi, path_a, va, path_b, vb, params=ParameterSet.load())
    except LIBRARY_ERRORS as exc:
        return error_text(exc)


@st.cache_data(max_entries=64, show_spinner=False)
def solve_data(key: str, path: str, goal: str, lo, hi):
    """``goal.solve`` -> ("ok", GoalResult) | ("none", NoSolution details) | ("error", texts)."""
    try:
        return "ok", solve(Scenario.model_validate_json(key), path, goal, lo, hi, params=ParameterSet.load())
    except NoSolution as exc:
        return "none", {"best_value": exc.best_value, "best_margin": exc.best_margin, **error_text(exc)}
    except LIBRARY_ERRORS as exc:
        return "error", error_text(exc)


# ------------------------------------------------------------------ Monte Carlo

def mc_store() -> dict:
    """Monte Carlo summaries of this session, keyed by (scenario content, draws, seed)."""
    return st.session_state.setdefault("_sens_mc", {})


def mc_key(model_json: str, draws: int, seed: int) -> str:
    return f"{content_hash(model_json)}:{int(draws)}:{int(seed)}"


def summarize(res) -> dict:
    """What the page shows of a ``MonteCarloResult`` (no per-draw arrays)."""
    return {
        "draws": res.draws, "seed": res.seed, "months": list(res.month_labels),
        "fan": {p: res.cash_percentiles[p].copy() for p in FAN},
        "prob": {"12": res.prob_negative_within(12), "24": res.prob_negative_within(24),
                 "all": res.prob_cash_negative},
        "break_even": dict(res.break_even_distribution),
        "kpi_percentiles": res.kpi_percentiles, "kpi_means": res.kpi_means,
        "deterministic": res.deterministic,
    }


def run_mc(model: Scenario, draws: int, seed: int, progress=None):
    """Run and summarise; an error dict for bad distributions."""
    try:
        res = run_montecarlo(model, ParameterSet.load(), draws=draws, seed=seed, progress=progress)
    except LIBRARY_ERRORS as exc:
        return error_text(exc)
    return summarize(res)


def remember(key: str, summary: dict) -> None:
    store = mc_store()
    store.pop(key, None)
    store[key] = summary
    for old in list(store)[:-MC_KEEP]:
        del store[old]


# KPI rows of the percentile table: (Monte Carlo name, label key, format)
MC_KPIS = (("npv", "npv", "eur"), ("min_cash", "min_cash", "eur"), ("closing_cash", "closing_cash_kpi", "eur"),
           ("total_result", "total_result", "eur"), ("total_revenue", "total_revenue", "eur"),
           ("total_subsidies", "total_subsidies", "eur"), ("total_costs", "total_costs", "eur"),
           ("paid_hours", "paid_hours", "hours"), ("cost_per_paid_hour", "cost_per_paid_hour", "eur2"),
           ("subsidy_share", "subsidy_share", "share"), ("break_even_months", "sens.mc.be_months", "months"))


def mc_value_text(v, fmt: str, lang: str, never: bool = False) -> str:
    """One cell of the percentile table; ``never``: None means "never" (break-even percentiles)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return label("sens.never", lang) if never else "–"
    if fmt == "eur":
        return fmt_eur(v, 0, lang)
    if fmt == "eur2":
        return fmt_eur(v, 2, lang)
    if fmt == "share":
        return fmt_percent(v, 1, lang)
    if fmt == "hours":
        return f"{fmt_number(v, 0, lang)} h"
    return f"{fmt_number(v, 0 if float(v).is_integer() else 1, lang)} {label('ui.months_short', lang)}"


def deterministic_value(name: str, kpis: dict, months: list):
    """The scenario-as-written value of a Monte Carlo KPI (break-even as months from the start)."""
    if name == "break_even_months":
        be = kpis.get("break_even_month")
        return None if be is None else float(months.index(be) + 1)
    return kpis.get(name)


def percentile_table(summary: dict, lang: str) -> pd.DataFrame:
    """KPI × (P5 … P95, mean, scenario as written), formatted."""
    rows = []
    for name, key, fmt in MC_KPIS:
        pct = summary["kpi_percentiles"][name]
        row = {label("ua.kpi", lang): label(key, lang)}
        row.update({label("sens.mc.pcol", lang).format(p=p): mc_value_text(v, fmt, lang, never=fmt == "months")
                    for p, v in pct.items()})
        row[label("sens.mc.mean", lang)] = mc_value_text(summary["kpi_means"][name], fmt, lang)
        row[label("sens.mc.as_written", lang)] = mc_value_text(
            deterministic_value(name, summary["deterministic"], summary["months"]), fmt, lang, never=fmt == "months")
        rows.append(row)
    return pd.DataFrame(rows).set_index(label("ua.kpi", lang))


# ------------------------------------------------------------------ the distributions as a table

def _num(x, factor: float, lang: str) -> str:
    return "" if x is None else number_text(round(float(x) * factor, 10), lang)


def _choice_value_text(v, kind: str, factor: float, lang: str) -> str:
    if v is None:
        return label("sens.never", lang)
    if kind == "month":
        return month_text(v, lang) if isinstance(v, str) else str(v)
    return _num(v, factor, lang) if isinstance(v, (int, float)) else str(v)


def distribution_rows(scenario: Scenario, lang: str) -> pd.DataFrame:
    """One row per distribution, as text a user reads and types: assumption
    label, kind, unit, low, mode, high, mean, sd, values, probabilities (%).
    Shares are in percent; a phase start's values are months (``ei koskaan`` = never)."""
    items = {a.path: a for a in numeric_assumptions(scenario, months=True)}
    names = unique_labels(list(items.values()), lang)
    u = scenario.uncertainty
    rows = []
    for d in (u.distributions if u is not None else []):
        try:
            path = check_path(scenario, d.assumption)
        except AssumptionError:
            path = d.assumption
        a = items.get(path)
        unit = a.unit if a else ""
        kind = a.kind if a else "continuous"
        f = 100.0 if unit == "share" else 1.0
        row = {"assumption": names.get(path, d.assumption), "kind": label(f"sens.kind.{d.kind}", lang),
               "unit": unit_label(unit, lang) if unit and kind != "month" else "",
               "low": "", "mode": "", "high": "", "mean": "", "sd": "", "values": "", "probabilities": ""}
        if d.kind in ("uniform", "triangular"):
            row.update(low=_num(d.low, f, lang), high=_num(d.high, f, lang))
            if d.kind == "triangular":
                row["mode"] = _num(d.mode, f, lang)
        elif d.kind == "normal":
            row.update(mean=_num(d.mean, f, lang), sd=_num(d.sd, f, lang), low=_num(d.low, f, lang),
                       high=_num(d.high, f, lang))
        else:
            row["values"] = "; ".join(_choice_value_text(v, kind, f, lang) for v in d.values)
            row["probabilities"] = "; ".join(number_text(round(100 * p, 8), lang) for p in d.probabilities)
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def parameters_text(row: dict, lang: str) -> str:
    """The parameters of one table row in words: ``ala 22 · moodi 26 · ylä 30``."""
    parts = []
    for k in (("mean", "sd", "low", "high") if row.get("mean") else ("low", "mode", "high")):
        if row.get(k):
            parts.append(f"{label(f'sens.dist.{k}', lang)} {row[k]}")
    if row.get("values"):
        vals = [v.strip() for v in row["values"].split(";")]
        probs = [p.strip() for p in row["probabilities"].split(";")]
        parts.append(", ".join(f"{v} ({p} %)" for v, p in zip(vals, probs)))
    unit = f" ({row['unit']})" if row.get("unit") else ""
    return " · ".join(parts) + unit


class RowProblem(Exception):
    def __init__(self, row: int, column: str, key: str, **fmt):
        self.row, self.column, self.key, self.fmt = row, column, key, fmt
        super().__init__(key)

    def message(self, lang: str) -> str:
        where = label("sens.dist.where", lang).format(row=self.row + 1,
                                                       column=label(f"sens.dist.{self.column}_col", lang))
        return f"{where}: {label(self.key, lang).format(**self.fmt)}"


def _split(text) -> list[str]:
    return [] if is_blank(text) else [p.strip() for p in re.split(r"[;\n]", str(text)) if p.strip()]


def rows_to_distributions(df: pd.DataFrame, scenario: Scenario, lang: str) -> tuple[list[dict], list[RowProblem],
                                                                                  list[int]]:
    """The edited table back to ``uncertainty.distributions`` entries (shares
    from percent, probabilities from percent, months from ``3/2024``), with
    every cell that cannot be read listed as a problem (row, column, why),
    and the table row of each entry (empty rows are skipped)."""
    items = {a.path: a for a in numeric_assumptions(scenario, months=True)}
    by_label = {v: k for k, v in unique_labels(list(items.values()), lang).items()}
    kinds = {label(f"sens.kind.{k}", lang): k for k in KINDS}
    out, problems, rows = [], [], []
    for i, row in enumerate(df.to_dict("records")):
        if all(is_blank(row.get(c)) for c in ("assumption", "kind", "low", "mode", "high", "mean", "sd", "values",
                                             "probabilities")):
            continue     # an empty added row
        try:
            out.append(_row(i, row, items, by_label, kinds, lang))
            rows.append(i)
        except RowProblem as p:
            problems.append(p)
    return out, problems, rows


_WHERE = re.compile(r"^uncertainty\.distributions\[(\d+)\](?:\.(\w+))?")


def where(path: str, rows: list[int], lang: str) -> str:
    """A validation path (``uncertainty.distributions[2].high``) as the editor's row and column."""
    m = _WHERE.match(path or "")
    if not m or int(m.group(1)) >= len(rows):
        return path
    col = m.group(2) if m.group(2) in COLUMNS else "assumption"
    return label("sens.dist.where", lang).format(row=rows[int(m.group(1))] + 1, column=label(f"sens.dist.{col}_col", lang))


def _row(i: int, row: dict, items, by_label, kinds, lang) -> dict:
    path = by_label.get(row.get("assumption"))
    if path is None:
        raise RowProblem(i, "assumption", "sens.dist.err.assumption")
    kind = kinds.get(row.get("kind"))
    if kind is None:
        raise RowProblem(i, "kind", "sens.dist.err.kind")
    a = items[path]
    f = 100.0 if a.unit == "share" else 1.0

    def number(col: str, required: bool = True):
        try:
            x = parse_number(row.get(col), lang)
        except InputError as exc:
            raise RowProblem(i, col, exc.key, **exc.fmt) from None
        if x is None:
            if required:
                raise RowProblem(i, col, "ui.err.required")
            return None
        return x / f

    d = {"assumption": path, "kind": kind}
    if a.kind == "month" and kind != "choice":
        raise RowProblem(i, "kind", "sens.dist.err.month_choice")
    if kind in ("uniform", "triangular"):
        d["low"] = number("low")
        if kind == "triangular":
            d["mode"] = number("mode")
        d["high"] = number("high")
    elif kind == "normal":
        d["mean"], d["sd"] = number("mean"), number("sd")
        lo, hi = number("low", False), number("high", False)
        if lo is not None:
            d["low"] = lo
        if hi is not None:
            d["high"] = hi
    else:
        values = []
        for text in _split(row.get("values")):
            if text.casefold() in NEVER_WORDS:
                if a.kind != "month":
                    raise RowProblem(i, "values", "sens.dist.err.never_only_months")
                values.append(None)
            elif a.kind == "month":
                try:
                    values.append(parse_month(text, lang))
                except InputError as exc:
                    raise RowProblem(i, "values", exc.key, **exc.fmt) from None
            else:
                try:
                    values.append(parse_number(text, lang) / f)
                except InputError as exc:
                    raise RowProblem(i, "values", exc.key, **exc.fmt) from None
        if not values:
            raise RowProblem(i, "values", "ui.err.required")
        probs = []
        for text in _split(row.get("probabilities")):
            try:
                probs.append(parse_number(text, lang) / 100.0)
            except InputError as exc:
                raise RowProblem(i, "probabilities", exc.key, **exc.fmt) from None
        if not probs:
            raise RowProblem(i, "probabilities", "ui.err.required")
        d["values"], d["probabilities"] = values, probs
    return d


def months_of(scenario: Scenario) -> list[str]:
    return [month_label(m) for m in range(scenario.first_month, scenario.last_month + 1)]
