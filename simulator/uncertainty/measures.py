"""KPI selection for sensitivity, goal seek and Monte Carlo: one number per projection.

Specs (text, as on the command line):

- ``npv``, ``min_cash``, ``total_result``, ``closing_cash``: the engine's KPIs
  (unrounded: computed from the monthly columns);
- ``break_even_month``: months from the start up to and including the
  break-even month (1 = break-even in the first month, as Monte Carlo's
  ``break_even_months``); never → None;
- ``result_year:<YYYY>``: the sum of ``result`` in that calendar year (a year
  of the projection);
- ``cash_at:<YYYY-MM>``: closing cash in that month (a month of the projection);
- ``net_income:<person id>``: the person's net income over the horizon,
  weighted over the person's pipeline branches (``simulator.person.income``).

A bad spec raises ``MeasureError`` (a ValueError; ``str()`` is
"english / suomeksi") naming the spec and what is expected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from simulator.model.conventions import month_number, npv
from ..i18n import fmt_month, label
from simulator.engine.kpis import break_even_index, organisation_columns
from simulator.model.scenario import Scenario

PLAIN = ("npv", "min_cash", "total_result", "closing_cash", "break_even_month")
WITH_ARG = ("result_year", "cash_at", "net_income")
KPI_NAMES = PLAIN + tuple(f"{k}:" for k in WITH_ARG)


class MeasureError(ValueError):
    """A bad KPI spec; ``str()`` is "english / suomeksi"."""

    def __init__(self, en: str, fi: str):
        self.en, self.fi = en, fi
        super().__init__(f"{en} / {fi}")


@dataclass(frozen=True)
class Kpi:
    """A parsed KPI spec: ``name`` and its argument (year, month or person id)."""
    spec: str
    name: str
    arg: str | None = None

    @property
    def unit(self) -> str:
        return "months" if self.name == "break_even_month" else "€"

    @property
    def higher_is_better(self) -> bool:
        return self.name != "break_even_month"

    def label(self, lang: str = "fi") -> str:
        text = label(f"ua.kpi.{self.name}", lang)
        arg = fmt_month(self.arg, lang) if self.name == "cash_at" else self.arg
        return text.format(arg=arg) if self.arg is not None else text


_ALL = ", ".join(PLAIN) + ", result_year:YYYY, cash_at:YYYY-MM, net_income:<person id>"


def parse_kpi(spec: str) -> Kpi:
    """Parse a KPI spec (its syntax only; ``check_kpi`` checks it against a scenario)."""
    if not isinstance(spec, str) or not spec.strip():
        raise MeasureError(f"empty KPI; give one of {_ALL}", f"tunnusluku puuttuu; anna jokin näistä: {_ALL}")
    text = spec.strip()
    name, sep, arg = text.partition(":")
    name, arg = name.strip(), arg.strip()
    if name in PLAIN and not sep:
        return Kpi(text, name)
    if name in WITH_ARG:
        if not arg:
            raise MeasureError(f"KPI {spec!r}: {name} needs an argument after ':' ({_ALL})",
                               f"tunnusluku {spec!r}: {name} tarvitsee arvon kaksoispisteen jälkeen ({_ALL})")
        if name == "result_year" and not re.fullmatch(r"\d{4}", arg):
            raise MeasureError(f"KPI {spec!r}: expected a year YYYY after result_year:",
                               f"tunnusluku {spec!r}: odotettiin vuotta VVVV (result_year:VVVV)")
        if name == "cash_at":
            try:
                month_number(arg)
            except ValueError:
                raise MeasureError(f"KPI {spec!r}: expected a month YYYY-MM after cash_at:",
                                   f"tunnusluku {spec!r}: odotettiin kuukautta VVVV-KK (cash_at:VVVV-KK)") from None
        return Kpi(text, name, arg)
    if name in PLAIN:
        raise MeasureError(f"KPI {spec!r}: {name} takes no ':' argument", f"tunnusluku {spec!r}: {name} ei ota arvoa")
    raise MeasureError(f"unknown KPI {spec!r}; give one of {_ALL}",
                       f"tuntematon tunnusluku {spec!r}; anna jokin näistä: {_ALL}")


def check_kpi(scenario: Scenario, spec: str | Kpi) -> Kpi:
    """Parse ``spec`` and check that its year, month or person is in ``scenario``."""
    k = spec if isinstance(spec, Kpi) else parse_kpi(spec)
    first, last = scenario.first_month, scenario.last_month
    if k.name == "result_year":
        y = int(k.arg)
        if not first // 12 <= y <= last // 12:
            raise MeasureError(f"KPI {k.spec!r}: year {y} is outside the projection "
                               f"({first // 12}–{last // 12})",
                               f"tunnusluku {k.spec!r}: vuosi {y} ei ole laskelman vuosi ({first // 12}–{last // 12})")
    if k.name == "cash_at":
        m = month_number(k.arg)
        if not first <= m <= last:
            from simulator.model.conventions import month_label
            raise MeasureError(f"KPI {k.spec!r}: month {k.arg} is outside the projection "
                               f"({month_label(first)}–{month_label(last)})",
                               f"tunnusluku {k.spec!r}: kuukausi {k.arg} ei ole laskelmassa "
                               f"({month_label(first)}–{month_label(last)})")
    if k.name == "net_income":
        ids = [p.id for p in scenario.people]
        if k.arg not in ids:
            shown = ", ".join(ids) or "–"
            raise MeasureError(f"KPI {k.spec!r}: no person {k.arg!r} in the scenario (people: {shown})",
                               f"tunnusluku {k.spec!r}: skenaariossa ei ole henkilöä {k.arg!r} (henkilöt: {shown})")
    return k


def measure(projection_or_scenario, spec: str | Kpi, params=None) -> float | None:
    """The KPI of a projection (or of a scenario, projected here). Unrounded;
    None only for break_even_month when it never breaks even."""
    from simulator.engine.projection import Projection, project
    p = projection_or_scenario
    if not isinstance(p, Projection):
        p = project(p, params)
    k = spec if isinstance(spec, Kpi) else parse_kpi(spec)
    # the organisation's KPIs count the months from its founding month (kpis.organisation_columns)
    col = organisation_columns(p.columns, p.month_labels, p.scenario)[0]
    if k.name == "npv":
        return npv(p.scenario.assumptions.discount_rate, col["net_cash_flow"])
    if k.name == "min_cash":
        return float(np.min(col["closing_cash"]))
    if k.name == "closing_cash":
        return float(col["closing_cash"][-1])
    if k.name == "total_result":
        return float(np.sum(col["result"]))
    if k.name == "break_even_month":
        be = break_even_index(col["cumulative_result"])
        return None if be is None else float(be + 1)
    if k.name == "result_year":
        check_kpi(p.scenario, k)
        sel = np.array([m[:4] == k.arg for m in p.month_labels])
        return float(np.sum(p.columns["result"][sel]))
    if k.name == "cash_at":
        check_kpi(p.scenario, k)
        return float(p.columns["closing_cash"][p.month_labels.index(k.arg)])
    # net_income
    check_kpi(p.scenario, k)
    return float(np.sum(p.person(k.arg, baseline=False).lines["net_income"]))
