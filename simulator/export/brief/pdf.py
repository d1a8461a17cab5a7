"""The brief's pages with fpdf2 (see the package docstring for why): A4
portrait, a TrueType font with the Finnish letters, €, and the minus sign
(DejaVu Sans, else Liberation Sans; without either, the PDF core font with
those characters spelled out), the cash chart drawn as vector lines.

Order: title and meta (date, author, revision) — what is compared and why —
key figures (side by side with differences) — key figures by party — the
cash chart with break-even — the people's net gain — risk in words — the five
assumptions that matter most — what differs. Sections flow; a section that
would not fit starts a new page. The layout keeps a comparison of three
scenarios within four pages.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

from simulator.i18n import fmt_month, label

from .content import Brief

FONTS = [("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
         ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
          "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
         ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")]
COLOURS = [(13, 71, 161), (230, 81, 0), (46, 125, 50)]      # one per scenario (blue, orange, green)
GREY = (110, 110, 110)


def _L(key: str, lang: str) -> str:
    return label(key, lang)


class _Doc(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=16)
        self.unicode = False
        for regular, bold in FONTS:
            if Path(regular).exists() and Path(bold).exists():
                self.add_font("Body", "", regular)
                self.add_font("Body", "B", bold)
                self.unicode = True
                break
        self.family = "Body" if self.unicode else "Helvetica"

    def text(self, s: str) -> str:      # noqa: D401 - a filter, not FPDF.text
        """Characters the core font lacks, spelled out (only without a TrueType font)."""
        if self.unicode:
            return s
        return (s.replace("€", "EUR").replace("−", "-").replace("–", "-").replace("…", "...")
                 .replace("×", "x").replace("\u202f", " ").replace("\u00a0", " ")
                 .encode("latin-1", "replace").decode("latin-1"))

    def footer(self):
        self.set_y(-12)
        self.font(7.5)
        self.set_text_color(*GREY)
        text = self.text(self.footer_text)
        while self.get_string_width(text) > self.w - self.l_margin - self.r_margin - 20 and len(text) > 10:
            text = text[:-2]
        self.cell(0, 5, text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def font(self, size: float, bold: bool = False):
        self.set_font(self.family, "B" if bold else "", size)

    # ---- blocks
    def heading(self, s: str, need: float = 30):
        if self.get_y() + need > self.h - self.b_margin:
            self.add_page()
        self.ln(2.5)
        self.font(12, True)
        self.set_text_color(13, 71, 161)
        self.cell(0, 7, self.text(s), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_draw_color(13, 71, 161)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)

    def para(self, s: str, size: float = 9.5, bold: bool = False):
        self.font(size, bold)
        self.multi_cell(0, size * 0.5, self.text(s), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def bullets(self, items, size: float = 9.5):
        self.font(size)
        for s in items:
            self.set_x(self.l_margin)
            self.cell(4, size * 0.5, "•" if self.unicode else "-")
            self.multi_cell(0, size * 0.5, self.text(s), new_x="LMARGIN", new_y="NEXT")
            self.ln(0.6)

    def table(self, head: list, rows: list, widths: list, size: float = 8.5, align_right_from: int = 1,
              left: tuple = ()):
        """A simple table: header row shaded; numbers right-aligned; a row keeps its height."""
        line_h = size * 0.47
        total = sum(widths)
        scale = (self.w - self.l_margin - self.r_margin) / total
        widths = [w * scale for w in widths]
        self.font(size, True)
        self.set_fill_color(217, 225, 242)
        self._row(head, widths, line_h, True, align_right_from, left)
        self.font(size)
        for k, r in enumerate(rows):
            self.set_fill_color(245, 245, 245)
            self._row(r, widths, line_h, k % 2 == 1, align_right_from, left)
        self.ln(1.5)

    def _row(self, cells, widths, line_h, fill, align_right_from, left=()):
        texts = [self.text(str(c)) for c in cells]
        lines = max(len(self.multi_cell(w, line_h, t, dry_run=True, output="LINES")) for w, t in zip(widths, texts))
        h = lines * line_h + 1.2
        if self.get_y() + h > self.h - self.b_margin:
            self.add_page()
        y, x = self.get_y(), self.l_margin
        for i, (w, t) in enumerate(zip(widths, texts)):
            if fill:
                self.rect(x, y, w, h, style="F")
            self.set_xy(x, y + 0.6)
            self.multi_cell(w, line_h, t, align="R" if i >= align_right_from and i not in left else "L")
            x += w
        self.set_xy(self.l_margin, y + h)

    # ---- the cash chart
    def cash_chart(self, parts, lang: str, height: float = 72):
        if self.get_y() + height + 14 > self.h - self.b_margin:
            self.add_page()
        x0, y0 = self.l_margin + 16, self.get_y() + 2
        w, h = self.w - self.r_margin - x0, height
        series = []
        for k, pt in enumerate(parts):
            series.append((pt.closing_cash, COLOURS[k % 3], False, pt))
            if len(parts) == 1:
                series.append((pt.cumulative_result, COLOURS[1], True, pt))
        values = [v for s, *_ in series for v in s] + [0.0]
        lo, hi = min(values), max(values)
        if hi - lo < 1:
            hi = lo + 1
        pad = 0.06 * (hi - lo)
        lo, hi = lo - pad, hi + pad
        n = max(len(pt.months) for pt in parts)

        def X(i):
            return x0 + w * i / max(1, n - 1)

        def Y(v):
            return y0 + h - h * (v - lo) / (hi - lo)
        # grid and y ticks
        self.font(6.5)
        self.set_draw_color(220, 220, 220)
        self.set_line_width(0.15)
        step = _nice_step((hi - lo) / 5)
        t = (lo // step + 1) * step
        while t < hi:
            self.line(x0, Y(t), x0 + w, Y(t))
            self.set_xy(self.l_margin - 2, Y(t) - 2)
            self.cell(17, 4, self.text(_short_eur(t, lang)), align="R")
            t += step
        # zero line
        self.set_draw_color(80, 80, 80)
        self.set_line_width(0.3)
        self.line(x0, Y(0), x0 + w, Y(0))
        # x ticks: January of each year
        months = parts[0].months
        self.set_text_color(*GREY)
        for i, m in enumerate(months):
            if m.endswith("-01"):
                self.set_draw_color(200, 200, 200)
                self.line(X(i), y0 + h, X(i), y0 + h + 1.2)
                self.set_xy(X(i) - 8, y0 + h + 1.2)
                self.cell(16, 3.5, m[:4], align="C")
        self.set_text_color(0, 0, 0)
        # lines
        for data, colour, dashed, _pt in series:
            self.set_draw_color(*colour)
            self.set_line_width(0.6 if not dashed else 0.4)
            if dashed:
                self.set_dash_pattern(dash=1.5, gap=1)
            self.polyline([(X(i), Y(v)) for i, v in enumerate(data)])
            self.set_dash_pattern()
        # break-even
        for k, pt in enumerate(parts):
            if pt.break_even and pt.break_even in pt.months:
                i = pt.months.index(pt.break_even)
                self.set_draw_color(46, 125, 50)
                self.set_line_width(0.35)
                self.set_dash_pattern(dash=0.8, gap=0.8)
                self.line(X(i), y0, X(i), y0 + h)
                self.set_dash_pattern()
                self.font(6.5, True)
                self.set_text_color(27, 94, 32)
                self.set_xy(X(i) + 0.8, y0 + 1 + 3.5 * k)
                self.cell(40, 3.5, self.text(f"{_L('ui.break_even', lang)} {fmt_month(pt.break_even, lang)}"))
                self.set_text_color(0, 0, 0)
        # frame and legend
        self.set_draw_color(150, 150, 150)
        self.set_line_width(0.2)
        self.rect(x0, y0, w, h)
        self.set_xy(self.l_margin, y0 + h + 5)
        self.font(7.5)
        for data, colour, dashed, pt in series:
            what = _L("cumulative_result" if dashed else "closing_cash", lang)
            text = self.text(f"{what}" + ("" if len(parts) == 1 else f": {pt.name}"))
            if self.get_x() + 8 + self.get_string_width(text) > self.w - self.r_margin:
                self.ln(4.5)        # the legend wraps rather than runs off the page
            self.set_draw_color(*colour)
            self.set_line_width(0.6)
            yy = self.get_y() + 2
            if dashed:
                self.set_dash_pattern(dash=1.5, gap=1)
            self.line(self.get_x(), yy, self.get_x() + 7, yy)
            self.set_dash_pattern()
            self.set_x(self.get_x() + 8)
            self.cell(self.get_string_width(text) + 6, 4, text)
        self.ln(6)


def _nice_step(raw: float) -> float:
    import math
    if raw <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _short_eur(v: float, lang: str) -> str:
    from simulator.i18n import fmt_eur, fmt_number
    if abs(v) >= 1000:
        text = f"{fmt_number(v / 1000, 0, lang)} t€" if lang == "fi" else f"€{fmt_number(v / 1000, 0, lang)}k"
        return text.replace("-", "−")
    return fmt_eur(v, 0, lang)


def render(brief: Brief, made: dt.datetime, author: str = "") -> bytes:
    lg = brief.lang
    parts = brief.parts
    when = made.strftime("%-d.%-m.%Y %H:%M") if lg == "fi" else made.strftime("%Y-%m-%d %H:%M")
    doc = _Doc(f"{_L('brief.footer', lg)} · {brief.title[:90]} · {when}")
    doc.set_title(brief.title)
    doc.set_author(author or "")
    doc.set_creator("employment-model cash-flow simulator")
    doc.add_page()
    # --- title and meta
    doc.font(16, True)
    doc.multi_cell(0, 7.5, doc.text(_L("brief.heading", lg)), new_x="LMARGIN", new_y="NEXT")
    doc.font(12.5, True)
    doc.multi_cell(0, 6.5, doc.text(brief.title), new_x="LMARGIN", new_y="NEXT")
    doc.ln(1)
    doc.font(8.5)
    doc.set_text_color(*GREY)
    meta = [f"{_L('brief.date', lg)}: {when}", f"{_L('brief.author', lg)}: {author or '–'}",
            f"{_L('brief.revision', lg)}: " + ", ".join(pt.revision for pt in parts)]
    doc.multi_cell(0, 4.5, doc.text(" · ".join(meta)), new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(0, 0, 0)
    # --- what is compared and why
    doc.heading(_L("brief.what", lg))
    doc.para(_L("brief.what.one" if len(parts) == 1 else "brief.what.many", lg).format(n=len(parts)))
    for pt in parts:
        doc.para(f"{pt.name} — {pt.model}, {pt.owner}, {pt.period}", 9.5, True)
        if pt.description:
            desc = pt.description if len(pt.description) < 700 else pt.description[:697] + "…"
            doc.para(desc, 8.5)
    # --- key figures
    doc.heading(_L("brief.kpis", lg))
    head = [_L("brief.kpi", lg)] + [pt.name for pt in parts]
    if len(parts) > 1:
        head += [f"{_L('difference', lg)}: {pt.name} − {parts[0].name}" for pt in parts[1:]]
    rows = [[name] + values + diffs for name, values, diffs in brief.kpi_rows]
    doc.table(head, rows, [3.2] + [2.0] * (len(head) - 1))
    # --- by party
    doc.heading(_L("brief.parties", lg), need=20)
    if brief.parties is None:
        doc.para(brief.parties_note, 8.5)
    else:
        doc.para(_L("brief.parties.note", lg), 8)
        doc.table([_L("brief.party", lg)] + [pt.name for pt in parts], [[n] + v for n, v in brief.parties],
                  [3.0] + [2.6] * len(parts), size=8)
    # --- cash chart
    doc.heading(_L("brief.cash", lg), need=95)
    be = "; ".join(f"{pt.name}: {fmt_month(pt.break_even, lg) if pt.break_even else _L('brief.never', lg)}"
                   for pt in parts)
    doc.para(f"{_L('brief.break_even', lg)} {be}", 8.5)
    doc.cash_chart(parts, lg)
    # --- people
    doc.heading(_L("brief.people", lg), need=35)
    doc.para(_L("brief.people.note", lg), 8)
    for pt in parts:
        if len(parts) > 1:
            doc.para(pt.name, 9, True)
        if pt.people:
            doc.table([_L("brief.person", lg), _L("brief.net_income", lg), _L("brief.change", lg),
                       _L("brief.change_month", lg)], pt.people, [1.4, 2, 2, 2], size=8)
        else:
            doc.para(_L("brief.people.none", lg), 8.5)
    # --- risk in words
    doc.heading(_L("brief.risk", lg), need=25)
    for pt in parts:
        if len(parts) > 1:
            doc.para(pt.name, 9, True)
        doc.bullets(pt.risk)
    # --- assumptions
    doc.heading(_L("brief.assumptions", lg), need=35)
    doc.para(_L("brief.assumptions.note", lg), 8)
    for pt in parts:
        if len(parts) > 1:
            doc.para(pt.name, 9, True)
        doc.table([_L("brief.assumption", lg), _L("brief.swing", lg), _L("brief.source", lg),
                   _L("brief.status", lg)], pt.assumptions, [3.4, 1.4, 3.4, 1.8], size=7.5, left=(2, 3))
    # --- what differs
    if brief.differences:
        doc.heading(_L("brief.differs", lg), need=20)
        doc.bullets(brief.differences, 8.5)
    doc.ln(2)
    doc.font(7.5)
    doc.set_text_color(*GREY)
    doc.multi_cell(0, 3.8, doc.text(_L("brief.method", lg)), new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())
