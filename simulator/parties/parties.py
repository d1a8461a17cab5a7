"""Each party's money a month, and the difference from the status quo.

``parties(projection)`` -> ``Parties``:

- ``monthly(party)``: the party's result a month (money received − money
  paid; a public body's net cost is its negative);
- ``total(party)``: over the horizon; ``yearly(party)``: by calendar year;
- ``status_quo``: the same parties when every person stays in the first
  phase (the engine's baseline projection, ``Projection.baseline``);
  ``difference(party)`` = ``total(party)`` − the status quo's total;
- ``lines(party)``: ``{"received": {line: €/month}, "paid": {line: €/month}}``;
- ``to_dict()``: the JSON of ``compare``'s ``parties`` (design.md §3).

``organisation_full_cost`` is the organisation's result less the public
inputs it gets free (``catalogue.FREE_INPUTS``: grants, staff the public
pays); ``pension_insurers`` shows beside its money the yearly pension the
people accrue (``pension_accrued``, € a year of pension, not netted).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.model.conventions import month_label
from . import catalogue as cat
from .flows import Flow, build


@dataclass
class Parties:
    scenario: object
    months: list                      # "YYYY-MM"
    flows: list                       # Flow
    pension_accrued: np.ndarray       # yearly pension the people earn, a month (€/year)
    unmapped: list = field(default_factory=list)
    status_quo: "Parties | None" = None

    def lines(self, party: str) -> dict:
        """The party's lines a month: ``{"received": {...}, "paid": {...}}``."""
        if party == "organisation_full_cost":
            out = self.lines("organisation")
            for f in self.flows:
                if f.line in cat.FREE_INPUTS and f.line not in out["received"]:
                    out["paid"][f.line] = out["paid"].get(f.line, 0.0) + f.amounts
            if "grants" in out["received"]:
                out["paid"]["grants"] = out["received"].pop("grants")
            return out
        out = {"received": {}, "paid": {}}
        for f in self.flows:
            got = np.where(f.receivers == party, f.amounts, 0.0)
            gave = np.where(f.payers == party, f.amounts, 0.0)
            if got.any():
                out["received"][f.line] = out["received"].get(f.line, 0.0) + got
            if gave.any():
                out["paid"][f.line] = out["paid"].get(f.line, 0.0) + gave
        return out

    def monthly(self, party: str) -> np.ndarray:
        """The party's result a month (received − paid)."""
        if party == "organisation_full_cost":
            return self.monthly("organisation") - sum(
                (f.amounts for f in self.flows if f.line in cat.FREE_INPUTS), np.zeros(len(self.months)))
        net = np.zeros(len(self.months))
        for f in self.flows:
            net += np.where(f.receivers == party, f.amounts, 0.0) - np.where(f.payers == party, f.amounts, 0.0)
        return net

    def total(self, party: str) -> float:
        return float(self.monthly(party).sum())

    def difference(self, party: str) -> float | None:
        """Total − the status quo's total (None without a status quo)."""
        return None if self.status_quo is None else self.total(party) - self.status_quo.total(party)

    def yearly(self, party: str) -> dict:
        years = np.array([int(m[:4]) for m in self.months])
        net = self.monthly(party)
        return {int(y): float(net[years == y].sum()) for y in np.unique(years)}

    def outside(self) -> np.ndarray:
        """Money entering the parties from the outside less money leaving to it, a month."""
        net = np.zeros(len(self.months))
        for f in self.flows:
            net += np.where(f.payers == cat.OUTSIDE, f.amounts, 0.0) - np.where(
                f.receivers == cat.OUTSIDE, f.amounts, 0.0)
        return net

    def by_person(self, party: str) -> dict:
        """The party's result from the lines of each person (``None`` key: the rest)."""
        out = {}
        for f in self.flows:
            v = float((np.where(f.receivers == party, f.amounts, 0.0)
                       - np.where(f.payers == party, f.amounts, 0.0)).sum())
            out[f.person] = out.get(f.person, 0.0) + v
        return out

    def to_dict(self, monthly: bool = False) -> dict:
        """``{party: {total, difference, status_quo, yearly, lines, [monthly]}}``;
        pension insurers also ``pension_accrued`` (€ a year of pension earned)."""
        r2 = lambda v: None if v is None else round(float(v), 2)
        doc = {}
        for party in cat.PARTIES:
            d = {"total": r2(self.total(party)), "difference": r2(self.difference(party)),
                 "status_quo": r2(None if self.status_quo is None else self.status_quo.total(party)),
                 "yearly": {str(y): r2(v) for y, v in self.yearly(party).items()},
                 "lines": {side: {k: r2(np.sum(v)) for k, v in lines.items()}
                           for side, lines in self.lines(party).items()}}
            if monthly:
                d["monthly"] = [r2(v) for v in self.monthly(party)]
            if party == "pension_insurers":
                d["pension_accrued"] = r2(self.pension_accrued.sum())
                if self.status_quo is not None:
                    d["pension_accrued_difference"] = r2(self.pension_accrued.sum()
                                                         - self.status_quo.pension_accrued.sum())
            doc[party] = d
        return doc


def _parties(projection) -> Parties:
    flows, unmapped, accrued = build(projection)
    labels = [month_label(int(m)) for m in projection.context.roster.months]
    return Parties(projection.scenario, labels, flows, accrued, unmapped)


def parties(projection, status_quo: bool = True) -> Parties:
    """Each party's money a month in ``projection`` and (default) in its
    status quo, the engine's baseline projection (computed once per projection)."""
    def calc():
        out = _parties(projection)
        if status_quo:
            out.status_quo = _parties(projection.baseline)
        return out
    if not status_quo:
        return _parties(projection)
    return projection.context.memo("parties", calc)


__all__ = ["Flow", "Parties", "parties"]
