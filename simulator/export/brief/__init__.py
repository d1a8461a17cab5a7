"""The decision brief (päätösmuistio): a Finnish A4 PDF of 2–4 pages for
one scenario or a comparison — what is compared and why, key figures (by
party when ``simulator.parties`` works), the cash chart with break-even, the
people's net gain, the risk in words from Monte Carlo, the five assumptions
that matter most with source and status, what differs between scenarios,
date, author and revision.

Why fpdf2 (PyPI ``fpdf2``, pinned): it is pure Python, maintained (monthly
releases, LGPL), embeds a TrueType font as a subset (Finnish letters, €,
the minus sign), draws lines and polylines itself, so the cash chart is
vector drawing with no plotting library or browser; its only dependencies
(Pillow, fontTools, defusedxml) are small and already common. ReportLab
would do as well but is larger (its own graphics and platypus layers);
HTML-to-PDF routes (WeasyPrint, a headless browser) need system libraries
or a browser at run time, and plotly's static images need kaleido and
Chrome.

- ``content.gather(projections, lang)``: what the brief says (no PDF);
- ``pdf.render(brief, made, author)``: the pages;
- ``brief_bytes(...)`` / ``write_brief(...)``: both, for the app and the CLI.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from simulator.engine.projection import Projection

from .content import MC_DRAWS, Brief, gather

__all__ = ["Brief", "brief_bytes", "gather", "write_brief"]


def brief_bytes(projections: list[Projection], lang: str = "fi", author: str = "", made: dt.datetime | None = None,
                revisions: list | None = None, draws: int = MC_DRAWS) -> bytes:
    from simulator.compare.side_by_side import distinct   # scenarios of the same name told apart
    from .pdf import render
    brief = gather(distinct(list(projections)), lang, revisions, draws)
    return render(brief, made or dt.datetime.now().replace(microsecond=0), author)


def write_brief(projections: list[Projection], path, lang: str = "fi", author: str = "",
                made: dt.datetime | None = None, revisions: list | None = None, draws: int = MC_DRAWS) -> Path:
    """Write the brief to ``path`` atomically."""
    from ..xlsx import atomic_write
    return atomic_write(Path(path), brief_bytes(projections, lang, author, made, revisions, draws))
