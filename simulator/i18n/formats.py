"""Number, money, month and percent formats: Finnish first (``1 234,56 €``, ``3/2024``)."""
from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")



def fmt_number(x, decimals: int = 2, lang: str = "fi") -> str:
    """``1 234,56`` in Finnish (narrow no-break space), ``1,234.56`` in English."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{x:,.{decimals}f}"
    if lang == "fi":
        text = text.replace(",", "\u202f").replace(".", ",").replace("-", "−")
    return text


def fmt_eur(x, decimals: int = 2, lang: str = "fi") -> str:
    if x is None:
        return "–"
    if lang == "fi":
        return f"{fmt_number(x, decimals, lang)} €"
    sign = "-" if x < 0 and fmt_number(abs(x), decimals, lang) != fmt_number(0, decimals, lang) else ""
    return f"{sign}€{fmt_number(abs(x), decimals, lang)}"


def fmt_month(ym: str | None, lang: str = "fi") -> str:
    """``2024-03`` -> ``3/2024`` in Finnish."""
    if not ym:
        return "–"
    y, m = ym.split("-")
    return f"{int(m)}/{y}" if lang == "fi" else ym


def fmt_percent(x, decimals: int = 1, lang: str = "fi") -> str:
    if x is None:
        return "–"
    return f"{fmt_number(100 * x, decimals, lang)} %"


def fmt_datetime(iso: str | None, lang: str = "fi") -> str:
    """A stored time (ISO 8601, UTC) in Helsinki local time: ``5.12.2026 klo 14.03``
    in Finnish, ``5 Dec 2026 14:03`` in English. A time without a zone is taken as UTC."""
    if not iso:
        return "–"
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo("UTC"))
    when = when.astimezone(HELSINKI)
    if lang == "fi":
        return f"{when.day}.{when.month}.{when.year} klo {when.hour}.{when.minute:02d}"
    return f"{when.day} {when:%b %Y %H:%M}"
