"""The public purse of a model: a view on the parties (simulator/parties/).

The public bodies (``PAYERS`` = ``simulator.parties.PUBLIC``: the
wellbeing services county, the municipality, the employment area, the
state, Kela and the pension insurers) pay out and receive the party lines
of ``simulator.parties`` with the payers of ``data/payers.yaml`` (dated:
work activity and day prices by the municipality until 2022 and the county
from 2023; palkkatuki by the state until 2024 and the employment area from
2025). The organisation is a party of its own, public or private: the
public purse shows what the public bodies pay it and receive from it, not
its own budget. Net cost = paid out − received = −(the party's result).
Per person-year (months people spend in any phase / 12, weighted) and per
paid hour of the people (employed here or at a company).

Not counted: VAT on sales (sales are net of VAT), staff's own income tax, a
company's pay and contributions for people it employs, share capital and loans.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.model.conventions import month_label
from simulator.engine.projection import Projection, project
from simulator.model.parameters import ParameterSet
from simulator.parties import PUBLIC, parties
from simulator.model.scenario import Scenario
from simulator.i18n.messages import Message

PAYERS = PUBLIC


@dataclass
class Flow:
    line: str
    payer: str
    payee: str
    amounts: np.ndarray
    person: str | None = None


@dataclass
class PublicPurse:
    scenario: Scenario
    organisation_public: bool          # always False: the organisation is a party of its own
    months: list
    flows: list
    person_years: float
    paid_hours: float
    person_years_by_person: dict
    notes: list = field(default_factory=list)               # Message
    parameter_warnings: list = field(default_factory=list)  # Message (parameter_gap, ...)
    parties: object = None                                  # simulator.parties.Parties, with the status quo

    def _public(self):
        return [f for f in self.flows if f.payer != f.payee and (f.payer in PAYERS or f.payee in PAYERS)]

    def by_payer(self) -> dict:
        """{payer: {"paid_out": {line: €}, "received": {line: €}, "net_cost": €}}."""
        out = {p: {"paid_out": {}, "received": {}, "net_cost": 0.0} for p in PAYERS}
        for f in self._public():
            total = float(f.amounts.sum())
            if f.payer in PAYERS:
                d = out[f.payer]["paid_out"]
                d[f.line] = d.get(f.line, 0.0) + total
                out[f.payer]["net_cost"] += total
            if f.payee in PAYERS:
                d = out[f.payee]["received"]
                d[f.line] = d.get(f.line, 0.0) + total
                out[f.payee]["net_cost"] -= total
        return out

    def net_by_month(self) -> dict:
        """{payer: net cost a month} (arrays)."""
        out = {p: np.zeros(len(self.months)) for p in PAYERS}
        for f in self._public():
            if f.payer in PAYERS:
                out[f.payer] += f.amounts
            if f.payee in PAYERS:
                out[f.payee] -= f.amounts
        return out

    def by_year(self) -> list[dict]:
        years = np.array([int(m[:4]) for m in self.months])
        net = self.net_by_month()
        rows = []
        for y in np.unique(years):
            sel = years == y
            row = {"year": int(y)}
            row.update({p: float(net[p][sel].sum()) for p in PAYERS})
            row["total"] = sum(row[p] for p in PAYERS)
            rows.append(row)
        return rows

    @property
    def net_cost(self) -> float:
        return float(sum(v["net_cost"] for v in self.by_payer().values()))

    def per_person(self) -> dict:
        """Net public cost of the flows that belong to each person (their own
        money and the organisation's flows for their row), and per person-year."""
        out = {}
        for f in self._public():
            key = f.person or "organisation"
            sign = (1.0 if f.payer in PAYERS else 0.0) - (1.0 if f.payee in PAYERS else 0.0)
            out[key] = out.get(key, 0.0) + sign * float(f.amounts.sum())
        res = {}
        for k, v in out.items():
            py = self.person_years_by_person.get(k)
            res[k] = {"net_cost": v, "per_person_year": (v / py) if py else None}
        return res

    def kpis(self) -> dict:
        total = self.net_cost
        return {
            "net_public_cost": total,
            "person_years": self.person_years,
            "net_cost_per_person_year": total / self.person_years if self.person_years > 0 else None,
            "paid_hours": self.paid_hours,
            "net_cost_per_paid_hour": total / self.paid_hours if self.paid_hours > 0 else None,
        }

    def to_dict(self, lang: str = "fi") -> dict:
        """For JSON; warnings as messages with their text in ``lang`` and both languages."""
        r2 = lambda v: None if v is None else round(float(v), 2)
        bp = self.by_payer()
        s = self.scenario
        return {
            "scenario": {"name": s.name, "model": s.model, "budget_owner": s.budget_owner,
                         "start": s.start, "horizon_months": s.horizon_months},
            "organisation_public": self.organisation_public,
            "kpis": {k: r2(v) for k, v in self.kpis().items()},
            "by_payer": {p: {"paid_out": {k: r2(v) for k, v in d["paid_out"].items()},
                             "received": {k: r2(v) for k, v in d["received"].items()},
                             "net_cost": r2(d["net_cost"])} for p, d in bp.items()},
            "by_year": [{k: (r2(v) if k != "year" else v) for k, v in row.items()} for row in self.by_year()],
            "by_person": {k: {kk: r2(vv) for kk, vv in v.items()} for k, v in self.per_person().items()},
            "parties": None if self.parties is None else self.parties.to_dict(),
            "warnings": [n.to_dict(lang) for n in self.notes],
            "parameter_warnings": [w.to_dict(lang) for w in self.parameter_warnings],
        }


def _segments(flow):
    """A party flow split where its payer or receiver changes (by date)."""
    pairs = list(zip(flow.payers, flow.receivers))
    for pair in dict.fromkeys(pairs):
        mask = np.array([q == pair for q in pairs])
        yield Flow(flow.line, pair[0], pair[1], np.where(mask, flow.amounts, 0.0), flow.person)


def public_purse(scenario: Scenario, params: ParameterSet | None = None,
                 projection: Projection | None = None, source: str = "<scenario>") -> PublicPurse:
    """The public bodies' flows of a scenario, read from its parties (see the module docstring)."""
    params = params or ParameterSet.load()
    p = projection or project(scenario, params)
    r = p.context.roster
    party = parties(p)
    flows = [seg for f in party.flows for seg in _segments(f)]
    row_index = {rid: i for i, rid in enumerate(r.ids)}
    py_by_person, paid_hours, unpriced, warn = {}, 0.0, {}, set()
    for person in scenario.people:
        pl = p.person(person.id, baseline=False)
        warn.update(pl.parameter_warnings)
        for b in pl.branches:
            i, w, L = row_index[b.row_id], b.weight, b.lines
            active = (r.employed_here[i] | r.employed_company[i] | r.in_work_activity[i]).astype(float)
            py_by_person[person.id] = py_by_person.get(person.id, 0.0) + w * active.sum() / 12.0
            paid_hours += w * L["paid_hours"].sum()
            no_price = (r.wa_days_other[i] > 0) & (L["day_price_other"] <= 0)
            if no_price.any():
                unpriced[person.id] = unpriced.get(person.id, 0.0) + w * float(r.wa_days_other[i][no_price].sum())
    notes = []
    if unpriced:
        notes.append(Message.make("wa_without_price", people=sorted(unpriced),
                                  days=int(round(sum(unpriced.values())))))
    labels = [month_label(int(m)) for m in r.months]
    return PublicPurse(scenario, False, labels, flows, sum(py_by_person.values()), paid_hours,
                       py_by_person, notes, sorted(warn), party)
