"""The verdict's tables as text, one function per table: ``(headers, rows)``
with every figure formatted for the reader's language. The command line
prints them, the app's Vertailu page shows them; the workbook writes the
same rows as numbers (``simulator/export/verdict_sheet.py``)."""
from __future__ import annotations

from simulator.i18n import fmt_eur, fmt_number, label

from .assumptions import value_text
from .verdict import Verdict


def _eur(v, lang):
    return "–" if v is None else fmt_eur(0.0 if abs(v) < 0.5 else v, 0, lang)


def party_table(v: Verdict, lang: str = "fi") -> tuple[list, list]:
    """Party × (what the figure is, each scenario's figure, the best, the margin
    over the runner-up). The figure: the organisation's result, a public
    body's change in net cost, the people's change in net income (the
    changes against the status quo)."""
    heads = [label("verdict.col.party", lang), label("verdict.col.measure", lang)] + list(v.names) + [
        label("verdict.col.best", lang), label("verdict.col.margin", lang)]
    rows = []
    for pv in v.parties:
        fig = pv.figure
        rows.append([label(f"party.{pv.party}", lang), label(f"verdict.figure.{pv.kind}", lang)]
                    + [_eur(fig[n], lang) for n in v.names] + [pv.best or "–", _eur(pv.margin, lang)])
    return heads, rows


def ratio_table(v: Verdict, lang: str = "fi") -> tuple[list, list]:
    """Party × scenario: the figure per person-year in paid work and per person
    moved into paid work (both against the status quo)."""
    heads = [label("verdict.col.party", lang)]
    heads += [label("verdict.per_person_year", lang).format(name=n) for n in v.names]
    heads += [label("verdict.per_person_moved", lang).format(name=n) for n in v.names]
    rows = [[label(f"party.{pv.party}", lang)] + [_eur(pv.per_person_year[n], lang) for n in v.names]
            + [_eur(pv.per_person_moved[n], lang) for n in v.names] for pv in v.parties]
    return heads, rows


VOLUME_ROWS = (("verdict.vol.person_years", "person_years", 2, ""),
               ("verdict.vol.persons_moved", "persons_moved", 1, ""),
               ("verdict.vol.hours_paid_by_organisation", "hours_paid_by_organisation", 0, " h"),
               ("verdict.vol.hours_in_paid_work", "hours_in_paid_work", 0, " h"))


def volume_table(v: Verdict, lang: str = "fi") -> tuple[list, list]:
    """Person-years, persons moved and the two hour figures (each under its own name)."""
    heads = [label("verdict.volumes", lang)] + list(v.names)
    rows = [[label(key, lang)] + [fmt_number(getattr(v.volumes[n], attr), dec, lang) + unit for n in v.names]
            for key, attr, dec, unit in VOLUME_ROWS]
    return heads, rows


def people_table(v: Verdict, lang: str = "fi") -> tuple[list, list]:
    """Each person's mean net gain against the status quo (€/month), scenarios side by side."""
    heads = [label("verdict.col.person", lang)] + list(v.names)
    rows = [[pid] + ["–" if row.get(n) is None else fmt_eur(row[n], 0, lang) for n in v.names]
            for pid, row in v.people_gain.items()]
    return heads, rows


def assumption_table(v: Verdict, lang: str = "fi") -> tuple[list, list]:
    """Field path, label and each scenario's value of every assumption that differs."""
    heads = [label("verdict.col.path", lang), label("verdict.col.label", lang)] + list(v.names)
    rows = [[d.path, d.label(lang)] + [value_text(d.field, d.values[n], lang) for n in v.names]
            for d in v.assumption_differences]
    return heads, rows
