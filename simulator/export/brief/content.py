"""What the decision brief says (no PDF here): gathered from the projections
and the analyses, formatted for the reader's language.

- key figures: the engine's catalogue (``HEADLINE_KPIS`` + ``TOTAL_KPIS``),
  formatted by ``simulator.engine.display``; with several scenarios, each
  later one's difference from the first;
- cash: closing cash and cumulative result month by month, break-even;
- people: the engine's person lines (``Projection.people``): net income over
  the period and its change against staying in the first phase;
- risk: Monte Carlo (few draws, the scenario's own distributions and seed)
  in words (``simulator.uncertainty.words``); without distributions, said so;
- the five assumptions that matter most (tornado of the total result) with
  where their value comes from (the item's note, e.g. "[estimate 50–100 €]")
  and their status (range from the scenario or the ±20 % default);
- what differs between the scenarios (``simulator.store.diff.walk``, by section);
- parties: each party's total (``simulator.parties``) when that package works,
  else ``parties`` is None and the brief says the section is left out.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from simulator.engine.catalogue import HEADLINE_KPIS, TOTAL_KPIS
from simulator.engine.display import format_difference, format_value, kpi_label
from simulator.engine.projection import Projection
from simulator.i18n import LABELS, fmt_eur, fmt_month, label
from simulator.store.diff import walk
from simulator.uncertainty.words import risk_sentences, signed_eur

BRIEF_KPIS = tuple(dict.fromkeys(HEADLINE_KPIS + TOTAL_KPIS))
MC_DRAWS = 300          # few draws: the brief is made in seconds; the Herkkyys page runs more
TOP_ASSUMPTIONS = 5


@dataclass
class ScenarioPart:
    name: str
    model: str
    owner: str
    period: str
    description: str
    months: list                      # "YYYY-MM"
    closing_cash: list
    cumulative_result: list
    break_even: str | None
    kpis: dict                        # kpi -> formatted value
    people: list                      # (person id, net income text, change text, change per month text)
    risk: list                        # sentences
    assumptions: list                 # (label, swing text, source text, status text)
    revision: str


@dataclass
class Brief:
    lang: str
    title: str
    parts: list[ScenarioPart]
    kpi_rows: list                    # (label, [value per scenario], [difference per later scenario])
    differences: list                 # sentences: what differs between the scenarios
    parties: list | None              # (party label, [total per scenario]) or None: not available
    parties_note: str = ""
    notes: list = field(default_factory=list)


def _L(key: str, lang: str) -> str:
    return label(key, lang)


def _revision(p: Projection, given: str | None) -> str:
    if given:
        return given
    digest = hashlib.sha256(p.scenario.model_dump_json().encode()).hexdigest()[:10]
    return digest


_SEG = re.compile(r"([A-Za-z_]+)(?:\[([^\]]+)\])?")


def _source_of(scenario_dict: dict, path: str) -> str:
    """The note of the item an assumption path points into (the nearest one
    that has a ``note``), e.g. the revenue line's "[estimate ...]"."""
    node, note = scenario_dict, ""
    for seg in path.split("."):
        m = _SEG.fullmatch(seg)
        if not m or not isinstance(node, dict):
            break
        node = node.get(m.group(1))
        if m.group(2) is not None and isinstance(node, list):
            key = m.group(2)
            found = None
            if key.isdigit() and int(key) < len(node):
                found = node[int(key)]
            for item in node:
                if isinstance(item, dict) and key in (item.get("name"), item.get("id")):
                    found = item
            node = found
        if isinstance(node, dict) and node.get("note"):
            note = str(node["note"])
    return note


def _assumptions(p: Projection, lang: str) -> list:
    from simulator.uncertainty.sensitivity import SensitivityError, tornado
    try:
        tr = tornado(p.scenario, "total_result", 0.2, params=p.context.params)
    except SensitivityError:
        return []
    d = p.scenario.model_dump(mode="json")
    out = []
    for b in tr.bars[:TOP_ASSUMPTIONS]:
        status = _L("brief.status.scenario" if b.bounds_from == "scenario" else "brief.status.relative", lang)
        source = _source_of(d, b.path) or _L("brief.source.scenario", lang)
        out.append((b.label(lang), fmt_eur(b.swing, 0, lang), source, status))
    return out


def _risk(p: Projection, lang: str, draws: int) -> list:
    from simulator.uncertainty.montecarlo import MonteCarloError, run_montecarlo
    u = p.scenario.uncertainty
    if u is None or not getattr(u, "distributions", None):
        return [_L("brief.risk.none", lang)]
    try:
        res = run_montecarlo(p.scenario, p.context.params, draws=draws, seed=u.seed, workers=1)
    except (MonteCarloError, ValueError) as exc:
        return [_L("brief.risk.failed", lang).format(error=str(exc)[:200])]
    words = risk_sentences(res.kpi_percentiles, res.deterministic, res.prob_cash_negative, lang)
    return words + [_L("brief.risk.draws", lang).format(draws=res.draws)]


