"""The verdict of a comparison: for each party the best option and by how
much, per person-year in paid work and per person moved into paid work;
each person's net gain; the assumptions that differ; and whether the
scenarios can be compared at all (design.md §3, ``compare``).

Definitions (every figure from the engine's lines, nothing re-computed):

- **measure** of a party in a scenario (``simulator.parties``):
  the organisation (``organisation``, ``organisation_full_cost``): its
  result over the horizon, ``Parties.total``, higher is better; the public
  bodies and the people: the difference from the status quo (everyone
  staying in their first phase), ``Parties.difference``, higher is better:
  for a public body that is a lower net cost (net cost = −result), for the
  people a higher net income.
- **best**: the scenario with the highest measure; **margin**: the best's
  measure − the runner-up's (≥ 0). A margin under ``TIE`` € is a tie.
- **person-years in paid work**: the engine's volume line
  ``people_in_paid_work`` (people employed here or by a company, expected
  value) summed over the months, /12 (= KPI ``person_months_in_paid_work``
  / 12), less the same in the status quo.
- **persons moved into paid work**: ``people_in_paid_work`` in the last
  month (KPI ``people_in_paid_work_end``) less the same in the status quo.
- **per person-year** / **per person moved**: the measure (the public: the
  change in net cost, −difference) divided by those; None when the
  divisor is under ``MIN_VOLUME``.
- two hour figures, never one name for both: **hours paid by the
  organisation** (KPI ``paid_hours``: its own employees; 0 where companies
  employ the people) and **hours in paid work** of the scenario's people
  (the person lines' ``paid_hours`` summed: any employer).
- **net gain** of a person: the mean over the horizon of the person's net
  income − the status quo's (``Projection.person(id).change``), €/month.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from simulator.i18n.messages import Message, Text
from simulator.i18n import LABELS
from simulator.parties import PARTIES, parties

from .assumptions import assumption_differences
from .comparability import comparability

TIE = 1.0            # € : options closer than this are equally good
MIN_VOLUME = 1e-6    # person-years or persons under this: no ratio
RESULT_PARTIES = ("organisation", "organisation_full_cost")


def kind_of(party: str) -> str:
    """``result`` (the organisation), ``people``, or ``public`` (a public body)."""
    return "result" if party in RESULT_PARTIES else ("people" if party == "people" else "public")


def _text(key: str) -> Text:
    fi, en = LABELS.get(key, (key, key))
    return Text(fi, en)


@dataclass
class Volume:
    """One scenario's paid work, against its status quo."""
    person_years: float           # in paid work, added to the status quo
    persons_moved: float          # in paid work at the end, added to the status quo
    hours_paid_by_organisation: float
    hours_in_paid_work: float

    def to_dict(self) -> dict:
        return {"person_years_in_paid_work": round(self.person_years, 4),
                "persons_moved_into_paid_work": round(self.persons_moved, 4),
                "hours_paid_by_organisation": round(self.hours_paid_by_organisation, 2),
                "hours_in_paid_work": round(self.hours_in_paid_work, 2)}


def volume(projection) -> Volume:
    base = projection.baseline.kpis
    k = projection.kpis
    py = ((k.get("person_months_in_paid_work") or 0.0) - (base.get("person_months_in_paid_work") or 0.0)) / 12.0
    moved = (k.get("people_in_paid_work_end") or 0.0) - (base.get("people_in_paid_work_end") or 0.0)
    hours = sum(float(pl.lines["paid_hours"].sum()) for pl in projection.people)
    return Volume(py, moved, float(k.get("paid_hours") or 0.0), hours)


def _ratio(v: float, d: float) -> float | None:
    return v / d if d > MIN_VOLUME else None


@dataclass
class PartyVerdict:
    party: str
    kind: str                         # result | public | people
    total: dict                       # scenario name -> Parties.total
    difference: dict                  # scenario name -> Parties.difference
    measure: dict                     # scenario name -> the compared figure (higher is better)
    per_person_year: dict             # scenario name -> € (public: change in net cost) per person-year
    per_person_moved: dict
    best: str | None
    second: str | None
    margin: float | None
    message: Message | None

    @property
    def figure(self) -> dict:
        """Scenario name -> the figure the views show: the organisation's result,
        the people's change in net income, a public body's change in net cost
        (−difference: lower is better)."""
        return {n: (None if m is None else _shown(self.kind, m)) for n, m in self.measure.items()}

    def to_dict(self) -> dict:
        r2 = lambda v: None if v is None else round(float(v), 2)
        d = {"kind": self.kind, "figure_is": FIGURE_IS[self.kind],
             "best_is": "lowest" if self.kind == "public" else "highest",
             "best": self.best, "runner_up": self.second, "margin": r2(self.margin),
             "figure": {n: r2(v) for n, v in self.figure.items()},
             "total": {n: r2(v) for n, v in self.total.items()},
             "difference": {n: r2(v) for n, v in self.difference.items()},
             "per_person_year": {n: r2(v) for n, v in self.per_person_year.items()},
             "per_person_moved": {n: r2(v) for n, v in self.per_person_moved.items()}}
        if self.message is not None:
            d.update(code=self.message.code, params=self.message.to_dict()["params"],
                     sentence={"fi": self.message.render("fi"), "en": self.message.render("en")})
        return d


#: what a party's figure is (``figure_is`` in the JSON, ``verdict.figure.<kind>`` in the views)
FIGURE_IS = {"result": "result", "people": "net_income_change", "public": "net_cost_change"}


