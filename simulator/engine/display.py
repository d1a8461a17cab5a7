"""How the catalogue's outputs are shown: one place for the format of a
value or of a difference in a language (Finnish first: ``1 234 €``,
``3/2024``, ``12,5 %``). Decimals and units come from the catalogue.

``format_value`` and ``format_difference`` take a key figure's name;
``format_line`` a monthly column's (the two lists share a few names, such
as ``closing_cash``, with different decimals)."""
from __future__ import annotations

from simulator.engine.catalogue import COLUMNS, KPIS, Output
from simulator.i18n import fmt_eur, fmt_month, fmt_number, fmt_percent, label
from simulator.model.conventions import month_number

DASH = "–"
MINUS = "−"


def _text(entry: Output, value, lang: str, decimals: int | None = None, unit: bool = True) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return DASH
    d = entry.decimals if decimals is None else decimals
    if entry.unit == "month":
        return fmt_month(value, lang)
    if entry.unit in ("share", "rate"):
        return fmt_percent(value, d, lang) if unit else fmt_number(100 * value, d, lang)
    if not unit:
        return fmt_number(value, d, lang)
    if entry.unit in ("eur", "eur_per_hour"):
        return fmt_eur(value, d, lang)
    if entry.unit == "hours":
        return f"{fmt_number(value, d, lang)} h"
    return fmt_number(value, d, lang)


def format_value(name: str, value, lang: str = "fi") -> str:
    """A key figure as shown: ``format_value("npv", 1234.5)`` -> ``1 235 €``; ``–`` for None."""
    return _text(KPIS[name], value, lang)


def format_line(name: str, value, lang: str = "fi", decimals: int | None = None, unit: bool = True) -> str:
    """A monthly column's value as shown (``unit=False``: the bare number, for
    tables whose header names the unit; ``decimals`` overrides the catalogue's)."""
    return _text(COLUMNS[name], value, lang, decimals, unit)


def difference(name: str, a, b):
    """``b − a`` of a key figure (months between two months); None when either is missing."""
    if a is None or b is None:
        return None
    if KPIS[name].unit == "month":
        return month_number(b) - month_number(a)
    return b - a


def format_change(name: str, d, lang: str = "fi") -> str:
    """A difference of a key figure with its sign: ``+1 234 €``, ``−2 kk``,
    ``+1,5 %-yks.``; ``0`` when it rounds to nothing at the figure's
    decimals; ``–`` when missing."""
    entry = KPIS[name]
    if d is None or d != d:
        return DASH
    sign = "+" if d > 0 else MINUS
    if entry.unit == "month":
        return f"{sign}{abs(int(d))} {label('unit.months_short', lang)}" if d else "0"
    if entry.unit in ("share", "rate"):
        points = 100 * d
        if abs(points) < 0.5 * 10 ** -entry.decimals:
            return "0"
        return f"{sign}{fmt_number(abs(points), entry.decimals, lang)} {label('unit.percentage_points', lang)}"
    if abs(d) < 0.5 * 10 ** -entry.decimals:
        return "0"
    return sign + _text(entry, abs(d), lang)


def format_difference(name: str, a, b, lang: str = "fi") -> str:
    """``b − a`` of a key figure, formatted by ``format_change``."""
    return format_change(name, difference(name, a, b), lang)


def kpi_label(name: str, lang: str = "fi", short: bool = False) -> str:
    """A key figure's label (``short``: the app's card title)."""
    entry = KPIS[name]
    return label(entry.short if short else entry.label, lang)


def line_label(name: str, lang: str = "fi") -> str:
    return label(COLUMNS[name].label, lang)