def _people(p: Projection, lang: str) -> list:
    rows = []
    n = max(1, len(p.month_labels))
    for pl in p.people:
        net = float(pl.lines["net_income"].sum())
        change = float(pl.change.sum())
        rows.append((pl.person.id, fmt_eur(net, 0, lang), signed_eur(change, lang),
                     signed_eur(change / n, lang)))
    return rows


def scenario_part(p: Projection, lang: str, revision: str | None = None, draws: int = MC_DRAWS) -> ScenarioPart:
    s, col = p.scenario, p.columns
    labels = list(p.month_labels)
    return ScenarioPart(
        name=s.name, model=_L(s.model, lang), owner=s.budget_owner,
        period=f"{fmt_month(labels[0], lang)} – {fmt_month(labels[-1], lang)}",
        description=s.description_text(lang),
        months=labels, closing_cash=[float(x) for x in col["closing_cash"]],
        cumulative_result=[float(x) for x in col["cumulative_result"]],
        break_even=p.kpis.get("break_even_month"),
        kpis={k: format_value(k, p.kpis.get(k), lang) for k in BRIEF_KPIS},
        people=_people(p, lang), risk=_risk(p, lang, draws), assumptions=_assumptions(p, lang),
        revision=_revision(p, revision))


def _differences(projections: list[Projection], lang: str) -> list:
    """By section of the scenario, how many values differ from the first scenario."""
    if len(projections) < 2:
        return []
    first = projections[0].scenario.model_dump(mode="json")
    out = []
    for p in projections[1:]:
        d = p.scenario.model_dump(mode="json")
        by: dict[str, int] = {}
        for ch in walk(first, d):
            top = str(getattr(ch.steps[0], "value", ch.steps[0])) if ch.steps else ""
            if top in ("name", "description", "uncertainty"):
                continue
            by[top] = by.get(top, 0) + 1
        if projections[0].scenario.model != p.scenario.model:
            out.append(_L("brief.diff.model", lang).format(
                a=projections[0].scenario.name, b=p.scenario.name,
                ma=_L(projections[0].scenario.model, lang), mb=_L(p.scenario.model, lang)))
        parts = ", ".join(f"{_section_label(k, lang)} ({v})" for k, v in sorted(by.items(), key=lambda kv: -kv[1]))
        out.append(_L("brief.diff.sections", lang).format(a=projections[0].scenario.name, b=p.scenario.name,
                                                         n=sum(by.values()), parts=parts or "–"))
    return out


def _section_label(key: str, lang: str) -> str:
    for k in (f"brief.section.{key}", f"f.{key}", f"xl.table.{key}"):
        if k in LABELS:
            return label(k, lang)
    return key


def _parties(projections: list[Projection], lang: str):
    """Each party's total per scenario from ``simulator.parties`` (None when unavailable)."""
    try:
        from simulator.parties import PARTIES, parties
        tables = [parties(p) for p in projections]
        rows = []
        for party in PARTIES:
            values = []
            for t in tables:
                total, diff = float(t.total(party)), t.difference(party)
                text = signed_eur(total, lang)
                if diff is not None:
                    text += " " + _L("brief.parties.vs", lang).format(d=signed_eur(float(diff), lang))
                values.append(text)
            rows.append((label(f"party.{party}", lang), values))
        return rows or None
    except Exception:       # the parties package is new and may be incomplete: leave the section out
        return None


def gather(projections: list[Projection], lang: str = "fi", revisions: list | None = None,
           draws: int = MC_DRAWS) -> Brief:
    revisions = revisions or [None] * len(projections)
    parts = [scenario_part(p, lang, r, draws) for p, r in zip(projections, revisions)]
    kpi_rows = []
    for k in BRIEF_KPIS:
        values = [pt.kpis[k] for pt in parts]
        diffs = [format_difference(k, projections[0].kpis.get(k), p.kpis.get(k), lang) for p in projections[1:]]
        kpi_rows.append((kpi_label(k, lang), values, diffs))
    title = (_L("brief.title.one", lang).format(name=parts[0].name) if len(parts) == 1 else
             _L("brief.title.many", lang).format(names=" – ".join(pt.name for pt in parts)))
    pr = _parties(projections, lang)
    return Brief(lang, title, parts, kpi_rows, _differences(projections, lang), pr,
                 "" if pr is not None else _L("brief.parties.missing", lang))