def _shown(kind: str, measure: float) -> float:
    """The figure a sentence and the ratios state: the public's change in net cost, else the measure."""
    return -measure if kind == "public" else measure


def _clean(v: float) -> float:
    """A figure for a sentence: what rounds to 0 € is 0 (never "−0 €")."""
    return 0.0 if abs(v) < 0.5 else float(v)


def party_verdict(party: str, names: list, totals: list, diffs: list, volumes: list) -> PartyVerdict:
    kind = kind_of(party)
    measure = totals if kind == "result" else diffs
    per_py = {n: (None if m is None else _ratio(_shown(kind, m), v.person_years))
              for n, m, v in zip(names, measure, volumes)}
    per_mv = {n: (None if m is None else _ratio(_shown(kind, m), v.persons_moved))
              for n, m, v in zip(names, measure, volumes)}
    ranked = sorted([(m, i) for i, m in enumerate(measure) if m is not None], key=lambda x: (-x[0], x[1]))
    best = second = margin = message = None
    if len(ranked) >= 2:
        (m0, i0), (m1, i1) = ranked[0], ranked[1]
        best, second, margin = names[i0], names[i1], m0 - m1
        if margin < TIE:
            message = Message.make("verdict_tie", party=_text(f"party.{party}"))
        else:
            params = dict(who=_text(f"verdict.who.{party}"), best=best, second=second, margin=_clean(margin))
            ratios = per_py[best] is not None and per_mv[best] is not None
            if ratios:
                params.update(per_py=_clean(per_py[best]), per_moved=_clean(per_mv[best]))
            if kind == "result":
                message = Message.make("verdict_result", value=_clean(m0), **params) if ratios else \
                    Message.make("verdict_result_plain", value=_clean(m0), **params)
            elif kind == "people":
                message = Message.make("verdict_people", value=_clean(m0), **params) if ratios else \
                    Message.make("verdict_people_plain", value=_clean(m0), **params)
            else:
                message = Message.make("verdict_public", change=_clean(-m0), **params) if ratios else \
                    Message.make("verdict_public_plain", change=_clean(-m0), **params)
    return PartyVerdict(party, kind, dict(zip(names, totals)), dict(zip(names, diffs)), dict(zip(names, measure)),
                        per_py, per_mv, best, second, margin, message)


def people_gain(projections, names) -> dict:
    """Person id -> scenario name -> mean net gain against the status quo (€/month); None where absent."""
    out: dict = {}
    for name, p in zip(names, projections):
        for pl in p.people:
            out.setdefault(pl.person.id, {})[name] = float(pl.change.mean())
    return {pid: {n: row.get(n) for n in names} for pid, row in out.items()}


def unique_names(projections, names=None) -> list[str]:
    """The scenarios' names as unique keys: a repeated one numbered
    (``Name (2)``, ``Name (3)``, skipping a number another scenario is named)."""
    names = list(names or [p.scenario.name for p in projections])
    taken = set(names)
    out: list[str] = []
    for n in names:
        key, k = n, 1
        while key in out:
            k += 1
            key = f"{n} ({k})"
            while key in taken and key not in out and names.index(key) > len(out):
                k += 1          # a later scenario is named so: leave the name to it
                key = f"{n} ({k})"
        out.append(key)
    return out


@dataclass
class Verdict:
    names: list
    parties: list                     # PartyVerdict, in PARTIES' order
    volumes: dict                     # name -> Volume
    people_gain: dict                 # person id -> name -> €/month
    assumption_differences: list      # compare.assumptions.Difference
    comparability: list               # Message, the mismatches (shown first)
    refused: bool = False             # people or horizon differ (``--strict`` exits 2)
    by_party: dict = field(default_factory=dict)

    def __post_init__(self):
        self.by_party = {v.party: v for v in self.parties}

    def sentences(self, lang: str = "fi") -> list[str]:
        """One sentence per party (the parties without a verdict left out)."""
        return [v.message.render(lang) for v in self.parties if v.message is not None]

    def warnings(self, lang: str = "fi") -> list[str]:
        return [m.render(lang) for m in self.comparability]

    def to_dict(self, lang: str = "fi") -> dict:
        """``verdict``, ``volumes``, ``people_gain``, ``assumption_differences``
        and ``comparability`` of ``compare --format json``."""
        r2 = lambda v: None if v is None else round(float(v), 2)
        return {
            "verdict": {v.party: v.to_dict() for v in self.parties},
            "volumes": {n: v.to_dict() for n, v in self.volumes.items()},
            "people_gain": {pid: {n: r2(v) for n, v in row.items()} for pid, row in self.people_gain.items()},
            "assumption_differences": [d.to_dict() for d in self.assumption_differences],
            "comparability": [dict(m.to_dict(lang), refuses=m.code in REFUSING) for m in self.comparability],
        }


REFUSING = ("cmp_people_differ", "cmp_horizon_differs")


def verdict(projections, names=None) -> Verdict:
    """The verdict of comparing ``projections`` (names: default the scenarios' names, made unique)."""
    names = unique_names(projections, names)
    party_sets = [parties(p) for p in projections]
    vols = [volume(p) for p in projections]
    verdicts = [party_verdict(q, names, [ps.total(q) for ps in party_sets], [ps.difference(q) for ps in party_sets],
                              vols) for q in PARTIES]
    mism = comparability(projections, names)
    return Verdict(names, verdicts, dict(zip(names, vols)), people_gain(projections, names),
                   assumption_differences([p.scenario for p in projections], names), mism,
                   any(m.code in REFUSING for m in mism))
