"""Can the scenarios be compared? One message per mismatch, shown first in
every view of a comparison (CLI, app, workbook):

- ``cmp_people_differ``: another set of people (ids) than the first
  scenario's: the differences come partly from the people (refuses:
  ``compare --strict`` exits 2);
- ``cmp_horizon_differs``: another start month or number of months
  (refuses, as above);
- ``cmp_day_price_unknown``: work activity arranged elsewhere with an
  unknown day price (the engine's ``roster.day_price_unknown``): the public
  cost is understated, not on one boundary;
- ``cmp_founding_differs``: the organisation starts (``organisation_founded``)
  in another month than in the first scenario;
- ``cmp_same_name``: two scenarios have the same name, the later one is
  shown under its key ``Name (2)`` (the note ``side_by_side.distinct`` puts
  among its warnings).
"""
from __future__ import annotations

from simulator.i18n.messages import Message
from simulator.model.conventions import month_label


def comparability(projections, names) -> list[Message]:
    out: list[Message] = []
    first, s0 = names[0], projections[0].scenario
    ids0 = [p.id for p in s0.people]
    for name, p in zip(names[1:], projections[1:]):
        s = p.scenario
        ids = [x.id for x in s.people]
        if set(ids) != set(ids0):
            out.append(Message.make("cmp_people_differ", name=name, first=first,
                                    only_here=[i for i in ids if i not in ids0],
                                    only_first=[i for i in ids0 if i not in ids]))
        if (s.start, s.horizon_months) != (s0.start, s0.horizon_months):
            out.append(Message.make("cmp_horizon_differs", name=name, first=first, start=s.start,
                                    months=s.horizon_months, first_start=s0.start, first_months=s0.horizon_months))
        if s.founded_month != s0.founded_month:
            out.append(Message.make("cmp_founding_differs", name=name, first=first,
                                    founded=month_label(s.founded_month),
                                    first_founded=month_label(s0.founded_month)))
    for name, p in zip(names, projections):
        unknown = list(getattr(p.context.roster, "day_price_unknown", None) or [])
        if unknown:
            out.append(Message.make("cmp_day_price_unknown", name=name, people=unknown))
    out += [w for p in projections for w in p.warnings if getattr(w, "code", None) == "cmp_same_name"]
    return out
